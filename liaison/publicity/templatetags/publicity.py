"""What the agreement's page shows of joint publicity; each answer is a selector."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors

register = template.Library()

#: At most this many events on an agreement's panel; the list shows the rest.
PANEL_EVENTS = 10


@register.simple_tag
def agreement_publicity(matter: Any, access: Access) -> dict[str, Any] | None:
    """On an agreement's page: the publicity events under it that this user sees."""
    from liaison.agreements.models import Agreement

    if not isinstance(matter, Agreement):
        return None
    events = selectors.events_under(access, matter.pk)
    return {"events": list(events[:PANEL_EVENTS]), "total": events.count()}
