"""Queue deadline reminders; safe to run as often as a scheduler likes."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from liaison.workflow.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Send reminders for deadlines falling due soon and for deadlines missed (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_deadline_reminders(today=timezone.localdate())
        self.stdout.write(f"reminded {run.reminded} clock(s); {run.overdue} overdue")
