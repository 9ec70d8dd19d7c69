"""Changing the agenda of a scheduled session through the real actions: correcting an item,
withdrawing one with the reason, each an event on the session's timeline, in the audit log and
told to the procuratorate; refused once the session has begun or is over, for anyone but the
court's side, over someone else's change, and past the notice day for a new case number."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.notifications.models import Notification
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError

from ..actions import agenda_item_add, agenda_item_edit, agenda_item_withdraw
from ..forms import HoldForm
from ..models import AgendaItem, CommitteeSession
from ..workflows import AGENDA_EDIT_EVENT, AGENDA_WITHDRAW_EVENT
from .factories import World, added, confirmed, scheduled, session_day, world
from .test_permissions import _others

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_SUMMARY = "再审检察建议所涉借款合同纠纷一案是否改判，并审查利息计算。"


@pytest.fixture
def w() -> World:
    return world()


def _first(session: CommitteeSession) -> AgendaItem:
    return AgendaItem.objects.filter(session=session).order_by("pk").first()  # type: ignore[return-value]


def _edit(
    w: World, session: CommitteeSession, item: AgendaItem, *, by: Any = None, **changes: Any
) -> AgendaItem:
    fields = {
        "court_case_number": item.court_case_number,
        "summary": item.summary,
        "matter": item.matter,
        "version": item.version,
    } | changes
    access = access_for(by or w.c.judge)
    return agenda_item_edit(access=access, session=session, item=item, **fields)


def _withdraw(w: World, session: CommitteeSession, item: AgendaItem, **kw: Any) -> AgendaItem:
    return agenda_item_withdraw(
        access=access_for(kw.get("by", w.c.judge)),
        session=session,
        item=item,
        version=kw.get("version", item.version),
        reason=kw.get("reason", "当事人已和解撤诉，无需审委会讨论。"),
    )


def _told(session: CommitteeSession, event: str) -> set[int]:
    return set(
        Notification.objects.filter(matter=session, event=event).values_list("recipient", flat=True)
    )


# -- correcting an item ----------------------------------------------------------------------


def test_the_court_corrects_an_item_and_the_procuratorate_is_told(w) -> None:
    session = confirmed(w)
    item = _first(session)
    edited = _edit(w, session, item, summary=NEW_SUMMARY, matter=None)
    assert (edited.summary, edited.matter_id, edited.version) == (NEW_SUMMARY, None, 2)
    event = session.timeline.get(action=AGENDA_EDIT_EVENT)
    assert event.data["case"] == item.court_case_number
    assert AuditRecord.objects.filter(action=AGENDA_EDIT_EVENT).count() == 1
    # The seniors and the attendee named (the chief procurator) are told; the prosecutor is not.
    assert {w.c.chief.pk, w.c.head.pk} <= _told(session, AGENDA_EDIT_EVENT)
    assert w.c.prosecutor.pk not in _told(session, AGENDA_EDIT_EVENT)
    note = Notification.objects.filter(event=AGENDA_EDIT_EVENT).first()
    assert note is not None and note.params["case"] == item.court_case_number


def test_a_new_case_number_before_the_notice_day(w) -> None:
    session = scheduled(w)
    item = _first(session)
    edited = _edit(w, session, item, court_case_number="（2026）青0103民再7号")
    assert edited.court_case_number == "（2026）青0103民再7号"
    assert session.timeline.get(action=AGENDA_EDIT_EVENT).note.endswith("民再7号")


def test_after_the_notice_day_the_summary_changes_but_not_the_case(w) -> None:
    session = scheduled(w)
    item = _first(session)
    CommitteeSession.objects.filter(pk=session.pk).update(
        notify_by=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refusal:
        _edit(w, session, item, court_case_number="（2026）青0103民再7号")
    assert "court_case_number" in refusal.value.message_dict
    item.refresh_from_db()
    assert (item.court_case_number, item.version) == ("（2026）青0103民再5号", 1)
    assert _edit(w, session, item, summary=NEW_SUMMARY).summary == NEW_SUMMARY


def test_an_edit_over_someone_elses_is_refused(w) -> None:
    session = scheduled(w)
    item = _first(session)
    _edit(w, session, item, summary=NEW_SUMMARY)
    with pytest.raises(TransitionConflict):
        _edit(w, session, item, summary="另一位法官的修改。", version=1)
    item.refresh_from_db()
    assert (item.summary, item.version) == (NEW_SUMMARY, 2)
    assert session.timeline.filter(action=AGENDA_EDIT_EVENT).count() == 1


def test_an_edit_changing_nothing_is_refused(w) -> None:
    session = scheduled(w)
    with pytest.raises(ValidationError):
        _edit(w, session, _first(session))
    assert not session.timeline.filter(action=AGENDA_EDIT_EVENT).exists()


def test_linking_a_matter_the_judge_does_not_see_is_refused(w) -> None:
    from liaison.workflow.tests.factories import sent_notice

    session = scheduled(w)
    with pytest.raises(ValidationError) as refusal:
        _edit(w, session, _first(session), matter=sent_notice())
    assert "matter" in refusal.value.message_dict
    assert _first(session).matter_id == w.linked.pk


# -- withdrawing an item ---------------------------------------------------------------------


def test_a_withdrawn_item_stays_marked_and_leaves_the_record(w) -> None:
    session = confirmed(w)
    second = added(w, session)
    withdrawn = _withdraw(w, session, second)
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawal_reason.startswith("当事人已和解撤诉")
    assert AgendaItem.objects.filter(session=session).count() == 2  # kept, not deleted
    event = session.timeline.get(action=AGENDA_WITHDRAW_EVENT)
    assert event.data["case"] == second.court_case_number
    assert event.note == f"{second.court_case_number}\n{withdrawn.withdrawal_reason}"
    assert AuditRecord.objects.filter(action=AGENDA_WITHDRAW_EVENT).count() == 1
    assert {w.c.chief.pk, w.c.head.pk} <= _told(session, AGENDA_WITHDRAW_EVENT)
    # The committee records only what it still discusses.
    session = session_day(session)
    form = HoldForm(matter=session)
    assert [i.pk for i in form.items] == [_first(session).pk]
    first = _first(session)
    transition(
        matter=session,
        name="hold",
        access=access_for(w.c.judge),
        data={"attendance": "attended", f"decision_{first.pk}": "改判。"},
    )
    second.refresh_from_db()
    assert second.decision == ""


def test_a_withdrawn_item_is_neither_edited_nor_withdrawn_again(w) -> None:
    session = scheduled(w)
    second = _withdraw(w, session, added(w, session))
    with pytest.raises(WorkflowError, match="withdrawn"):
        _edit(w, session, second, summary=NEW_SUMMARY)
    with pytest.raises(WorkflowError, match="withdrawn"):
        _withdraw(w, session, second)
    assert session.timeline.filter(action=AGENDA_WITHDRAW_EVENT).count() == 1


def test_the_last_case_is_not_withdrawn(w) -> None:
    session = scheduled(w)
    with pytest.raises(WorkflowError, match="cancel the session"):
        _withdraw(w, session, _first(session))
    assert _first(session).withdrawn_at is None


# -- nothing changes once the session has begun or is over -------------------------------------


def test_after_the_session_begins_the_agenda_is_fixed(w) -> None:
    session = confirmed(w)
    second = added(w, session)
    session = session_day(session)
    for change in (
        lambda: _edit(w, session, second, summary=NEW_SUMMARY),
        lambda: _withdraw(w, session, second),
        lambda: added(w, session, "（2026）青0103民再9号"),
    ):
        with pytest.raises(WorkflowError, match="began at"):
            change()
    second.refresh_from_db()
    assert (second.version, second.withdrawn_at) == (1, None)
    assert AgendaItem.objects.filter(session=session).count() == 2
    assert CommitteeSession.objects.get(pk=session.pk).agenda_changes == 1


@pytest.mark.parametrize("end", ["cancel", "hold"])
def test_a_session_cancelled_or_held_keeps_its_agenda(w, end) -> None:
    session = confirmed(w)
    second = added(w, session)
    data: dict[str, Any] = {"note": "法院另行安排。"}
    if end == "hold":
        session = session_day(session)
        data = {"attendance": "absent"} | {
            f"decision_{i.pk}": "改判。" for i in AgendaItem.objects.filter(session=session)
        }
    transition(matter=session, name=end, access=access_for(w.c.judge), data=data)
    with pytest.raises(WorkflowError, match="no longer changes"):
        _withdraw(w, session, second)
    assert AgendaItem.objects.get(pk=second.pk).withdrawn_at is None


# -- who may change it -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["judge of another court", "prosecutor", "stranger", "chief", "enforcement"]
)
def test_only_the_courts_president_and_judges_change_the_agenda(w, who) -> None:
    """Not another court's judge, the procuratorate (not even its chief procurator attending),
    a stranger, nor the court's own enforcement officer (not one of ``COMMITTEE_ROLES``)."""
    session = confirmed(w)
    second = added(w, session)
    person = {"chief": w.c.chief, "enforcement": w.c.enforcement}.get(who) or _others(w)[who]
    with pytest.raises(TransitionForbidden):
        _edit(w, session, second, summary=NEW_SUMMARY, by=person)
    with pytest.raises(TransitionForbidden):
        _withdraw(w, session, second, by=person)
    second.refresh_from_db()
    assert (second.summary, second.withdrawn_at) == ("另一再审案件是否改判。", None)
    assert not session.timeline.filter(
        action__in=[AGENDA_EDIT_EVENT, AGENDA_WITHDRAW_EVENT]
    ).exists()


def test_the_court_president_changes_the_agenda_too(w) -> None:
    from liaison.core.tests.factories import member
    from liaison.orgs.roles import Role

    session = scheduled(w)
    president = member(w.c.court, Role.COURT_PRESIDENT)
    second = added(w, session)
    assert _withdraw(w, session, second, by=president).withdrawn_at is not None


def test_adding_counts_as_an_agenda_change(w) -> None:
    session = scheduled(w)
    agenda_item_add(
        access=access_for(w.c.judge),
        session=session,
        court_case_number="（2026）青0103民再8号",
        summary="第三件。",
    )
    assert CommitteeSession.objects.get(pk=session.pk).agenda_changes == 1
