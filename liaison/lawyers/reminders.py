"""Reminders to lawyers before a confirmed reception, sent through the notifications engine.

Run by ``manage.py send_booking_reminders`` beside the deadline reminders. Each booking is
claimed with a conditional ``UPDATE … WHERE reminded_at IS NULL``, so two runs at once never
remind twice; moving a booking clears the mark so the new time is reminded too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from liaison.notifications.actions import notify

from .models import Booking
from .workflows import BOOKING

#: How long before the reception the lawyer is reminded.
LEAD = timedelta(hours=24)
REMINDER_TEXT = gettext_noop("Reminder: your reception %(number)s at %(place)s begins at %(when)s.")


def send_booking_reminders(*, now: datetime | None = None) -> int:
    """Remind the lawyers of confirmed bookings starting within ``LEAD``; returns how many."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        state=BOOKING.state("confirmed"),
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + LEAD,
    ).values_list("pk", flat=True)
    return sum(_claim_and_send(pk, now) for pk in list(due))


@transaction.atomic
def _claim_and_send(booking_id: int, now: datetime) -> bool:
    if not Booking.objects.filter(pk=booking_id, reminded_at__isnull=True).update(reminded_at=now):
        return False
    booking = Booking.objects.select_related("slot__procuratorate", "lawyer__user").get(
        pk=booking_id
    )
    slot = booking.slot
    notify(
        recipients=[booking.lawyer.user],
        event="lawyers.booking.reminder",
        text=REMINDER_TEXT,
        params={
            "number": booking.case_number or "",
            "place": f"{slot.procuratorate.name} {slot.place}",
            "when": timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M"),
        },
        matter=booking,
    )
    return True
