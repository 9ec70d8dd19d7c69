"""Queue again the deliveries the queue lost or that wait for a retry.

Run it every few minutes (cron, systemd timer, or the worker's scheduler). Running it twice sends
nothing twice: each delivery is claimed with a conditional update before it is sent.
"""

from typing import Any

from django.core.management.base import BaseCommand

from liaison.notifications.actions import due_deliveries, enqueue_deliveries


class Command(BaseCommand):
    help = (
        "Queue failed deliveries whose retry time has come and pending ones whose enqueue was lost."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--limit", type=int, default=1000, help="Queue at most this many deliveries per run."
        )

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        ids = list(due_deliveries().values_list("pk", flat=True)[:limit])
        count = enqueue_deliveries(ids)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Queued {count} of {len(ids)} due deliveries.")
