"""What a retrial case's page shows the user; each answer is a selector or the workflow's
policy (no template decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors
from ..forms import EvidenceForm
from ..models import RetrialCase
from ..workflows import EDIT_EVIDENCE, RETRIAL

register = template.Library()


@register.simple_tag(takes_context=True)
def evidence_panel(context: Any, matter: RetrialCase) -> dict[str, Any]:
    """The case's items of new evidence and, to those who may still edit them, the form
    (bound with its errors when the last try was refused)."""
    access: Access = context["request"].access
    editable = not matter.awaiting_approval and RETRIAL.policy.may(access, matter, EDIT_EVIDENCE)
    return {
        "items": selectors.evidence_of(matter),
        "editable": editable,
        "form": ((context.get("forms") or {}).get("evidence") or EvidenceForm())
        if editable
        else None,
    }
