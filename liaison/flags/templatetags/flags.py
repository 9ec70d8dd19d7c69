"""What a flag's page, and the page of a matter flags are about, show the user; each answer is
a selector (no template decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access
from liaison.workflow.models import Matter, Relation
from liaison.workflow.selectors import sees

from .. import selectors
from ..models import Flag

register = template.Library()


@register.simple_tag(takes_context=True)
def flag_panel(context: Any, matter: Flag) -> dict[str, Any]:
    access: Access = context["request"].access
    subject = matter.subject
    other = matter.parties.filter(relation=Relation.PARTNER_ORG).select_related("organisation")
    return {
        "subject": subject,
        "subject_seen": sees(access, subject),
        "other": next((p.organisation for p in other), None),
        "answer_clock": selectors.answer_clock(matter),
        "awaited": matter.state in selectors.AWAITED_STATES,
        "overdue": matter.state == selectors.OVERDUE,
    }


@register.simple_tag
def flags_panel(matter: Matter, access: Access) -> dict[str, Any] | None:
    """The flags on ``matter`` the user sees and whether they may raise one; None (no panel)
    for a matter no flag they see is on and that they may not flag."""
    if matter.matter_type == selectors.FLAG.name or not selectors.takes_part_in_flags(access):
        return None
    flags = selectors.flags_on(access, matter)
    may_raise = selectors.may_raise(access, matter)
    if not flags and not may_raise:
        return None
    return {"flags": flags, "may_raise": may_raise}
