"""Figures of petitions, for a procuratorate and everything below it: how many were received,
how many a lawyer took part in, and the resolution rate with and without a lawyer; procedural
replies made in time. Two aggregate queries whatever the numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import figures_scope
from liaison.workflow.models import Clock, Invitation

from .models import Petition, PetitionLawyer
from .workflows import PETITION


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Figures:
    procuratorates: list[Organisation]
    received: int = 0
    with_lawyer: int = 0
    closed: int = 0
    resolved: int = 0
    closed_with_lawyer: int = 0
    resolved_with_lawyer: int = 0
    receipt_replies: int = 0
    receipt_replies_in_time: int = 0

    @property
    def resolution_rate(self) -> int | None:
        """Resolved, in per cent of the petitions concluded (resolved or closed unresolved)."""
        return _share(self.resolved, self.closed)

    @property
    def resolution_rate_with_lawyer(self) -> int | None:
        return _share(self.resolved_with_lawyer, self.closed_with_lawyer)


def figures_for(access: Access) -> Figures:
    orgs = figures_scope(access)
    result = Figures(procuratorates=list(orgs.filter(kind=OrganisationKind.PROCURATORATE)))
    if not result.procuratorates:
        return result
    petitions = Petition.objects.filter(owner__in=orgs.values("pk")).exclude(
        state=PETITION.state("new")
    )
    lawyer_took_part = Exists(
        PetitionLawyer.objects.filter(
            petition_id=OuterRef("pk"), invitation__state=Invitation.State.ACCEPTED
        )
    )
    concluded = Q(state__in=PETITION.states_named("resolved", "closed_unresolved"))
    totals = petitions.annotate(lawyer=lawyer_took_part).aggregate(
        received=Count("pk"),
        with_lawyer=Count("pk", filter=Q(lawyer=True)),
        closed=Count("pk", filter=concluded),
        resolved=Count("pk", filter=Q(state=PETITION.state("resolved"))),
        closed_with_lawyer=Count("pk", filter=concluded & Q(lawyer=True)),
        resolved_with_lawyer=Count("pk", filter=Q(state=PETITION.state("resolved"), lawyer=True)),
    )
    for name, value in totals.items():
        setattr(result, name, value)
    replies = Clock.objects.filter(
        matter__in=petitions.values("pk"), name="receipt", state=Clock.State.STOPPED
    ).aggregate(n=Count("pk"), in_time=Count("pk", filter=Q(stopped_on__lte=F("due_on"))))
    result.receipt_replies, result.receipt_replies_in_time = replies["n"], replies["in_time"]
    return result
