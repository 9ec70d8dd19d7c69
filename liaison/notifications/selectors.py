"""Reading inboxes. A person sees only their own notifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import Notification

if TYPE_CHECKING:
    from liaison.accounts.models import User


def inbox_for(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first, with what the inbox list shows."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("matter", "actor")
        .order_by("-created_at", "-id")
    )


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
