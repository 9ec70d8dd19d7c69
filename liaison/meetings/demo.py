"""Demo joint meetings (seed 003, Sixian: the procuratorate and the court's civil enforcement
supervision), through the real actions: one held some forty days ago, its minutes approved by
both sides, whose action item for the court was missed and is carried to the next meeting; one
held three days ago with an agenda linking a notice, its minutes approved, and an open action
item; and the next one scheduled. Meetings are scheduled ahead, as the action requires, and the
demo then moves their time back ("time passes"). Called from ``core/demo/``."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from liaison.accounts.models import User
from liaison.agreements.models import Agreement
from liaison.core.access import SYSTEM, access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import apply_transition, transition
from liaison.workflow.models import Invitation, Matter

from .actions import agenda_propose, meeting_schedule, minutes_approve, resolution_record
from .models import ActionItem, JointMeeting

AGREEMENT_TITLE = "关于完善民事执行活动法律监督协作配合机制的意见"


def _at_half_past_nine(days: int) -> datetime:
    """A meeting's time in the demo: half past nine in the morning, ``days`` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _held(agreement: Agreement, host: User, *, days_ago: int, title: str) -> JointMeeting:
    meeting = meeting_schedule(
        access=access_for(host),
        agreement=agreement,
        title=title,
        starts_at=_at_half_past_nine(1),
        place="泗县人民检察院三楼会议室",
    )
    JointMeeting.objects.filter(pk=meeting.pk).update(starts_at=_at_half_past_nine(-days_ago))
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    present = list(Invitation.objects.filter(matter=meeting).values_list("pk", flat=True))
    transition(matter=meeting, name="hold", access=access_for(host), data={"attended": present})
    return JointMeeting.objects.get(pk=meeting.pk)


def _approve(meeting: JointMeeting, host: User, other: User, minutes: str) -> None:
    transition(
        matter=meeting, name="draft_minutes", access=access_for(host), data={"minutes": minutes}
    )
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    minutes_approve(access=access_for(host), meeting=meeting)
    minutes_approve(access=access_for(other), meeting=meeting)


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    agreement = Agreement.objects.get(title=AGREEMENT_TITLE, owner=orgs["sx"])
    yang, xu = users["sx_prosecutor"], users["sx_enforcement"]

    first = _held(agreement, yang, days_ago=40, title="民事执行监督联席会议（第一次）")
    resolution = resolution_record(
        access=access_for(yang),
        meeting=first,
        text="法院执行局梳理终结本次执行程序案件，向检察院通报清理情况。",
        owner=orgs["sx_court"],
        person=xu,
        task="通报终结本次执行程序案件清理情况",
    )
    _approve(
        first,
        yang,
        xu,
        "会议通报了执行案件信息共享机制的运行情况，研究了终结本次执行程序案件的清理工作。",
    )
    missed = ActionItem.objects.get(resolution=resolution)
    apply_transition(matter=missed, name="miss", access=SYSTEM)  # its period has run out

    second = _held(agreement, xu, days_ago=3, title="民事执行监督联席会议（第二次）")
    notice = (
        Matter.objects.filter(owner=orgs["sx"], matter_type="notices.notice").order_by("pk").first()
    )
    agenda_propose(
        access=access_for(yang),
        meeting=second,
        title="执行异议案件的信息通报",
        numbers=[notice.case_number] if notice is not None and notice.case_number else [],
    )
    resolution_record(
        access=access_for(xu),
        meeting=second,
        text="检察院对执行异议案件开展专项监督，并向法院反馈意见。",
        owner=orgs["sx"],
        person=yang,
        task="反馈执行异议案件专项监督意见",
    )
    _approve(second, xu, yang, "会议研究了执行异议案件的信息通报和专项监督工作。")

    meeting_schedule(
        access=access_for(yang),
        agreement=agreement,
        title="民事执行监督联席会议（第三次）",
        starts_at=_at_half_past_nine(60),
        place="泗县人民法院二楼会议室",
    )
