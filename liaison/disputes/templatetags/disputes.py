"""What a dispute's page, and the page of a matter disputes are about, show the user; each
answer is a selector (no template decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access
from liaison.workflow.models import Matter
from liaison.workflow.selectors import sees

from .. import selectors
from ..models import Dispute

register = template.Library()


@register.simple_tag(takes_context=True)
def dispute_panel(context: Any, matter: Dispute) -> dict[str, Any]:
    access: Access = context["request"].access
    subject = matter.subject
    return {
        "subject": subject,
        "subject_seen": sees(access, subject),
        "agreement": matter.under_agreement,
        "office": selectors.office_of(matter.under_agreement),
        "next_meeting": selectors.next_meeting_for(matter),
    }


@register.simple_tag
def disputes_on(matter: Matter, access: Access) -> dict[str, Any] | None:
    """The disputes about ``matter`` the user sees and whether they may raise one; None (no
    panel) for a matter no dispute is about and that they may not dispute."""
    if matter.matter_type in selectors.NOT_DISPUTED or not selectors.takes_part_in_disputes(access):
        return None
    disputes = selectors.disputes_about(access, matter)
    may_raise = selectors.may_raise(access, matter)
    if not disputes and not may_raise:
        return None
    return {"disputes": disputes, "may_raise": may_raise}
