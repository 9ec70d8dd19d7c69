"""Reads of support prosecution: who works on it (the menu and the list), the courts an opinion
may go to, the staff's list, a case's beneficiaries and recoveries with their totals, and what
the public status page shows for a query code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_STAFF_ROLES, STAFF_ROLES, OrganisationKind
from liaison.orgs.selectors import organisations_reachable_from

from .models import Beneficiary, Recovery, SupportCase
from .workflows import SUPPORT_CASE

#: The organisations whose staff follow support-prosecution cases besides the procuratorate.
PARTNER_KINDS = frozenset(
    {
        OrganisationKind.COURT,
        OrganisationKind.JUDICIAL_BUREAU,
        OrganisationKind.LEGAL_AID_CENTRE,
        OrganisationKind.ADMINISTRATIVE_AGENCY,
    }
)


def opens_cases(access: Access) -> bool:
    """Whether the user may enter a case for a procuratorate (its case staff): from the seats
    the request loaded, no query."""
    return any(
        seat.kind == OrganisationKind.PROCURATORATE and seat.role in CASE_STAFF_ROLES
        for seat in access.seats
    )


def works_on_support(access: Access) -> bool:
    """The list page: a procuratorate's case staff, and the staff of the courts, bureaus,
    legal-aid centres and agencies that may be partners of a case."""
    return opens_cases(access) or any(
        seat.kind in PARTNER_KINDS and seat.role in STAFF_ROLES for seat in access.seats
    )


def procuratorates_opening(access: Access) -> QuerySet[Organisation]:
    """The procuratorates where the user may enter a case."""
    return Organisation.objects.filter(
        pk__in=access.organisations_with(CASE_STAFF_ROLES),
        kind=OrganisationKind.PROCURATORATE,
        is_active=True,
    ).order_by("name")


def courts_for(owner: Organisation) -> QuerySet[Organisation]:
    """The courts a procuratorate may send an opinion to: those it works with on the
    platform (``orgs.selectors.organisations_reachable_from``)."""
    return organisations_reachable_from(owner).filter(kind=OrganisationKind.COURT).order_by("name")


def beneficiaries_of(case: SupportCase) -> list[Beneficiary]:
    return list(Beneficiary.objects.filter(case=case).order_by("pk"))


def recoveries_of(case: SupportCase) -> list[Recovery]:
    return list(
        Recovery.objects.filter(case=case)
        .select_related("beneficiary")
        .order_by("received_on", "pk")
    )


def recovered_total(case: SupportCase) -> Decimal:
    """What was recovered so far: an exact decimal sum, 0.00 for none."""
    total = Recovery.objects.filter(case=case).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal("0.00")


@dataclass(frozen=True)
class PublicStatus:
    """What the status page shows an applicant: the case's number, procuratorate, category,
    state and, once decided, the eligibility decision with its reasons. Nothing else."""

    case_number: str
    procuratorate: str
    category: str
    state: Any
    received_on: Any
    decided: bool
    eligible: bool | None
    reasons: str
    closed: bool


def status_for_code(code: str) -> PublicStatus | None:
    case = SupportCase.objects.select_related("owner", "category").filter(query_code=code).first()
    if case is None:
        return None
    wf = SUPPORT_CASE
    decided = case.state not in wf.states_named("new", "applied")
    eligible = None if not decided else case.state != wf.state("not_eligible")
    return PublicStatus(
        case_number=case.case_number or "",
        procuratorate=case.owner.name,
        category=case.category.label,
        state=wf.state_label(case.state),
        received_on=case.received_on,
        decided=decided,
        eligible=eligible,
        reasons=case.eligibility_reasons if decided else "",
        closed=case.state in wf.final_states,
    )


def cases_visible_to(
    access: Access,
    *,
    state: str = "",
    category: Any = None,
    channel: str = "",
    q: str = "",
) -> QuerySet[SupportCase]:
    """The support-prosecution cases the user sees (the policy's ``matters_visible_to``),
    filtered, with what the list shows in the same query: owner, category, the next due day."""
    from liaison.workflow.selectors import matters_visible_to, next_due

    visible = matters_visible_to(access).filter(matter_type=SUPPORT_CASE.name)
    cases = SupportCase.objects.filter(pk__in=visible.values("pk")).select_related(
        "owner", "category"
    )
    if state:
        cases = cases.filter(state=state)
    if category is not None:
        cases = cases.filter(category=category)
    if channel:
        cases = cases.filter(channel=channel)
    if q:
        from django.db.models import Q

        cases = cases.filter(Q(case_number__icontains=q) | Q(respondent__icontains=q))
    return cases.annotate(
        next_due=next_due(),
        people=Subquery(
            Beneficiary.objects.filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
    ).order_by(F("next_due").asc(nulls_last=True), "-received_on", "-pk")
