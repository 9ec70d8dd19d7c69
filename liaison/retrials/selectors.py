"""Reads about retrial cases, and the rules that are not steps: who sees the retrials pages,
which courts a procuratorate may address, the list each side reads."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_ROLES, STAFF_ROLES, OrganisationKind
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.selectors import matters_visible_to

from .models import NewEvidence, RetrialCase
from .workflows import RETRIAL


def prosecutes(access: Access) -> bool:
    """Who drafts a retrial case: a procuratorate's prosecutors and those above them."""
    return any(
        s.kind == OrganisationKind.PROCURATORATE and s.role in CASE_ROLES for s in access.seats
    )


def sees_retrials(access: Access) -> bool:
    """The list page: prosecutors, and a court's staff (it lists what was served on them)."""
    return prosecutes(access) or any(
        s.kind == OrganisationKind.COURT and s.role in STAFF_ROLES for s in access.seats
    )


def procuratorates_prosecuting(access: Access) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=access.organisations_with(CASE_ROLES),
        kind=OrganisationKind.PROCURATORATE,
        is_active=True,
    ).order_by("pk")


def courts_for(procuratorate: Organisation) -> QuerySet[Organisation]:
    """The courts a procuratorate may address: those it works with (``orgs.Cooperation``)."""
    return (
        organisations_reachable_from(procuratorate)
        .filter(kind=OrganisationKind.COURT)
        .order_by("name")
    )


def courts_for_any(procuratorates: list[Organisation]) -> QuerySet[Organisation]:
    """The courts any of a prosecutor's procuratorates works with (the form's choices; the
    action checks the pair chosen with ``courts_for``)."""
    from liaison.courts.selectors import partners_of_any

    return partners_of_any(procuratorates, OrganisationKind.COURT)


def retrials_visible_to(access: Access) -> QuerySet[RetrialCase]:
    """Every retrial case the user sees (the workflow's sights: the procuratorate its own, the
    court those served on it), newest first, each with its count of evidence items, of
    those the court decided and of those accepted. A constant number of queries for a page."""
    visible = matters_visible_to(access).filter(matter_type=RETRIAL.name).values("pk")
    return (
        RetrialCase.objects.filter(pk__in=visible)
        .select_related("owner", "court")
        .annotate(
            items=Count("evidence", distinct=True),
            accepted_items=Count("evidence", filter=Q(evidence__accepted=True), distinct=True),
            decided_items=Count(
                "evidence", filter=Q(evidence__accepted__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def evidence_of(case: RetrialCase) -> list[NewEvidence]:
    """The case's items of new evidence, with their files, in the order they were added."""
    return list(NewEvidence.objects.filter(case_id=case.pk).prefetch_related("files"))
