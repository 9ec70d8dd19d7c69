"""Load the demo world from the seed reports (idempotent) and print the accounts."""

from typing import Any

from django.core.management.base import BaseCommand

from liaison.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create demo organisations, people and information notices (once) and list the accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = load_demo()
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})\n")
        width = max(len(username) for username, _, _ in accounts)
        for username, name, roles in accounts:
            self.stdout.write(f"  {username.ljust(width)}  {name}  {roles}")
        self.stdout.write("")
