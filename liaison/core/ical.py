"""One event as iCalendar (RFC 5545), written by hand: a joint meeting, an adjudication
committee session. Shared so that escaping, folding and times are written once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone


@dataclass(frozen=True)
class CalendarEvent:
    """What a calendar needs of an event. ``uid`` is stable for the event (its kind and id),
    ``sequence`` grows with each change (the matter's version), so a calendar that imported it
    before replaces it: a postponed or cancelled session moves or is struck out."""

    uid: str
    starts_at: datetime
    duration: timedelta
    summary: str
    location: str
    description: str
    cancelled: bool
    sequence: int
    product: str


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


def event_ics(event: CalendarEvent, host: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Liaison//{event.product}//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}@{host}",
        f"DTSTAMP:{_stamp(timezone.now())}",
        f"DTSTART:{_stamp(event.starts_at)}",
        f"DTEND:{_stamp(event.starts_at + event.duration)}",
        f"SUMMARY:{_text(event.summary)}",
        f"LOCATION:{_text(event.location)}",
        f"DESCRIPTION:{_text(event.description)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{event.sequence}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(event: CalendarEvent, host: str, filename: str) -> HttpResponse:
    """The event as a download a calendar application opens."""
    response = HttpResponse(event_ics(event, host), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
