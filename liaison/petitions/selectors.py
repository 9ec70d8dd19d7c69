"""Reads about petitions, and the one place that decides who sees who petitioned.

Lists go through the engine's visibility policy (``matters_visible_to``): the owner's staff and
the lawyer invited or taking part. Of those, only the handling staff (the petition's act
``see_petitioner``, asked by ``liaison.identities``) may look at the petitioner's name and
contact, and every look is audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.models import Invitation
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import Petition, PetitionLawyer
from .workflows import PETITION, PETITION_STAFF_ROLES


def handling_procuratorates(access: Access) -> QuerySet[Organisation]:
    """The procuratorates where this user handles petitions."""
    return Organisation.objects.filter(
        pk__in=access.organisations_with(PETITION_STAFF_ROLES),
        kind=OrganisationKind.PROCURATORATE,
        is_active=True,
    ).order_by("path")


def handles_petitions(access: Access) -> bool:
    """Whether the petitions pages are for this user: staff of a procuratorate who handle
    petitions (``handling_procuratorates``, from the seats alone). A lawyer taking part finds
    the petition on their own page; an agency or a court has no petitions here."""
    return any(
        seat.kind == OrganisationKind.PROCURATORATE and seat.role in PETITION_STAFF_ROLES
        for seat in access.seats
    )


def petitions_visible_to(access: Access) -> QuerySet[Petition]:
    visible = matters_visible_to(access).filter(matter_type=PETITION.name).values("pk")
    return (
        Petition.objects.filter(pk__in=visible)
        .select_related("owner")
        .annotate(next_due=next_due())
        .order_by("-received_on", "-pk")
    )


def lawyers_of(petition: Petition) -> QuerySet[PetitionLawyer]:
    """Every lawyer asked to take part, with their answer, in the order asked."""
    return petition.lawyers.select_related("lawyer__user", "lawyer__firm", "invitation").order_by(
        "invitation__invited_at", "pk"
    )


def petitions_of_lawyer(lawyer: Any) -> QuerySet[PetitionLawyer]:
    """The petitions a lawyer was invited to and has not declined: those they take or took part
    in, and an invitation awaiting their answer; newest first."""
    return (
        PetitionLawyer.objects.filter(
            lawyer=lawyer,
            invitation__state__in=[Invitation.State.INVITED, Invitation.State.ACCEPTED],
        )
        .select_related("petition__owner", "invitation")
        .order_by("-invitation__invited_at", "-pk")
    )
