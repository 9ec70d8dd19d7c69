"""Recording petitions and the effects of their steps. Every change of a petition's state is a
workflow transition (``workflows.py``); who petitioned is seen through ``identities.py``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from liaison.core.access import Access
from liaison.notifications.actions import notify
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.actions import add_parties, apply_open, remove_parties
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, Relation

from .models import Petition, PetitionLawyer
from .workflows import PETITION


@transaction.atomic(durable=True)
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
    """``invite_lawyer``: the lawyer becomes a participant of the petition (so they see it and
    are told of the invitation by the step's notification). Only a verified lawyer may be
    invited; the form offers no other, and this holds it when the form is bypassed."""
    lawyer = data["lawyer"]
    if not lawyer.is_verified or not lawyer.user.is_active:
        raise WorkflowError(_("Only a verified lawyer can be invited to take part."))
    if access.user is None:
        raise TransitionForbidden(_("An invitation is recorded with the person who sends it."))
    PetitionLawyer.objects.create(petition_id=matter.pk, lawyer=lawyer, invited_by=access.user)
    add_parties(matter=matter, participants=[lawyer.user])


def _invitation(matter: Matter, response: str) -> PetitionLawyer:
    """The petition's one live invitation in ``response`` (pending, or accepted)."""
    found = (
        PetitionLawyer.objects.select_for_update()
        .select_related("lawyer__user")
        .filter(petition_id=matter.pk, response=response)
        .first()
    )
    if found is None:  # pragma: no cover - the state says there is one
        raise WorkflowError(_("This petition has no such invitation."))
    return found


def _of_the_lawyer(invitation: PetitionLawyer, access: Access) -> None:
    if access.is_system:
        return
    if invitation.lawyer.user_id != access.user_id:
        raise TransitionForbidden(_("Only the lawyer invited answers the invitation."))


def _end(invitation: PetitionLawyer, response: str) -> None:
    """Close an invitation: the lawyer is no longer a participant and stops seeing the petition
    (their answer stays on the record)."""
    invitation.response, invitation.responded_at = response, timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    remove_parties(
        matter=invitation.petition, relation=Relation.PARTICIPANT, people=[invitation.lawyer.user]
    )


def lawyer_join(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    invitation = _invitation(matter, PetitionLawyer.Response.PENDING)
    _of_the_lawyer(invitation, access)
    invitation.response, invitation.responded_at = (
        PetitionLawyer.Response.ACCEPTED,
        timezone.now(),
    )
    invitation.save(update_fields=["response", "responded_at"])


def lawyer_decline(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    invitation = _invitation(matter, PetitionLawyer.Response.PENDING)
    _of_the_lawyer(invitation, access)
    _end(invitation, PetitionLawyer.Response.DECLINED)


def _tell_withdrawn(matter: Matter, invitation: PetitionLawyer, access: Access) -> None:
    notify(
        recipients=[invitation.lawyer.user],
        event="petitions.petition.invitation_withdrawn",
        text=gettext_noop(
            "The invitation to take part in resolving petition %(number)s was withdrawn."
        ),
        params={"number": matter.case_number or ""},
        actor=access.user,
        channels=("email",),
    )


def lawyer_invitation_withdraw(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Staff withdraw an invitation the lawyer has not answered, and the lawyer is told."""
    invitation = _invitation(matter, PetitionLawyer.Response.PENDING)
    _end(invitation, PetitionLawyer.Response.WITHDRAWN)
    _tell_withdrawn(matter, invitation, access)


def lawyer_work_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The lawyer taking part records their opinion and work; recording again replaces it on
    the petition (the timeline keeps every version)."""
    invitation = _invitation(matter, PetitionLawyer.Response.ACCEPTED)
    _of_the_lawyer(invitation, access)
    invitation.opinion, invitation.opinion_at = data["opinion"], timezone.now()
    invitation.save(update_fields=["opinion", "opinion_at"])


def outcome_record(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``resolve`` and ``close_unresolved``: the outcome the petitioner is told. An invitation
    still unanswered is withdrawn (and the lawyer told)."""
    Petition.objects.filter(pk=matter.pk).update(outcome=data["outcome"])
    pending = PetitionLawyer.objects.filter(
        petition_id=matter.pk, response=PetitionLawyer.Response.PENDING
    ).select_related("lawyer__user")
    for invitation in pending:
        _end(invitation, PetitionLawyer.Response.WITHDRAWN)
        _tell_withdrawn(matter, invitation, access)
