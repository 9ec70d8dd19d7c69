"""A session as a calendar event (``core/ical.py``, shared with joint meetings)."""

from __future__ import annotations

from datetime import timedelta

from liaison.core.ical import CalendarEvent

from .models import CommitteeSession
from .selectors import live_agenda_of

#: How long a session is taken to last in the calendar (the court records no end).
DURATION = timedelta(hours=2)


def session_event(session: CommitteeSession) -> CalendarEvent:
    """The session as an event: the same UID for its whole life, a SEQUENCE that grows with each
    step (a new time is the ``postpone`` step) and each change of the agenda, which the
    description lists (withdrawn cases left out)."""
    cases = ", ".join(item.court_case_number for item in live_agenda_of(session))
    return CalendarEvent(
        uid=f"committee-session-{session.pk}",
        starts_at=session.scheduled_at,
        duration=DURATION,
        summary=session.title,
        location=session.place,
        description=f"{session.case_number} · {session.owner.name} · {cases}",
        cancelled=session.state == "cancelled",
        sequence=session.version + session.agenda_changes,
        product="Adjudication committee",
    )
