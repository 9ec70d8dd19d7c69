"""A joint meeting as an iCalendar event (RFC 5545), written by hand: one VEVENT."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from .models import JointMeeting

#: How long a meeting is taken to last in the calendar (the meeting records no end).
DURATION = timedelta(hours=2)


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 §3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: JointMeeting, host: str) -> str:
    cancelled = meeting.state == "cancelled"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Liaison//Joint meetings//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_stamp(timezone.now())}",
        f"DTSTART:{_stamp(meeting.starts_at)}",
        f"DTEND:{_stamp(meeting.starts_at + DURATION)}",
        f"SUMMARY:{_text(meeting.title)}",
        f"LOCATION:{_text(meeting.place)}",
        f"DESCRIPTION:{_text(f'{meeting.case_number} · {meeting.under_agreement.title}')}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{meeting.version}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
