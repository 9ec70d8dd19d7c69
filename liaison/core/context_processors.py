"""Template context shared by every page."""

from typing import Any

from django.http import HttpRequest


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The unread-notification count for the navigation bar (one cheap query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from liaison.notifications.selectors import unread_count

    return {"unread_notifications": unread_count(user)}
