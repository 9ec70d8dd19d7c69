"""What a referral's page asks, each answered by a selector (no privacy decided here)."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from ..selectors import source_seen_by

register = template.Library()


@register.simple_tag
def referral_source_seen(referral: Any, access: Any) -> Any:
    """The matter the referral arose from, if this reader sees it (else None)."""
    return source_seen_by(access, referral) if isinstance(access, Access) else None


@register.filter
def referral_direction(matter_type: str) -> Any:
    """A referral matter type's name in the reader's language (the figures' rows)."""
    from liaison.workflow.registry import get_workflow

    return get_workflow(matter_type).label
