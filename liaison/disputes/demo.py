"""The demo's dispute (seed 003, Sixian: the leading group's office settles the court's and the
procuratorate's disagreements): the court's president disputes the procuratorate's notice about
the cases whose enforcement was ended for this time; the joint office puts it on the agenda of a
joint meeting scheduled for it, which is held (the demo moves its time back: "time passes"), and
the court's liaison person records the resolution there; both sides approve the minutes. Through
the real actions, after the meetings' demo; called from ``core/demo.py``."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from liaison.accounts.models import User
from liaison.agreements.models import Agreement
from liaison.core.access import access_for
from liaison.meetings.actions import meeting_schedule, minutes_approve
from liaison.meetings.models import JointMeeting
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.models import Invitation, Matter

from .actions import dispute_raise
from .models import Dispute

AGREEMENT_TITLE = "关于完善民事执行活动法律监督协作配合机制的意见"
GROUNDS = (
    "检察院通报认为本季度部分终结本次执行程序案件财产调查不到位，应当恢复执行；"
    "法院认为相关案件已穷尽财产调查措施，符合终结本次执行程序的条件。双方对恢复执行的标准存在分歧。"
)
RESOLUTION = (
    "经联席会议研究，双方一致同意：对申请执行人提供新的财产线索的终本案件，法院在十五日内恢复执行；"
    "对其余案件，检察院与法院执行局共同开展一次财产调查情况复核。"
)


def _at_half_past_two(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(14, 30)))


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> Dispute:
    agreement = Agreement.objects.get(title=AGREEMENT_TITLE, owner=orgs["sx"])
    yang, xu, gang = users["sx_prosecutor"], users["sx_enforcement"], users["sx_president"]
    notice = Matter.objects.filter(owner=orgs["sx"], matter_type="notices.notice").earliest("pk")

    dispute = dispute_raise(access=access_for(gang), subject=notice, grounds=GROUNDS)
    meeting = meeting_schedule(
        access=access_for(xu),
        agreement=agreement,
        title="民事执行监督领导小组办公室争议协调会",
        starts_at=_at_half_past_two(1),
        place="泗县人民法院二楼会议室",
    )
    transition(matter=dispute, name="agenda", access=access_for(yang))
    # Time passes: the meeting was held yesterday.
    JointMeeting.objects.filter(pk=meeting.pk).update(starts_at=_at_half_past_two(-1))
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    present = list(Invitation.objects.filter(matter=meeting).values_list("pk", flat=True))
    transition(matter=meeting, name="hold", access=access_for(xu), data={"attended": present})
    transition(
        matter=Dispute.objects.get(pk=dispute.pk),
        name="resolve",
        access=access_for(xu),
        data={"resolution": RESOLUTION},
    )
    transition(
        matter=JointMeeting.objects.get(pk=meeting.pk),
        name="draft_minutes",
        access=access_for(xu),
        data={"minutes": "会议协调了终结本次执行程序案件恢复执行标准的争议，形成一致意见。"},
    )
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    minutes_approve(access=access_for(xu), meeting=meeting)
    minutes_approve(access=access_for(yang), meeting=meeting)
    return Dispute.objects.get(pk=dispute.pk)
