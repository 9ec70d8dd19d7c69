"""Recording petitions and the effects of their steps. Every change of a petition's state is a
workflow transition (``workflows.py``); who petitioned is seen through ``identities.py``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.invitations import invitation_answer, invitation_send, invitation_withdraw
from liaison.workflow.models import Invitation, Matter
from liaison.workflow.opening import apply_open

from .models import Petition, PetitionLawyer
from .workflows import PETITION


@durable
def petition_receive(
    *,
    access: Access,
    owner: Organisation,
    petitioner_name: str,
    petitioner_mobile: str,
    title: str,
    details: str,
    received_on: date,
    channel: str,
    petitioner_address: str = "",
) -> Petition:
    """Record a petition the procuratorate received; the user who records it handles it. Its
    reply clocks count from ``received_on``, which may be some days ago, never in the future."""
    if owner.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("Petitions are recorded by the procuratorate that received them."))
    if received_on > timezone.localdate():
        raise WorkflowError(
            _("A petition cannot be received in the future; give the day it arrived.")
        )
    petition = apply_open(
        workflow=PETITION,
        owner=owner,
        access=access,
        fields={
            "title": title,
            "petitioner_name": petitioner_name.strip(),
            "petitioner_mobile": petitioner_mobile,
            "petitioner_address": petitioner_address.strip(),
            "details": details,
            "received_on": received_on,
            "channel": channel,
        },
        handlers=[access.user] if access.user is not None else [],
        start="receive",
    )
    assert isinstance(petition, Petition)
    return petition


# -- the steps' effects -------------------------------------------------------------------------


def receipt_reply_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``accept``: keep the procedural reply the petitioner was given, and when."""
    Petition.objects.filter(pk=matter.pk).update(
        receipt_reply=data["note"], receipt_replied_at=timezone.now()
    )


def lawyer_invite(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``invite_lawyer``: an engine invitation, so the lawyer becomes a participant of the
    petition (they see it and are told of the invitation by the step's notification). Only a
    verified lawyer may be invited; the form offers no other, and this holds it when the form
    is bypassed."""
    lawyer = data["lawyer"]
    if not lawyer.is_verified or not lawyer.user.is_active:
        raise WorkflowError(_("Only a verified lawyer can be invited to take part."))
    invitation = invitation_send(matter=matter, person=lawyer.user, access=access)
    PetitionLawyer.objects.create(petition_id=matter.pk, lawyer=lawyer, invitation=invitation)


def _invitation(matter: Matter, state: str) -> PetitionLawyer:
    """The petition's one live invitation in ``state`` (invited, or accepted)."""
    found = (
        PetitionLawyer.objects.select_related("lawyer__user", "invitation")
        .filter(petition_id=matter.pk, invitation__state=state)
        .first()
    )
    if found is None:  # pragma: no cover - the state says there is one
        raise WorkflowError(_("This petition has no such invitation."))
    return found


def lawyer_join(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    invited = _invitation(matter, Invitation.State.INVITED)
    invitation_answer(matter=matter, invitation=invited.invitation, access=access, accept=True)


def lawyer_decline(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Declining ends the lawyer's part: they no longer see the petition."""
    invited = _invitation(matter, Invitation.State.INVITED)
    invitation_answer(matter=matter, invitation=invited.invitation, access=access, accept=False)


def lawyer_invitation_withdraw(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Staff withdraw an invitation the lawyer has not answered; the step tells the lawyer
    (``Notify(subject=True)``)."""
    invited = _invitation(matter, Invitation.State.INVITED)
    invitation_withdraw(matter=matter, invitation=invited.invitation, access=access)


def lawyer_work_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The lawyer taking part records their opinion and work; recording again replaces it on
    the petition (the timeline keeps every version)."""
    taking_part = _invitation(matter, Invitation.State.ACCEPTED)
    if not access.is_system and taking_part.invitation.person_id != access.user_id:
        raise TransitionForbidden(_("Only the lawyer taking part records their opinion."))
    taking_part.opinion, taking_part.opinion_at = data["opinion"], timezone.now()
    taking_part.save(update_fields=["opinion", "opinion_at"])


def outcome_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``resolve`` and ``close_unresolved``: the outcome the petitioner is told. An invitation
    still unanswered is withdrawn (and the step tells the lawyer, ``Notify(subject=True)``)."""
    Petition.objects.filter(pk=matter.pk).update(outcome=data["outcome"])
    for pending in Invitation.objects.filter(matter=matter, state=Invitation.State.INVITED):
        invitation_withdraw(matter=matter, invitation=pending, access=access)
