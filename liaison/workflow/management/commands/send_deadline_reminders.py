"""Take the steps expired clocks call for, then queue deadline reminders; safe to run as often as
a scheduler likes."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from liaison.workflow.reminders import send_deadline_reminders, take_expiry_steps


class Command(BaseCommand):
    help = (
        "Take the steps expired clocks call for, and send reminders for deadlines falling due "
        "soon and for deadlines missed (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        # Expiry first: a period whose expiry ends it stops, and is not reported as missed.
        taken = take_expiry_steps(today=today)
        run = send_deadline_reminders(today=today)
        self.stdout.write(
            f"{taken} expiry step(s); reminded {run.reminded} clock(s); {run.overdue} overdue"
        )
