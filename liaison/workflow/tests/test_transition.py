"""The engine's one way to change a matter: permission, input, conditional update, side effects."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction

from liaison.audit.models import AuditRecord
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, TransitionInvalid
from liaison.workflow.models import Clock, Matter, TimelineEvent

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():  # type: ignore[no-untyped-def]
    procuratorate = OrganisationFactory(abbreviation="康检")
    the_court = court()
    prosecutor = member(procuratorate, Role.PROSECUTOR)
    judge = member(the_court, Role.JUDGE)
    return procuratorate, the_court, prosecutor, judge


def test_send_opens_a_numbered_matter_with_a_running_answer_clock(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    assert notice.state == "sent"
    assert notice.case_number is not None and notice.case_number.startswith("康检协〔")
    clock = Clock.objects.get(matter=notice)
    assert clock.state == Clock.State.RUNNING and clock.name == "answer"
    assert clock.due_on > clock.started_on
    actions = list(TimelineEvent.objects.filter(matter=notice).values_list("action", flat=True))
    assert actions == ["notices.notice.open", "notices.notice.send"]
    assert Notification.objects.filter(recipient=judge, matter=notice).count() == 1
    assert not Notification.objects.filter(recipient=prosecutor).exists()


def test_acknowledge_then_answer_stops_the_clock_and_tells_the_handler(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    transition(matter=notice, name="acknowledge", access=access_for(judge))
    transition(
        matter=notice,
        name="answer",
        access=access_for(judge),
        data={"answer": "已核实，正在执行。"},
    )
    notice.refresh_from_db()
    assert notice.state == "answered"
    assert notice.answer == "已核实，正在执行。"
    assert notice.closed_at is not None
    clock = Clock.objects.get(matter=notice)
    assert clock.state == Clock.State.STOPPED and clock.met_in_time
    assert Notification.objects.filter(recipient=prosecutor, matter=notice).count() == 2
    assert AuditRecord.objects.filter(
        action="notices.notice.answer", object_id=str(notice.pk)
    ).exists()
    last = TimelineEvent.objects.filter(matter=notice).last()
    assert last is not None and last.actor == judge and last.from_state == "acknowledged"


def test_someone_outside_the_partner_organisation_may_not_acknowledge(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, _judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    stranger = member(court(name="另一法院"), Role.JUDGE)
    for who in (stranger, prosecutor):
        with pytest.raises(TransitionForbidden):
            transition(matter=notice, name="acknowledge", access=access_for(who))
    notice.refresh_from_db()
    assert notice.state == "sent" and notice.version == 1


def test_a_lawyer_of_the_partner_kind_without_a_staff_role_may_not_act(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, _court, prosecutor, _judge = parties
    firm = OrganisationFactory(kind="law_firm", name="内蒙古树正律师事务所")
    lawyer = member(firm, Role.LAWYER)
    notice = sent_notice(sender=procuratorate, recipient=firm, author=prosecutor)
    with pytest.raises(TransitionForbidden):
        transition(matter=notice, name="acknowledge", access=access_for(lawyer))


def test_missing_input_is_refused_and_changes_nothing(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    events = TimelineEvent.objects.count()
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=notice, name="answer", access=access_for(judge), data={"answer": "  "})
    assert "answer" in refusal.value.form.errors
    notice.refresh_from_db()
    assert notice.state == "sent" and notice.answer == ""
    assert TimelineEvent.objects.count() == events


def test_a_stale_copy_loses_to_the_first_step_taken(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    stale = Matter.objects.get(pk=notice.pk).concrete()
    transition(matter=notice, name="acknowledge", access=access_for(judge))
    with pytest.raises(TransitionConflict):
        transition(matter=stale, name="acknowledge", access=access_for(judge))
    with pytest.raises(TransitionConflict):
        transition(matter=stale, name="answer", access=access_for(judge), data={"answer": "x"})
    assert TimelineEvent.objects.filter(matter=notice, transition="acknowledge").count() == 1


def test_a_step_from_the_wrong_state_is_a_conflict_not_a_crash(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    transition(matter=notice, name="answer", access=access_for(judge), data={"answer": "好"})
    with pytest.raises(TransitionConflict):
        transition(matter=notice, name="acknowledge", access=access_for(judge))


def test_withdraw_needs_a_reason_and_the_handler(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, _judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    colleague = member(procuratorate, Role.PROSECUTOR)
    with pytest.raises(TransitionForbidden):
        transition(matter=notice, name="withdraw", access=access_for(colleague), data={"note": "x"})
    transition(
        matter=notice, name="withdraw", access=access_for(prosecutor), data={"note": "发错了"}
    )
    notice.refresh_from_db()
    assert notice.state == "withdrawn"
    assert TimelineEvent.objects.filter(matter=notice).last().note == "发错了"  # type: ignore[union-attr]


def test_urgent_notices_run_on_the_urgent_period(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, _judge = parties
    normal = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    urgent = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor, urgent=True)
    normal_clock, urgent_clock = Clock.objects.get(matter=normal), Clock.objects.get(matter=urgent)
    assert urgent_clock.period_code == "notices.answer_urgent"
    assert urgent_clock.due_on < normal_clock.due_on


def test_the_system_may_take_any_step(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, _judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    transition(matter=notice, name="acknowledge", access=SYSTEM)
    assert TimelineEvent.objects.filter(matter=notice).last().actor is None  # type: ignore[union-attr]


def test_the_timeline_is_append_only(parties) -> None:  # type: ignore[no-untyped-def]
    procuratorate, the_court, prosecutor, _judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    with pytest.raises(DatabaseError), transaction.atomic():
        TimelineEvent.objects.filter(matter=notice).update(note="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(object_id=str(notice.pk)).update(action="x")


def test_a_refused_step_rolls_back_everything(parties, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """If anything fails after the state update, the state, clock and timeline stay as they were."""
    procuratorate, the_court, prosecutor, judge = parties
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)

    def broken_audit(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("audit store down")

    monkeypatch.setattr("liaison.workflow.actions.audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        transition(matter=notice, name="answer", access=access_for(judge), data={"answer": "好"})
    fresh = Matter.objects.get(pk=notice.pk)
    assert fresh.state == "sent" and fresh.version == 1
    assert Clock.objects.get(matter=notice).state == Clock.State.RUNNING
    assert not TimelineEvent.objects.filter(matter=notice, transition="answer").exists()
    assert timedelta(0) <= fresh.updated_at - fresh.created_at
