"""Opening legal-aid referrals, and the effects of their steps; every change of state is a
workflow transition (``workflows.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.opening import add_parties, apply_open

from .forms import NOT_A_CENTRE, NOT_A_LAWYER, NOT_A_PROCURATORATE, NOT_REACHABLE
from .models import LegalAidReferral
from .workflows import TO_CENTRE, TO_PROCURATORATE

#: Which way a referral goes, by the sender's kind: the receiver's kind, and the refusal.
DIRECTIONS = {
    OrganisationKind.PROCURATORATE: (TO_CENTRE, OrganisationKind.LEGAL_AID_CENTRE, NOT_A_CENTRE),
    OrganisationKind.LEGAL_AID_CENTRE: (
        TO_PROCURATORATE,
        OrganisationKind.PROCURATORATE,
        NOT_A_PROCURATORATE,
    ),
}


def refusal_of(sender: Organisation, receiver: Organisation) -> Any:
    """Why ``sender`` may not refer to ``receiver`` (None if it may): the one rule the form and
    the action ask."""
    direction = DIRECTIONS.get(sender.kind)  # type: ignore[call-overload]
    if direction is None:
        return _("Only a procuratorate or a legal-aid centre refers persons.")
    _workflow, kind, refusal = direction
    if receiver.kind != kind or not receiver.is_active:
        return refusal
    if not organisations_reachable_from(sender).filter(pk=receiver.pk).exists():
        return NOT_REACHABLE
    return None


@durable
def referral_send(
    *,
    access: Access,
    sender: Organisation,
    receiver: Organisation,
    category: str,
    title: str,
    person_name: str,
    facts: str,
    person_id_number: str = "",
    person_mobile: str = "",
    respondent: str = "",
    source: Matter | None = None,
    **_ignored: Any,
) -> LegalAidReferral:
    """Refer a person from ``sender`` to ``receiver`` and send it; the user handles it. A
    procuratorate refers only to a legal-aid centre, a centre only to a procuratorate, each
    only to one it works with; whatever id was posted, anything else is refused here."""
    refusal = refusal_of(sender, receiver)
    if refusal is not None:
        raise TransitionForbidden(refusal)
    workflow = DIRECTIONS[sender.kind][0]  # type: ignore[index]
    if source is not None and source.owner_id != sender.pk:
        raise WorkflowError(_("The matter it arises from must be one of your organisation's."))
    matter = apply_open(
        workflow=workflow,
        owner=sender,
        access=access,
        fields={
            "title": title,
            "receiver": receiver,
            "source": source,
            "category": category,
            "person_name": person_name,
            "person_id_number": person_id_number,
            "person_mobile": person_mobile,
            "facts": facts,
            "respondent": respondent,
        },
        partners=[receiver],
        handlers=[access.user] if access.user is not None else [],
        start="send",
    )
    assert isinstance(matter, LegalAidReferral)
    return matter


# -- the steps' effects (named in workflows.py) --------------------------------------------------


def answer_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``accept`` and ``decline``: the answer (a declined referral's reasons) kept on the
    referral, where the referring side and the lists read it."""
    LegalAidReferral.objects.filter(pk=matter.pk).update(
        answer=data.get("note", ""), answered_at=timezone.now()
    )


def lawyer_assign(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``assign_lawyer``: the aid lawyer takes part in the referral (a participant: told, sees
    it) and, when it arose from a matter, becomes that matter's lawyer of record (the engine's
    ``counsel`` relation; on a procuratorate's case, the lawyers app's own link, so the case's
    procedural events reach them as they reach any lawyer of record)."""
    lawyer = data["lawyer"]
    if not lawyer.is_verified or not lawyer.user.is_active:
        raise WorkflowError(NOT_A_LAWYER)
    referral = LegalAidReferral.objects.select_related("source").get(pk=matter.pk)
    LegalAidReferral.objects.filter(pk=matter.pk).update(
        aid_lawyer=lawyer, assigned_at=timezone.now()
    )
    add_parties(matter=matter, participants=[lawyer.user])
    if referral.source is not None:
        _counsel_link(referral.source, lawyer, referral.person_name, access)


def _counsel_link(source: Matter, lawyer: Any, client: str, access: Access) -> None:
    from liaison.lawyers import counsel_actions
    from liaison.lawyers.models import CaseCounsel, ProcuratorateCase
    from liaison.lawyers.workflows import CASE

    if source.matter_type == CASE.name:
        if not CaseCounsel.objects.filter(
            case_id=source.pk, lawyer=lawyer, ended_at__isnull=True
        ).exists():
            case = ProcuratorateCase.objects.get(pk=source.pk)
            counsel_actions._link(case=case, lawyer=lawyer, client=client, access=access)
        return
    MatterParty.objects.get_or_create(
        matter=source, relation=Relation.COUNSEL, person=lawyer.user, organisation=None
    )


def aid_end(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``close``: the aid has ended, with its outcome in short."""
    LegalAidReferral.objects.filter(pk=matter.pk).update(outcome=data["outcome"])
