"""A joint meeting as an iCalendar event (``core/ical.py``, shared with the adjudication
committee's sessions)."""

from __future__ import annotations

from datetime import timedelta

from liaison.core.ical import CalendarEvent

from .models import JointMeeting

#: How long a meeting is taken to last in the calendar (the meeting records no end).
DURATION = timedelta(hours=2)


def meeting_event(meeting: JointMeeting) -> CalendarEvent:
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}",
        starts_at=meeting.starts_at,
        duration=DURATION,
        summary=meeting.title,
        location=meeting.place,
        description=f"{meeting.case_number} · {meeting.under_agreement.title}",
        cancelled=meeting.state == "cancelled",
        sequence=meeting.version,
        product="Joint meetings",
    )
