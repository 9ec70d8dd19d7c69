"""What a support-prosecution case's panels ask: its beneficiaries and recoveries with their
totals, and whether this reader may add to them (the workflow's acts, asked of its policy). The
templates decide nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from ..forms import BeneficiaryForm, RecoveryForm
from ..selectors import beneficiaries_of, recoveries_of
from ..workflows import EDIT_BENEFICIARIES, RECORD_RECOVERY, SUPPORT_CASE

register = template.Library()


@register.simple_tag
def support_panel(matter: Any, access: Any, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    policy = SUPPORT_CASE.policy
    people = beneficiaries_of(matter)
    recoveries = recoveries_of(matter)
    total = sum((r.amount for r in recoveries), Decimal("0.00"))
    owed = [p.amount_owed for p in people if p.amount_owed is not None]
    awarded = matter.amount_awarded
    may_record = policy.may(access, matter, RECORD_RECOVERY)
    return {
        "beneficiaries": people,
        "owed": sum(owed, Decimal("0.00")) if owed else None,
        "recoveries": recoveries,
        "recovered": total,
        "outstanding": awarded - total if awarded is not None and total < awarded else None,
        "may_edit": policy.may(access, matter, EDIT_BENEFICIARIES),
        "may_record": may_record,
        "beneficiary_form": forms.get("beneficiary") or BeneficiaryForm(prefix="beneficiary"),
        "recovery_form": forms.get("recovery")
        or (RecoveryForm(prefix="recovery", matter=matter) if may_record else None),
    }


@register.filter
def masked_name(name: str) -> str:
    """A beneficiary's name as everyone reads it in a list (王**): who they are is the audited
    look of the beneficiaries panel."""
    from liaison.core.masking import mask_name

    return mask_name(name)
