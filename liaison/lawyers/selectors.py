"""Reads for lawyers and for the staff who receive them, and the one place that decides what a
lawyer may see of a case: the procedural events of the cases they act in, and no more.

Staff read matters through the engine's visibility policy (``matters_visible_to``); lawyers see
their own matters (as applicants) the same way, and cases they act in as ``counsel`` parties,
which follow a case from outside: through ``cases_for_lawyer`` and the engine's reading of the
case's timeline (``workflow.timeline``), never the case's own page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import RECEPTION_ROLES, OrganisationKind, Role
from liaison.places.selectors import area_prefix
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.models import Relation
from liaison.workflow.selectors import matters_visible_to, next_due
from liaison.workflow.timeline import ReadEntry, as_read, entries_read_by

from .models import (
    Booking,
    CaseCounsel,
    CaseFileRelease,
    DutyAssignment,
    FileReviewApplication,
    Lawyer,
    PleaSigning,
    ProcuratorateCase,
    ReceptionSlot,
    RightsComplaint,
)

if TYPE_CHECKING:
    pass

DOWNLOAD_SALT = "lawyers.case_file.download"
#: How long a download link works, unless settings.LIAISON_FILE_LINK_SECONDS says otherwise.
DOWNLOAD_LINK_SECONDS = 10 * 60


def download_link_seconds() -> int:
    return int(getattr(settings, "LIAISON_FILE_LINK_SECONDS", DOWNLOAD_LINK_SECONDS))


# -- lawyers ------------------------------------------------------------------------------------


def lawyer_for(access: Access) -> Lawyer | None:
    """The lawyer behind this access, verified or not; None for everyone else."""
    if access.user_id is None:
        return None
    return Lawyer.objects.select_related("user", "firm").filter(user_id=access.user_id).first()


def verified_lawyer(access: Access) -> Lawyer:
    """The verified lawyer behind this access, or a clear refusal."""
    lawyer = lawyer_for(access)
    if lawyer is None:
        raise TransitionForbidden(_("Only lawyers registered here may do this."))
    if not lawyer.is_verified:
        raise TransitionForbidden(
            _("Your registration is awaiting verification; you may act once you are verified.")
        )
    return lawyer


def verified_lawyers(*, near: Organisation | None = None) -> QuerySet[Lawyer]:
    """Verified lawyers with an active account, by name; with ``near``, those whose firm is in
    the organisation's area (its prefecture, or its province for a provincial one): whom a
    procuratorate may ask to take part in its work (a petition, a hearing)."""
    lawyers = Lawyer.objects.filter(verified_at__isnull=False, user__is_active=True)
    if near is not None:
        lawyers = lawyers.filter(firm__division__code__startswith=area_prefix(near.division_id))
    return lawyers.select_related("user", "firm").order_by("user__name", "pk")


def cases_for_lawyer(lawyer: Lawyer) -> QuerySet[ProcuratorateCase]:
    """The cases ``lawyer`` acts in now: those they are a ``counsel`` party of."""
    return (
        ProcuratorateCase.objects.filter(
            parties__relation=Relation.COUNSEL, parties__person_id=lawyer.user_id
        )
        .select_related("owner")
        .order_by("-created_at", "-pk")
    )


def case_for_counsel(access: Access, pk: int) -> tuple[ProcuratorateCase, Lawyer]:
    """A case the user acts in as lawyer of record, or 404 (missing and forbidden alike)."""
    lawyer = lawyer_for(access)
    case = cases_for_lawyer(lawyer).filter(pk=pk).first() if lawyer is not None else None
    if case is None or lawyer is None:
        raise Http404("No such case.")
    return case, lawyer


def live_counsel(case_id: int) -> QuerySet[CaseCounsel]:
    return CaseCounsel.objects.filter(case_id=case_id, ended_at__isnull=True).select_related(
        "lawyer__user", "lawyer__firm"
    )


def procedure_feed(lawyer: Lawyer, limit: int = 30) -> list[ReadEntry]:
    """The procedural events of the cases the lawyer acts in, from the time they were linked:
    the cases' timelines as a lawyer of record reads them (``workflow.timeline``)."""
    entries = entries_read_by(lawyer.user, Relation.COUNSEL)[:limit]
    return as_read(entries, Relation.COUNSEL)


def procedure_events_of(case: ProcuratorateCase, lawyer: Lawyer) -> list[ReadEntry]:
    """The procedural events of one case its lawyer of record reads, all of them."""
    entries = entries_read_by(lawyer.user, Relation.COUNSEL, matter=case, since_held=False)
    return as_read(entries, Relation.COUNSEL)


def _own(access: Access, model: Any, matter_type: str) -> QuerySet[Any]:
    visible = matters_visible_to(access).filter(matter_type=matter_type).values("pk")
    return model.objects.filter(pk__in=visible)


def bookings_of(access: Access, lawyer: Lawyer) -> QuerySet[Booking]:
    return (
        _own(access, Booking, "lawyers.booking")
        .filter(lawyer=lawyer)
        .select_related("slot", "case", "owner")
        .order_by("-slot__starts_at", "-pk")
    )


def file_reviews_of(access: Access, lawyer: Lawyer) -> QuerySet[FileReviewApplication]:
    return (
        _own(access, FileReviewApplication, "lawyers.file_review")
        .filter(lawyer=lawyer)
        .select_related("case", "owner")
        .order_by("-created_at", "-pk")
    )


