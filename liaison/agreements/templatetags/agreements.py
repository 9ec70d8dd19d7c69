"""What the agreement's templates ask: each answer is a selector's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from liaison.orgs.models import Organisation
from liaison.workflow.registry import all_workflows
from liaison.workflow.selectors import attachments_for

from ..forms import LiaisonPersonForm
from ..models import SIGNED_DOCUMENT_PURPOSE, Agreement
from ..selectors import (
    agreements_governing_seen_by,
    liaison_candidates,
    liaison_history_of,
    liaison_persons_of,
    may_name_liaison,
    meeting_outlook,
    parties_of,
)

register = template.Library()


@dataclass
class PartyRow:
    organisation: Organisation
    liaison: Any
    form: LiaisonPersonForm | None


@dataclass
class Facts:
    parties: list[PartyRow]
    history: list[Any]
    governs: list[str]
    documents: list[Any]
    last_meeting: date | None
    next_meeting: date | None
    overdue: bool


@register.simple_tag(takes_context=True)
def agreement_facts(context: Any, agreement: Agreement) -> Facts:
    """The agreement's parties with their liaison persons (and a form for each party whose
    liaison person this user may name), the history, what it governs, its signed document and
    when the next joint meeting is due."""
    access = context["request"].access
    current = liaison_persons_of(agreement)
    rows = []
    for organisation in parties_of(agreement):
        form = None
        if may_name_liaison(access, agreement, organisation):
            form = LiaisonPersonForm(
                candidates=liaison_candidates(organisation),
                auto_id=f"id_liaison_{organisation.pk}_%s",
                initial={"person": current.get(organisation.pk)},
            )
        rows.append(PartyRow(organisation, current.get(organisation.pk), form))
    labels = {w.name: str(w.label) for w in all_workflows()}
    outlook = meeting_outlook(agreement, timezone.localdate())
    return Facts(
        parties=rows,
        history=[r for r in liaison_history_of(agreement) if r.ended_at is not None],
        governs=[labels.get(code, code) for code in agreement.governs or []],
        documents=[
            a for a in attachments_for(access, agreement) if a.purpose == SIGNED_DOCUMENT_PURPOSE
        ],
        last_meeting=outlook.last_held_on,
        next_meeting=outlook.next_due,
        overdue=outlook.overdue,
    )


@register.simple_tag(takes_context=True)
def governing_agreements(context: Any, matter: Any) -> list[Agreement]:
    """The agreements in force ``matter`` runs under that this user sees."""
    return agreements_governing_seen_by(context["request"].access, matter)
