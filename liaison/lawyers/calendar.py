"""The iCalendar file of a booking, for the lawyer's own calendar (RFC 5545, ``icalendar``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from .models import Booking
from .workflows import BOOKING


def booking_ics(booking: Booking, *, host: str) -> bytes:
    """One VEVENT for the booked slot, with an alarm a day before. The UID is stable per
    booking, so a moved booking downloaded again replaces the old entry."""
    slot = booking.slot
    calendar = Calendar()
    calendar.add("prodid", "-//Liaison//lawyers//ZH")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", f"{slot.get_purpose_display()} · {booking.case.case_number}")
    event.add("location", f"{slot.procuratorate.name} {slot.place}")
    event.add(
        "description",
        f"{booking.case_number} · {booking.owner.name} · {booking.state_label}",
    )
    event.add("status", "CONFIRMED" if booking.state == BOOKING.state("confirmed") else "TENTATIVE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{slot.get_purpose_display()} · {booking.case.case_number}")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
