"""Two of the court's users changing one session's agenda at the same moment, on two real
database connections (PostgreSQL; SQLite serialises writers): the session's row lock makes
them take turns, and an item's version refuses the second of two edits made from the same
page, so nothing is lost or undone silently."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.core.tests.races import postgres_only, race
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, WorkflowError
from liaison.workflow.models import TimelineEvent

from ..actions import agenda_item_add, agenda_item_edit, agenda_item_withdraw
from ..models import AgendaItem, CommitteeSession
from ..workflows import AGENDA_EDIT_EVENT, AGENDA_EVENT, AGENDA_WITHDRAW_EVENT
from .factories import added, scheduled, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_two_judges_adding_at_once_both_land() -> None:
    w = world()
    session = scheduled(w)
    judges = [w.c.judge, member(w.c.court, Role.JUDGE, name="王审判员")]
    results = race(
        [
            (
                lambda j=j, n=n: agenda_item_add(
                    access=access_for(j),
                    session=session,
                    court_case_number=f"（2026）青0103民再{n}号",
                    summary="同时加入的案件。",
                )
            )
            for j, n in zip(judges, (6, 7), strict=True)
        ]
    )
    assert all(isinstance(r, AgendaItem) for r in results), results
    assert AgendaItem.objects.filter(session=session).count() == 3
    assert CommitteeSession.objects.get(pk=session.pk).agenda_changes == 2
    assert TimelineEvent.objects.filter(matter=session, action=AGENDA_EVENT).count() == 2


def test_two_edits_of_one_item_from_the_same_page_one_wins() -> None:
    w = world()
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    judges = [w.c.judge, member(w.c.court, Role.JUDGE, name="王审判员")]
    results = race(
        [
            (
                lambda j=j, text=text: agenda_item_edit(
                    access=access_for(j),
                    session=session,
                    item=item,
                    version=1,
                    court_case_number=item.court_case_number,
                    summary=text,
                    matter=item.matter,
                )
            )
            for j, text in zip(judges, ("甲法官的修改。", "乙法官的修改。"), strict=True)
        ]
    )
    winners = [r for r in results if isinstance(r, AgendaItem)]
    assert len(winners) == 1, results
    assert len([r for r in results if isinstance(r, TransitionConflict)]) == 1, results
    item.refresh_from_db()
    assert (item.summary, item.version) == (winners[0].summary, 2)
    assert TimelineEvent.objects.filter(matter=session, action=AGENDA_EDIT_EVENT).count() == 1


def test_an_edit_and_a_withdrawal_at_once_leave_one_consistent_item() -> None:
    w = world()
    session = scheduled(w)
    second = added(w, session)
    results = race(
        [
            lambda: agenda_item_edit(
                access=access_for(w.c.judge),
                session=session,
                item=second,
                version=1,
                court_case_number=second.court_case_number,
                summary="改后的议题。",
                matter=None,
            ),
            lambda: agenda_item_withdraw(
                access=access_for(w.c.judge), session=session, item=second, version=1, reason="撤"
            ),
        ]
    )
    assert len([r for r in results if isinstance(r, WorkflowError)]) == 1, results
    second.refresh_from_db()
    assert second.version == 2
    events = TimelineEvent.objects.filter(
        matter=session, action__in=[AGENDA_EDIT_EVENT, AGENDA_WITHDRAW_EVENT]
    )
    assert events.count() == 1


def test_withdrawing_the_two_last_items_at_once_leaves_one() -> None:
    """Each alone would leave a case on the agenda; together they would leave none: the lock
    makes the second see the first, and refuse."""
    w = world()
    session = scheduled(w)
    first = AgendaItem.objects.get(session=session)
    second = added(w, session)
    results = race(
        [
            (
                lambda i=i: agenda_item_withdraw(
                    access=access_for(w.c.judge), session=session, item=i, version=1, reason="撤"
                )
            )
            for i in (first, second)
        ]
    )
    assert len([r for r in results if isinstance(r, WorkflowError)]) == 1, results
    live = AgendaItem.objects.filter(session=session, withdrawn_at__isnull=True)
    assert live.count() == 1


def test_an_edit_racing_the_session_move_is_kept_with_the_new_time() -> None:
    w = world()
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    later = timezone.localtime(timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    results = race(
        [
            lambda: agenda_item_edit(
                access=access_for(w.c.judge),
                session=session,
                item=item,
                version=1,
                court_case_number=item.court_case_number,
                summary="改后的议题。",
                matter=item.matter,
            ),
            lambda: transition(
                matter=CommitteeSession.objects.get(pk=session.pk),
                name="postpone",
                access=access_for(w.c.judge),
                data={"scheduled_at": later.strftime("%Y-%m-%dT%H:%M"), "note": "改期"},
            ),
        ]
    )
    assert not any(isinstance(r, Exception) for r in results), results
    session = CommitteeSession.objects.get(pk=session.pk)
    assert (session.scheduled_at, session.agenda_changes) == (later, 1)
    assert AgendaItem.objects.get(pk=item.pk).summary == "改后的议题。"