def complaints_of(access: Access, lawyer: Lawyer) -> QuerySet[RightsComplaint]:
    return (
        _own(access, RightsComplaint, "lawyers.complaint")
        .filter(lawyer=lawyer)
        .select_related("owner")
        .order_by("-created_at", "-pk")
    )


def signings_of(lawyer: Lawyer) -> QuerySet[PleaSigning]:
    return PleaSigning.objects.filter(lawyer=lawyer).select_related("case").order_by("-signed_at")


def duty_days_of(lawyer: Lawyer) -> QuerySet[DutyAssignment]:
    return (
        DutyAssignment.objects.filter(lawyer=lawyer, day__gte=timezone.localdate())
        .select_related("procuratorate")
        .order_by("day")
    )


# -- released case files ------------------------------------------------------------------------


def releases_for(case: ProcuratorateCase) -> QuerySet[CaseFileRelease]:
    """The documents of ``case`` released now."""
    return (
        CaseFileRelease.objects.filter(case=case, withdrawn_at__isnull=True)
        .select_related("attachment")
        .order_by("released_at", "pk")
    )


def download_token(release: CaseFileRelease, lawyer: Lawyer) -> str:
    """A link token for one lawyer and one released document; it expires after
    ``download_link_seconds()`` (``signing`` checks the age when it is used)."""
    return signing.dumps({"r": release.pk, "l": lawyer.pk}, salt=DOWNLOAD_SALT)


# -- organisations ------------------------------------------------------------------------------


def bureaus_for(procuratorate: Organisation) -> QuerySet[Organisation]:
    """The judicial bureaus of the procuratorate's place (same division)."""
    return Organisation.objects.filter(
        kind=OrganisationKind.JUDICIAL_BUREAU, division_id=procuratorate.division_id, is_active=True
    )


def served_procuratorates(access: Access) -> QuerySet[Organisation]:
    """The procuratorates whose duty rosters this user keeps, as an officer of the judicial
    bureau of their place."""
    bureaus = Organisation.objects.filter(
        pk__in=access.organisations_with({Role.BUREAU_OFFICER}),
        kind=OrganisationKind.JUDICIAL_BUREAU,
    ).values("division_id")
    return Organisation.objects.filter(
        kind=OrganisationKind.PROCURATORATE, is_active=True, division_id__in=bureaus
    ).order_by("path")


def uses_lawyer_pages(access: Access) -> bool:
    """Whether the lawyers' pages are for this user: staff of a procuratorate who receive
    lawyers or handle their cases, a judicial bureau's officer keeping a duty roster, or a
    lawyer registered here (what ``views.home`` offers each). Seats first; a query only for
    those they do not answer."""
    from .workflows import CASE_STAFF

    procuratorate_roles = RECEPTION_ROLES | (CASE_STAFF.roles or frozenset())
    if any(
        seat.kind == OrganisationKind.PROCURATORATE and seat.role in procuratorate_roles
        for seat in access.seats
    ):
        return True
    if access.organisations_with({Role.LAWYER}):  # a verified lawyer holds a lawyer's seat
        return True
    if access.organisations_with({Role.BUREAU_OFFICER}) and served_procuratorates(access).exists():
        return True
    return lawyer_for(access) is not None


def reception_procuratorates(access: Access) -> QuerySet[Organisation]:
    """The procuratorates where this user receives lawyers."""
    return Organisation.objects.filter(
        pk__in=access.organisations_with(RECEPTION_ROLES), kind=OrganisationKind.PROCURATORATE
    ).order_by("path")


def case_procuratorates(access: Access) -> QuerySet[Organisation]:
    from .workflows import CASE_STAFF

    return Organisation.objects.filter(
        pk__in=access.organisations_with(CASE_STAFF.roles), kind=OrganisationKind.PROCURATORATE
    ).order_by("path")


# -- slots --------------------------------------------------------------------------------------


def open_slots(
    *, procuratorate: Organisation | None = None, purpose: str | None = None
) -> QuerySet[ReceptionSlot]:
    """Slots still to come with a free place."""
    slots = ReceptionSlot.objects.filter(starts_at__gt=timezone.now(), booked__lt=F("capacity"))
    if procuratorate is not None:
        slots = slots.filter(procuratorate=procuratorate)
    if purpose:
        slots = slots.filter(purpose=purpose)
    return slots.select_related("procuratorate").order_by("starts_at", "pk")


def slots_for_staff(access: Access) -> QuerySet[ReceptionSlot]:
    return (
        ReceptionSlot.objects.filter(
            procuratorate__in=reception_procuratorates(access),
            ends_at__gte=timezone.now() - timedelta(days=7),
        )
        .select_related("procuratorate")
        .order_by("starts_at", "pk")
    )


def staff_cases(access: Access) -> QuerySet[ProcuratorateCase]:
    visible = matters_visible_to(access).filter(matter_type="lawyers.case").values("pk")
    return (
        ProcuratorateCase.objects.filter(pk__in=visible, owner__in=case_procuratorates(access))
        .select_related("owner")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )


def roster_of(procuratorates: QuerySet[Organisation]) -> QuerySet[DutyAssignment]:
    return (
        DutyAssignment.objects.filter(
            procuratorate__in=procuratorates, day__gte=timezone.localdate()
        )
        .select_related("procuratorate", "lawyer__user", "lawyer__firm")
        .order_by("day", "procuratorate__path", "pk")
    )
