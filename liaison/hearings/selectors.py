"""Reads about hearings: through the engine's visibility policy (owner staff and participants),
the invitations a person holds, and whom a procuratorate may invite."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from liaison.accounts.models import User
from liaison.core.access import Access
from liaison.orgs.roles import Role
from liaison.places.selectors import area_prefix
from liaison.volunteers.ages import old_enough_people, registration_minimum_age
from liaison.workflow.models import Matter
from liaison.workflow.selectors import matters_visible_to, next_due, stands_as

from .models import Hearing, HearingRole, Participant
from .workflows import HEARING, HEARING_STAFF_ROLES

#: A role in a hearing that only holders of a membership role may take; others (people's
#: supervisors, experts) need only an account.
ROLE_REQUIRES_MEMBERSHIP: dict[str, str] = {
    HearingRole.VOLUNTEER: Role.VOLUNTEER,
    HearingRole.LAWYER: Role.LAWYER,
}
OPEN_STATES = HEARING.states_named("scheduled", "announced")


def hearings_visible_to(access: Access) -> QuerySet[Hearing]:
    visible = matters_visible_to(access).filter(matter_type=HEARING.name).values("pk")
    return (
        Hearing.objects.filter(pk__in=visible)
        .select_related("owner")
        .annotate(next_due=next_due())
        .order_by("-scheduled_at", "-pk")
    )


def cases_for_hearings(access: Access) -> QuerySet[Matter]:
    """The matters a hearing may be held on: those of the procuratorates where this user runs
    hearings (a hearing on a hearing is not offered)."""
    orgs = access.organisations_with(HEARING_STAFF_ROLES)
    return matters_visible_to(access).filter(owner_id__in=orgs).exclude(matter_type=HEARING.name)


def may_run(access: Access, hearing: Hearing) -> bool:
    """Whether this user invites and runs the hearing (the workflow's staff)."""
    from .workflows import STAFF

    return stands_as(access, hearing, [STAFF])


def participants_of(hearing: Hearing) -> QuerySet[Participant]:
    return hearing.participants.select_related("person", "invitation").order_by(
        "invitation__invited_at", "pk"
    )


def participation_of(hearing: Hearing, person: Any) -> Participant | None:
    if person is None or not getattr(person, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(hearing=hearing, person=person)
        .select_related("invitation")
        .first()
    )


def invitations_for(person: Any) -> QuerySet[Participant]:
    """A person's invitations to hearings not yet held, soonest first."""
    return (
        Participant.objects.filter(person=person, hearing__state__in=OPEN_STATES)
        .select_related("hearing__owner", "invitation")
        .order_by("hearing__scheduled_at", "pk")
    )


def invite_candidates(hearing: Hearing) -> QuerySet[User]:
    """Volunteers and lawyers of organisations in the procuratorate's area, not yet invited;
    volunteers only of an age some volunteer organisation takes (the lowest minimum: the
    invitation asks each person's own, ``hearing_invite``), lawyers whatever theirs."""
    prefix = area_prefix(hearing.owner.division_id)
    near = {
        "memberships__is_active": True,
        "memberships__organisation__is_active": True,
        "memberships__organisation__division__code__startswith": prefix,
    }
    lawyers = User.objects.filter(memberships__role=Role.LAWYER, **near)
    volunteers = old_enough_people(
        User.objects.filter(memberships__role=Role.VOLUNTEER, **near), registration_minimum_age()
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=lawyers.values("pk")) | Q(pk__in=volunteers.values("pk")))
        .exclude(hearing_invitations__hearing=hearing)
        .order_by("name", "pk")
    )


def holds_role_for(person: Any, role: str) -> bool:
    """Whether ``person`` may take ``role`` in a hearing (a volunteer must be one, a lawyer
    must practise in a firm or be a member of a bar association)."""
    needed = ROLE_REQUIRES_MEMBERSHIP.get(role)
    if needed is None:
        return True
    return person.memberships.filter(
        role=needed, is_active=True, organisation__is_active=True
    ).exists()
