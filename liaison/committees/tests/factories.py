"""Adjudication committee sessions through the real actions, on the courts' world: the
Chengzhong court and procuratorate that cooperate, and a matter both sides see (an information
notice the procuratorate sent the court: cheaper than a served recommendation, whose formal
document is rendered, and linked the same way)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from liaison.core.access import access_for
from liaison.courts.tests import factories as courts
from liaison.workflow.actions import transition
from liaison.workflow.models import Matter
from liaison.workflow.tests.factories import sent_notice

from ..actions import agenda_item_add, session_schedule
from ..models import AgendaItem, CommitteeSession
from ..rules import notify_by_for


@dataclass
class World:
    c: courts.World
    linked: Matter


def world() -> World:
    c = courts.world()
    return World(
        c=c, linked=sent_notice(sender=c.procuratorate, recipient=c.court, author=c.prosecutor)
    )


def scheduled(w: World, *, days_ahead: int = 10, **fields: Any) -> CommitteeSession:
    return session_schedule(
        access=access_for(fields.pop("by", w.c.judge)),
        title=fields.pop("title", "审判委员会第12次会议"),
        scheduled_at=fields.pop("scheduled_at", timezone.now() + timedelta(days=days_ahead)),
        place=fields.pop("place", "城中区人民法院第一审委会议室"),
        procuratorate=fields.pop("procuratorate", w.c.procuratorate),
        court_case_number=fields.pop("court_case_number", "（2026）青0103民再5号"),
        summary=fields.pop("summary", "再审检察建议所涉借款合同纠纷一案是否改判。"),
        matter=fields.pop("matter", w.linked),
    )


def confirmed(w: World, **fields: Any) -> CommitteeSession:
    session = scheduled(w, **fields)
    transition(
        matter=session,
        name="confirm",
        access=access_for(w.c.chief),
        data={"attendee": str(w.c.chief.pk)},
    )
    return CommitteeSession.objects.get(pk=session.pk)


def session_day(session: CommitteeSession) -> CommitteeSession:
    """Time passes: the session is under way today."""
    CommitteeSession.objects.filter(pk=session.pk).update(
        scheduled_at=timezone.now() - timedelta(minutes=5)
    )
    return CommitteeSession.objects.get(pk=session.pk)


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: one session, its agenda form, an item's page and
    its withdrawal, and its calendar."""
    w = world()
    session = scheduled(w)
    item = session.committee_items.get()
    return {
        "session": session,
        "guarded": {
            "committees:agenda": ("post", [session.pk]),
            "committees:agenda-item": ("get", [session.pk, item.pk]),
            "committees:agenda-withdraw": ("post", [session.pk, item.pk]),
            "committees:ical": ("get", [session.pk]),
        },
    }


def added(w: World, session: CommitteeSession, number: str = "（2026）青0103民再6号") -> AgendaItem:
    """A second case on the agenda, added by the court's judge."""
    return agenda_item_add(
        access=access_for(w.c.judge),
        session=session,
        court_case_number=number,
        summary="另一再审案件是否改判。",
    )


def told_long_ago(session: CommitteeSession, days: int = 10) -> None:
    """The procuratorate was told of every case on the agenda ``days`` ago."""
    AgendaItem.objects.filter(session=session).update(
        added_at=timezone.now() - timedelta(days=days)
    )


def soon(session: CommitteeSession, *, hours: int = 30) -> CommitteeSession:
    """Time passes: the session is ``hours`` away, too soon to tell the procuratorate of it."""
    when = timezone.now() + timedelta(hours=hours)
    CommitteeSession.objects.filter(pk=session.pk).update(
        scheduled_at=when, notify_by=notify_by_for(timezone.localtime(when).date())
    )
    return CommitteeSession.objects.get(pk=session.pk)
