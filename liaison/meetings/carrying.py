"""Overdue action items carried onto the agenda of their agreement's next joint meeting: when
an item's clock expires (its ``miss`` step), or, if no meeting is scheduled then, when the next
one is (``actions.meeting_schedule``). Runs in the caller's transaction."""

from __future__ import annotations

from liaison.core.access import SYSTEM
from liaison.workflow.actions import record_event
from liaison.workflow.models import Matter

from .models import ActionItem, AgendaItem, JointMeeting
from .workflows import ACTION_ITEM, CARRY_EVENT, MEETING

SCHEDULED = MEETING.state("scheduled")
OVERDUE = ACTION_ITEM.state("overdue")


def _carry(item: ActionItem, meeting: JointMeeting) -> AgendaItem | None:
    if AgendaItem.objects.filter(meeting=meeting, carried=item).exists():
        return None
    agenda = AgendaItem.objects.create(
        meeting=meeting,
        title=item.title,
        notes=item.resolution.text,
        proposed_by_id=item.owner_id,
        carried=item,
    )
    agenda.matters.add(item)
    record_event(
        matter=item,
        access=SYSTEM,
        action=CARRY_EVENT,
        data={"meeting": meeting.case_number or meeting.pk},
    )
    return agenda


def next_meeting_of(agreement_id: int) -> JointMeeting | None:
    return (
        JointMeeting.objects.filter(under_agreement_id=agreement_id, state=SCHEDULED)
        .order_by("starts_at", "pk")
        .first()
    )


def carry_item(matter: Matter) -> AgendaItem | None:
    """Put the overdue item ``matter`` on its agreement's next scheduled meeting, if any."""
    item = ActionItem.objects.select_related("resolution").get(pk=matter.pk)
    meeting = next_meeting_of(item.under_agreement_id)
    return _carry(item, meeting) if meeting is not None else None


def carry_pending(meeting: JointMeeting) -> int:
    """Put every overdue item of the meeting's agreement on its agenda; returns how many."""
    items = ActionItem.objects.filter(under_agreement_id=meeting.under_agreement_id, state=OVERDUE)
    return sum(
        1 for item in items.select_related("resolution") if _carry(item, meeting) is not None
    )
