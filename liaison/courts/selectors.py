"""Reads of the courts' side, and the rules for what is not a matter: who keeps a court's
enforcement register (its enforcement officers and president), which cases a procuratorate
reads (those shared with it), who drafts a recommendation to a court, who reads an import's
report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_ROLES, STAFF_ROLES, OrganisationKind, Role
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import EnforcementCase, EnforcementShare, RegisterImport, SupervisionCase

if TYPE_CHECKING:
    from liaison.recommendations.models import Recommendation

#: Who keeps a court's enforcement register: shares its cases and imports it.
REGISTER_ROLES = frozenset({Role.ENFORCEMENT_OFFICER, Role.COURT_PRESIDENT})


def courts_kept_by(access: Access) -> QuerySet[Organisation]:
    """The courts whose register the user keeps."""
    return Organisation.objects.filter(
        pk__in=access.organisations_with(REGISTER_ROLES),
        kind=OrganisationKind.COURT,
        is_active=True,
    ).order_by("pk")


def procuratorates_prosecuting(access: Access) -> QuerySet[Organisation]:
    """The procuratorates where the user handles cases (drafts recommendations, supervises)."""
    return Organisation.objects.filter(
        pk__in=access.organisations_with(CASE_ROLES),
        kind=OrganisationKind.PROCURATORATE,
        is_active=True,
    ).order_by("pk")


def _holds(access: Access, kind: str, roles: frozenset[str]) -> bool:
    """Whether the user holds one of ``roles`` in an organisation of ``kind``: from the seats
    the request loaded, no query (the menu asks it on every page)."""
    return any(seat.kind == kind and seat.role in roles for seat in access.seats)


def keeps_a_register(access: Access) -> bool:
    return _holds(access, OrganisationKind.COURT, REGISTER_ROLES)


def prosecutes(access: Access) -> bool:
    return _holds(access, OrganisationKind.PROCURATORATE, CASE_ROLES)


def court_staff(access: Access) -> bool:
    return _holds(access, OrganisationKind.COURT, STAFF_ROLES)


def sees_court_work(access: Access) -> bool:
    """The courts page: prosecutors and court staff."""
    return prosecutes(access) or court_staff(access)


def partners_of_kind(org: Organisation, kind: str) -> QuerySet[Organisation]:
    return organisations_reachable_from(org).filter(kind=kind).order_by("name")


def partners_of_any(orgs: list[Organisation], kind: str) -> QuerySet[Organisation]:
    """The organisations of ``kind`` any of ``orgs`` works with (a user's several seats): the
    action checks the pair the user then chose."""
    condition = Q(pk__in=[])
    for org in orgs:
        condition |= Q(pk__in=organisations_reachable_from(org).filter(kind=kind).values("pk"))
    return Organisation.objects.filter(condition).order_by("name")


def public_security_for(procuratorate: Organisation) -> QuerySet[Organisation]:
    """The public security organs a procuratorate may refer a case to: those it works with
    (``orgs.selectors.organisations_reachable_from``), active."""
    return partners_of_kind(procuratorate, OrganisationKind.PUBLIC_SECURITY)


def cases_shared_with(procuratorate_ids: frozenset[int] | list[int]) -> QuerySet[EnforcementCase]:
    shared = EnforcementShare.objects.filter(
        case=OuterRef("pk"), procuratorate_id__in=list(procuratorate_ids)
    )
    return EnforcementCase.objects.filter(Exists(shared)).select_related("court")


def cases_visible_to(access: Access) -> QuerySet[EnforcementCase]:
    """The court's own register to its staff; to a procuratorate's prosecutors, the
    cases shared with it. One query."""
    kept = EnforcementCase.objects.filter(
        court_id__in=list(courts_of_staff(access).values_list("pk", flat=True))
    )
    procuratorates = procuratorates_prosecuting(access).values_list("pk", flat=True)
    shared = cases_shared_with(list(procuratorates))
    return (kept | shared).select_related("court").distinct().order_by("-filed_on", "pk")


def shared_case(procuratorate: Organisation, pk: int) -> EnforcementCase | None:
    """The case, if its court shared it with ``procuratorate``."""
    return cases_shared_with([procuratorate.pk]).filter(pk=pk).first()


def supervisions_of(access: Access, case: EnforcementCase) -> QuerySet[SupervisionCase]:
    """The supervision matters of ``case`` the user sees (the procuratorate's, and the court's
    as their partner), newest first."""
    return SupervisionCase.objects.filter(
        enforcement_case=case, pk__in=matters_visible_to(access).values("pk")
    ).order_by("-pk")


def import_of(access: Access, pk: int) -> RegisterImport | None:
    """An import, to those who keep its court's register."""
    return RegisterImport.objects.filter(
        pk=pk, court_id__in=list(access.organisations_with(REGISTER_ROLES))
    ).first()


def recent_imports(access: Access) -> QuerySet[RegisterImport]:
    return RegisterImport.objects.filter(
        court_id__in=list(access.organisations_with(REGISTER_ROLES))
    ).select_related("procuratorate")[:10]


def courts_of_staff(access: Access) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=access.organisations_with(STAFF_ROLES), kind=OrganisationKind.COURT
    ).order_by("pk")


def court_recommendations_visible_to(access: Access) -> QuerySet[Recommendation]:
    """The recommendations to courts the user sees (the engine's rule: a court's staff once
    served on their court, a procuratorate's as its workflow's sights say), newest first, each
    with the due day of its running reply clock (``reply_due``). One query."""
    from liaison.recommendations.models import Recommendation

    from .recommending import RECOMMENDATION

    visible = matters_visible_to(access).filter(matter_type=RECOMMENDATION.name)
    return (
        Recommendation.objects.filter(pk__in=visible.values("pk"))
        .select_related("addressee")
        .annotate(reply_due=next_due())
        .order_by("-created_at", "-pk")
    )
