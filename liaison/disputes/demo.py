"""The demo's dispute (seed 003, Sixian: the leading group's office settles the court's and the
procuratorate's disagreements): the court's president disputes the procuratorate's
recommendation on the enforcement money paid out late (the court did not adopt it, answering
after its period; ``courts/demo.py``); the joint office puts it on the agenda of a
joint meeting scheduled for it, which is held (the demo moves its time back: "time passes"), and
the court's liaison person records the resolution there; both sides approve the minutes. Through
the real actions, after the meetings' demo; called from ``core/demo/``."""

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
#: The recommendation the dispute is about (``courts/demo.py``'s Sixian pair: the late one).
SUBJECT_TITLE = "关于纠正执行款发放超期的检察建议"
GROUNDS = (
    "检察院《关于纠正执行款发放超期的检察建议》认定执行款到账后六十日未发放违反执行款物管理规定；"
    "法院认为延误系申请执行人账户变更所致，不属违法情形。双方对执行款发放超期的认定标准存在分歧。"
)
RESOLUTION = (
    "经联席会议研究，双方一致同意：执行款到账后三十日内发放；因申请执行人原因无法发放的，"
    "法院书面告知申请执行人并记录在案，不计入超期；检察院据此对该检察建议的办理情况进行复核。"
)


def _at_half_past_two(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(14, 30)))


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> Dispute:
    agreement = Agreement.objects.get(title=AGREEMENT_TITLE, owner=orgs["sx"])
    yang, xu, gang = users["sx_prosecutor"], users["sx_enforcement"], users["sx_president"]
    recommendation = Matter.objects.get(
        owner=orgs["sx"], matter_type="courts.recommendation", title=SUBJECT_TITLE
    )

    dispute = dispute_raise(access=access_for(gang), subject=recommendation, grounds=GROUNDS)
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
