"""The session's steps through the real actions: scheduling with its agenda and inviting the
procuratorate, who attends, postponing, recording the session (the opinion on the linked case),
closing and cancelling; and the 3-day notice rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.core.access import access_for
from liaison.notifications.models import Notification
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionInvalid, WorkflowError
from liaison.workflow.models import Invitation, MatterParty, Relation
from liaison.workflow.selectors import timeline_of

from ..actions import agenda_item_add
from ..models import AgendaItem, CommitteeSession
from ..rules import earliest_session_day, notify_by_for
from ..workflows import OPINION_EVENT
from .factories import World, confirmed, scheduled, session_day, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def _hold_data(session: CommitteeSession, *, came: bool = True, opinion: str = "") -> dict:
    item = AgendaItem.objects.get(session=session)
    data = {f"decision_{item.pk}": "改判，支持检察机关的再审检察建议。"}
    if opinion:
        data[f"opinion_{item.pk}"] = opinion
    if came is not None:
        data["attendance"] = "attended" if came else "absent"
    return data


def test_scheduling_opens_the_session_with_its_agenda_and_invites_the_procuratorate(w) -> None:
    session = scheduled(w)
    assert session.state == "scheduled"
    assert session.owner == w.c.court
    assert MatterParty.objects.filter(
        matter=session, relation=Relation.PARTNER_ORG, organisation=w.c.procuratorate
    ).exists()
    item = AgendaItem.objects.get(session=session)
    assert (item.court_case_number, item.matter_id) == ("（2026）青0103民再5号", w.linked.pk)
    assert session.notify_by == notify_by_for(session.day)
    told = set(Notification.objects.filter(matter=session).values_list("recipient", flat=True))
    assert {w.c.chief.pk, w.c.head.pk} <= told
    assert w.c.prosecutor.pk not in told


def test_the_chief_procurator_confirms_they_attend(w) -> None:
    session = confirmed(w)
    assert session.state == "confirmed"
    invitation = Invitation.objects.get(matter=session)
    assert (invitation.person, invitation.state) == (w.c.chief, Invitation.State.ACCEPTED)
    assert MatterParty.objects.filter(
        matter=session, relation=Relation.PARTICIPANT, person=w.c.chief
    ).exists()
    assert Notification.objects.filter(matter=session, recipient=w.c.judge).count() >= 1


def test_the_chief_procurator_entrusts_a_deputy(w) -> None:
    session = scheduled(w)
    transition(
        matter=session,
        name="confirm",
        access=access_for(w.c.chief),
        data={"attendee": str(w.c.head.pk)},
    )
    assert Invitation.objects.get(matter=session).person == w.c.head


def test_only_the_chief_procurator_entrusts_someone_else(w) -> None:
    session = scheduled(w)
    with pytest.raises(WorkflowError):
        transition(
            matter=session,
            name="confirm",
            access=access_for(w.c.head),
            data={"attendee": str(w.c.head.pk)},
        )
    session.refresh_from_db()
    assert session.state == "scheduled"
    assert not Invitation.objects.filter(matter=session).exists()
    # A department head may confirm that the chief procurator attends.
    transition(
        matter=session,
        name="confirm",
        access=access_for(w.c.head),
        data={"attendee": str(w.c.chief.pk)},
    )
    assert Invitation.objects.get(matter=session).person == w.c.chief


def test_the_attendee_is_a_senior_of_the_procuratorate_invited(w) -> None:
    session = scheduled(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=session,
            name="confirm",
            access=access_for(w.c.chief),
            data={"attendee": str(w.c.prosecutor.pk)},
        )
    assert not Invitation.objects.filter(matter=session).exists()


def test_the_procuratorate_declines_with_its_reason(w) -> None:
    session = scheduled(w)
    transition(
        matter=session,
        name="decline",
        access=access_for(w.c.chief),
        data={"note": "检察长当日另有公务，且本案无需列席。"},
    )
    session.refresh_from_db()
    assert session.state == "declined"
    assert session.timeline.get(transition="decline").note.startswith("检察长当日另有公务")


def test_postponing_moves_the_time_and_asks_again_who_attends(w) -> None:
    session = confirmed(w)
    later = timezone.now() + timedelta(days=20)
    transition(
        matter=session,
        name="postpone",
        access=access_for(w.c.judge),
        data={
            "scheduled_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
            "note": "院长出差",
        },
    )
    session.refresh_from_db()
    assert session.state == "scheduled"
    assert session.day == timezone.localtime(later).date()
    assert session.notify_by == notify_by_for(session.day)
    # The chief procurator confirms again: the same invitation, accepted.
    transition(
        matter=session,
        name="confirm",
        access=access_for(w.c.chief),
        data={"attendee": str(w.c.chief.pk)},
    )
    assert Invitation.objects.get(matter=session).state == Invitation.State.ACCEPTED


def test_postponing_to_too_soon_a_day_is_refused(w) -> None:
    session = confirmed(w)
    before = session.scheduled_at
    with pytest.raises(TransitionInvalid) as refusal:
        transition(
            matter=session,
            name="postpone",
            access=access_for(w.c.judge),
            data={
                "scheduled_at": timezone.localtime(timezone.now() + timedelta(days=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
                "note": "提前",
            },
        )
    assert "scheduled_at" in refusal.value.form.errors
    session.refresh_from_db()
    assert (session.state, session.scheduled_at) == ("confirmed", before)


def test_recording_the_session_puts_the_opinion_on_the_linked_case(w) -> None:
    session = session_day(confirmed(w))
    transition(
        matter=session,
        name="hold",
        access=access_for(w.c.judge),
        data=_hold_data(session, opinion="原判认定事实错误，建议改判。"),
    )
    session.refresh_from_db()
    assert session.state == "held"
    assert Invitation.objects.get(matter=session).state == Invitation.State.ATTENDED
    item = AgendaItem.objects.get(session=session)
    assert item.opinion == "原判认定事实错误，建议改判。"
    assert item.decision.startswith("改判")
    event = w.linked.timeline.get(action=OPINION_EVENT)
    assert "原判认定事实错误" in event.note and session.case_number in event.note
    labels = [e.label for e in timeline_of(w.linked) if e.event.pk == event.pk]
    assert labels and labels[0]
    transition(matter=session, name="close", access=access_for(w.c.judge))
    session.refresh_from_db()
    assert session.state == "closed"


def test_an_absent_attendee_gives_no_opinion(w) -> None:
    session = session_day(confirmed(w))
    with pytest.raises(TransitionInvalid) as refusal:
        transition(
            matter=session,
            name="hold",
            access=access_for(w.c.judge),
            data=_hold_data(session, came=False, opinion="意见"),
        )
    assert refusal.value.form.errors
    transition(
        matter=session,
        name="hold",
        access=access_for(w.c.judge),
        data=_hold_data(session, came=False),
    )
    assert Invitation.objects.get(matter=session).state == Invitation.State.ABSENT
    note = w.linked.timeline.get(action=OPINION_EVENT).note
    assert "（2026）青0103民再5号" in note and "改判" in note


def test_opinions_are_not_recorded_before_the_session_day(w) -> None:
    session = confirmed(w)
    with pytest.raises(WorkflowError):
        transition(
            matter=session,
            name="hold",
            access=access_for(w.c.judge),
            data=_hold_data(session, opinion="意见"),
        )
    session.refresh_from_db()
    assert session.state == "confirmed"
    assert AgendaItem.objects.get(session=session).opinion == ""
    assert not w.linked.timeline.filter(action=OPINION_EVENT).exists()


def test_cancelling_tells_the_procuratorate_and_the_attendee(w) -> None:
    session = confirmed(w)
    Notification.objects.all().delete()
    transition(
        matter=session, name="cancel", access=access_for(w.c.judge), data={"note": "案件已调解结案"}
    )
    session.refresh_from_db()
    assert session.state == "cancelled"
    told = set(Notification.objects.filter(matter=session).values_list("recipient", flat=True))
    assert {w.c.chief.pk, w.c.head.pk} <= told


def test_a_case_added_to_the_agenda_is_told_to_the_procuratorate(w) -> None:
    session = scheduled(w)
    Notification.objects.all().delete()
    agenda_item_add(
        access=access_for(w.c.judge),
        session=session,
        court_case_number="（2026）青0103民再6号",
        summary="另一再审案件。",
    )
    assert AgendaItem.objects.filter(session=session).count() == 2
    assert Notification.objects.filter(matter=session, recipient=w.c.chief).exists()


# -- the 3-day rule and other bad input ----------------------------------------------------------


def test_a_session_in_the_past_is_refused(w) -> None:
    with pytest.raises(ValidationError) as refusal:
        scheduled(w, scheduled_at=timezone.now() - timedelta(hours=1))
    assert "scheduled_at" in refusal.value.message_dict
    assert not CommitteeSession.objects.exists()


def test_a_session_too_soon_for_three_days_notice_is_refused(w) -> None:
    with pytest.raises(ValidationError) as refusal:
        scheduled(w, scheduled_at=timezone.now() + timedelta(days=1))
    message = refusal.value.message_dict["scheduled_at"][0]
    assert earliest_session_day(timezone.localdate()).isoformat() in message
    assert not CommitteeSession.objects.exists()


def test_the_earliest_day_is_accepted(w) -> None:
    day = earliest_session_day(timezone.localdate())
    when = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    session = scheduled(w, scheduled_at=when + timedelta(hours=9))
    assert session.notify_by >= timezone.localdate()


def test_an_agenda_item_naming_a_matter_the_scheduler_does_not_see_is_refused(w) -> None:
    from liaison.workflow.tests.factories import sent_notice

    unseen = sent_notice()  # between two other organisations
    with pytest.raises(ValidationError) as refusal:
        scheduled(w, matter=unseen)
    assert "matter" in refusal.value.message_dict
    assert not CommitteeSession.objects.exists()


def test_adding_to_the_agenda_after_the_notice_day_is_refused(w) -> None:
    session = scheduled(w)
    CommitteeSession.objects.filter(pk=session.pk).update(
        notify_by=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(WorkflowError):
        agenda_item_add(
            access=access_for(w.c.judge),
            session=session,
            court_case_number="（2026）青0103民再6号",
            summary="另一再审案件。",
        )
    assert AgendaItem.objects.filter(session=session).count() == 1
