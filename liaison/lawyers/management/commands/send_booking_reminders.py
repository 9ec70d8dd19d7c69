from typing import Any

from django.core.management.base import BaseCommand

from liaison.lawyers.reminders import send_booking_reminders


class Command(BaseCommand):
    help = "Remind lawyers of their confirmed receptions in the next 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_booking_reminders()
        self.stdout.write(f"{sent} booking reminder(s) sent")
