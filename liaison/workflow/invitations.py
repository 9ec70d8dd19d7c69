"""Invitations, one engine concept for every mechanism that asks people to take part in a
matter: a hearing's participants, a lawyer asked to help resolve a petition.

    invited ─accept▶ accepted ─(held)▶ attended | absent
       │  └decline▶ declined (a workflow whose invitees may change their minds keeps them)
       └withdraw▶ withdrawn

An invitation is an ``Invitation`` row; while it is live the invitee holds the workflow's
invitation relation (``InvitationSpec.relation``) as a ``MatterParty``, which is what lets them
see the matter (its ``sights``) and be told of its steps (``Notify``). Each change runs in the
caller's transaction (a mechanism's action, or a step's effect), records the event the workflow
declares for it (``InvitationSpec.events``; the workflow's ``notifies`` then say who is told),
and marks the invitee as the step's subject, so a ``Notify(subject=True)`` reaches them even
when the change ended their relation. The mechanism decides who may invite and when; the
engine holds the states, the timestamps, the party and the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access

from .actions import add_subject, record_event
from .errors import TransitionForbidden, WorkflowError
from .models import Invitation, Matter, MatterParty
from .opening import remove_parties
from .parts import InvitationSpec

if TYPE_CHECKING:
    from liaison.accounts.models import User

#: The states in which an invitation still stands (the invitee holds the relation).
LIVE = (Invitation.State.INVITED, Invitation.State.ACCEPTED)


def _spec(matter: Matter) -> InvitationSpec:
    spec = matter.workflow.invitations
    if spec is None:
        raise ValueError(f"{matter.matter_type} invites nobody")
    return spec


def _record(
    matter: Matter,
    verb: str,
    access: Access,
    invitation: Invitation,
    *,
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> None:
    add_subject(matter, invitation.person)
    action = _spec(matter).events.get(verb)
    if action is None:
        return  # the step that made the change is its timeline entry
    record_event(
        matter=matter,
        access=access,
        action=action,
        note=note,
        data={"invitation": invitation.pk, **(data or {})},
        subject=invitation.person,
    )


def _locked(invitation: Invitation, matter: Matter) -> Invitation:
    if invitation.matter_id != matter.pk:
        raise ValueError("the invitation is not this matter's")
    return Invitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)


@transaction.atomic(savepoint=False)
def invitation_send(
    *,
    matter: Matter,
    person: User,
    access: Access,
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> Invitation:
    """Invite ``person`` to take part in ``matter``: they hold the workflow's invitation
    relation from now on. Someone invited once is not invited again (their answer stands)."""
    spec = _spec(matter)
    if access.user is None:
        raise TransitionForbidden(_("An invitation is recorded with the person who sends it."))
    if not person.is_active:
        raise WorkflowError(_("This person's account is closed."))
    if Invitation.objects.filter(matter=matter, person=person).exists():
        raise WorkflowError(
            _("%(name)s is already invited to this matter.") % {"name": person.display_name}
        )
    invitation = Invitation.objects.create(
        matter=matter, person=person, relation=spec.relation, invited_by=access.user
    )
    MatterParty.objects.bulk_create(
        [MatterParty(matter=matter, relation=spec.relation, person=person)],
        ignore_conflicts=True,
    )
    _record(matter, "invite", access, invitation, note=note, data=data)
    return invitation


def _end(matter: Matter, invitation: Invitation) -> None:
    """The invitee no longer holds the relation (and no longer sees the matter)."""
    invitation.ended_at = timezone.now()
    remove_parties(matter=matter, relation=invitation.relation, people=[invitation.person])


@transaction.atomic(savepoint=False)
def invitation_answer(
    *, matter: Matter, invitation: Invitation, access: Access, accept: bool
) -> Invitation:
    """The invitee accepts or declines. Where the workflow lets invitees change their minds
    (``InvitationSpec.may_change_answer``) they may answer again while it stands, and a decline
    keeps them party to the matter; otherwise they answer once, and declining ends it."""
    spec = _spec(matter)
    invitation = _locked(invitation, matter)
    if not access.is_system and access.user_id != invitation.person_id:
        raise TransitionForbidden(_("Only the person invited answers the invitation."))
    answerable = {Invitation.State.INVITED}
    if spec.may_change_answer:
        answerable |= {Invitation.State.ACCEPTED, Invitation.State.DECLINED}
    if invitation.state not in answerable:
        raise WorkflowError(_("This invitation is no longer open for an answer."))
    answer = Invitation.State.ACCEPTED if accept else Invitation.State.DECLINED
    if invitation.state == answer:
        return invitation
    invitation.state, invitation.answered_at = answer, timezone.now()
    if not accept and not spec.may_change_answer:
        _end(matter, invitation)
    invitation.save(update_fields=["state", "answered_at", "ended_at"])
    _record(matter, "accept" if accept else "decline", access, invitation)
    return invitation


@transaction.atomic(savepoint=False)
def invitation_withdraw(
    *, matter: Matter, invitation: Invitation, access: Access, note: str = ""
) -> Invitation:
    """Whoever invited withdraws an invitation not yet answered; the invitee no longer holds
    the relation, and the workflow's ``notifies`` tell them (``Notify(subject=True)``)."""
    invitation = _locked(invitation, matter)
    if invitation.state != Invitation.State.INVITED:
        raise WorkflowError(_("Only an invitation not yet answered can be withdrawn."))
    invitation.state = Invitation.State.WITHDRAWN
    _end(matter, invitation)
    invitation.save(update_fields=["state", "ended_at"])
    _record(matter, "withdraw", access, invitation, note=note)
    return invitation


def attendance_record(*, matter: Matter, present: Iterable[int]) -> int:
    """Once the matter has taken place: every invitation not withdrawn is marked attended (its
    id in ``present``) or absent, in the caller's transaction (a hearing's ``hold`` step).
    Returns how many attended."""
    now = timezone.now()
    present = list(present)
    standing = Invitation.objects.filter(matter=matter).exclude(state=Invitation.State.WITHDRAWN)
    standing.exclude(pk__in=present).update(state=Invitation.State.ABSENT, attendance_at=now)
    return standing.filter(pk__in=present).update(
        state=Invitation.State.ATTENDED, attendance_at=now
    )


def invitations_of(matter: Matter) -> Any:
    """The matter's invitations, first sent first, with the invitee."""
    return Invitation.objects.filter(matter=matter).select_related("person")
