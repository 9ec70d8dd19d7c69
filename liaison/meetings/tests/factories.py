"""Joint meetings for tests, through the real actions: an agreement in force between a
procuratorate and a court, each party's liaison person named, a meeting scheduled by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.agreements.actions import liaison_person_name
from liaison.agreements.models import Agreement
from liaison.agreements.tests.factories import Sides, in_force, sides
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition

from ..actions import meeting_schedule, minutes_approve, resolution_record
from ..models import ActionItem, JointMeeting, Resolution


@dataclass
class World:
    s: Sides
    agreement: Agreement
    luo: User  # the procuratorate's liaison person
    zhou: User  # the court's liaison person
    clerk: User  # another of the court's staff


def world(*, signed_days_ago: int = 100, cadence: int = 3) -> World:
    s = sides()
    agreement = in_force(
        s, signed_on=timezone.localdate() - timedelta(days=signed_days_ago), meeting_cadence=cadence
    )
    luo = member(s.procuratorate, Role.LIAISON, name="罗伟民")
    zhou = member(s.court, Role.LIAISON, name="周法官")
    clerk = member(s.court, Role.JUDGE, name="陈书记员")
    liaison_person_name(
        agreement=agreement, organisation=s.procuratorate, person=luo, access=access_for(s.admin)
    )
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=zhou, access=access_for(s.court_admin)
    )
    return World(
        s=s, agreement=Agreement.objects.get(pk=agreement.pk), luo=luo, zhou=zhou, clerk=clerk
    )


def scheduled(
    w: World, *, by: User | None = None, days_ahead: int = 10, **fields: Any
) -> JointMeeting:
    return meeting_schedule(
        access=access_for(by or w.luo),
        agreement=w.agreement,
        title=fields.pop("title", "2026年第四季度民事执行监督联席会议"),
        starts_at=fields.pop("starts_at", timezone.now() + timedelta(days=days_ahead)),
        place=fields.pop("place", "康巴什区人民检察院第一会议室"),
    )


def make_it_the_day(meeting: JointMeeting, *, days_ago: int = 0) -> JointMeeting:
    JointMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=days_ago, minutes=5)
    )
    return JointMeeting.objects.get(pk=meeting.pk)


def held(w: World, *, days_ago: int = 0) -> JointMeeting:
    meeting = make_it_the_day(scheduled(w), days_ago=days_ago)
    transition(matter=meeting, name="hold", access=access_for(w.luo), data={})
    return JointMeeting.objects.get(pk=meeting.pk)


def drafted(w: World, text: str = "会议通报了本季度民事执行监督案件情况。") -> JointMeeting:
    meeting = held(w)
    transition(
        matter=meeting, name="draft_minutes", access=access_for(w.luo), data={"minutes": text}
    )
    return JointMeeting.objects.get(pk=meeting.pk)


def approved_by_both(w: World) -> JointMeeting:
    meeting = drafted(w)
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    minutes_approve(access=access_for(w.zhou), meeting=meeting)
    return JointMeeting.objects.get(pk=meeting.pk)


def resolved(w: World, meeting: JointMeeting, *, urgent: bool = False) -> Resolution:
    return resolution_record(
        access=access_for(w.luo),
        meeting=meeting,
        text="法院于三十日内反馈执行异议案件办理情况。",
        owner=w.s.court,
        person=w.zhou,
        task="反馈执行异议案件办理情况",
        urgent=urgent,
    )


def item_of(resolution: Resolution) -> ActionItem:
    return ActionItem.objects.get(resolution=resolution)


def today() -> date:
    return timezone.localdate()


def url_world() -> dict[str, Any]:
    """A meeting with minutes and an action item, for the URL access table
    (``core/tests/test_url_access.py``)."""
    w = world()
    meeting = drafted(w)
    item = item_of(resolved(w, meeting))
    guarded: dict[str, tuple[str, list[Any]]] = {
        "meetings:new": ("get", [w.agreement.pk]),
        "meetings:invite": ("post", [meeting.pk]),
        "meetings:respond": ("post", [meeting.pk]),
        "meetings:agenda": ("post", [meeting.pk]),
        "meetings:approve": ("post", [meeting.pk]),
        "meetings:resolve": ("post", [meeting.pk]),
        "meetings:ical": ("get", [meeting.pk]),
        "meetings:minutes": ("get", [meeting.pk, "pdf"]),
        "meetings:progress": ("post", [item.pk]),
    }
    return {"meeting": meeting, "item": item, "guarded": guarded}
