"""Reads about legal-aid referrals: the lists of both sides, who may refer from where and to
whom, the source matter a reader may follow, an aid lawyer's referrals, and the figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from liaison.core.access import Access
from liaison.lawyers.models import Lawyer
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.models import Clock, Matter
from liaison.workflow.selectors import matters_visible_to, next_due, sees

from .models import LegalAidReferral
from .workflows import CENTRE_ROLES, PROCURATORATE_ROLES, TO_CENTRE, WORKFLOWS

MATTER_TYPES = tuple(w.name for w in WORKFLOWS)


def referrals_visible_to(access: Access) -> QuerySet[LegalAidReferral]:
    """The referrals this user sees (the workflows' policy), newest first, with the due day
    of the running clock: a constant number of queries, whatever the list's length."""
    visible = matters_visible_to(access).filter(matter_type__in=MATTER_TYPES).values("pk")
    return (
        LegalAidReferral.objects.filter(pk__in=visible)
        .select_related("owner", "receiver", "aid_lawyer__user")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )


def sent_by(access: Access, referrals: QuerySet[LegalAidReferral]) -> QuerySet[LegalAidReferral]:
    return referrals.filter(owner_id__in=access.staff_organisation_ids)


def received_by(
    access: Access, referrals: QuerySet[LegalAidReferral]
) -> QuerySet[LegalAidReferral]:
    return referrals.filter(receiver_id__in=access.staff_organisation_ids)


def senders_for(access: Access) -> QuerySet[Organisation]:
    """The organisations this user may refer from: procuratorates where they are case staff,
    legal-aid centres where they are legal-aid officers."""
    procuratorates = access.organisations_with(PROCURATORATE_ROLES)
    centres = access.organisations_with(CENTRE_ROLES)
    return Organisation.objects.filter(
        Q(pk__in=procuratorates, kind=OrganisationKind.PROCURATORATE)
        | Q(pk__in=centres, kind=OrganisationKind.LEGAL_AID_CENTRE),
        is_active=True,
    ).order_by("path")


def may_refer(access: Access) -> bool:
    """Whether the "refer" page is for this user (the menu entry and the page's rule): the
    seats ``senders_for`` reads, asked of the request's access without a query (the menu asks
    it on every page)."""
    return any(
        (seat.kind == OrganisationKind.PROCURATORATE and seat.role in PROCURATORATE_ROLES)
        or (seat.kind == OrganisationKind.LEGAL_AID_CENTRE and seat.role in CENTRE_ROLES)
        for seat in access.seats
    )


def takes_part_in_referrals(access: Access) -> bool:
    """Whether the referrals list is for this user: those who refer, or receive referrals."""
    return bool(access.organisations_with(PROCURATORATE_ROLES | CENTRE_ROLES))


def receivers_for(senders: Iterable[Organisation]) -> QuerySet[Organisation]:
    """The organisations of the other side that ``senders`` work with: legal-aid centres for
    a procuratorate, procuratorates for a centre (a query for each sender)."""
    ids: set[int] = set()
    for sender in senders:
        kind = (
            OrganisationKind.LEGAL_AID_CENTRE
            if sender.kind == OrganisationKind.PROCURATORATE
            else OrganisationKind.PROCURATORATE
        )
        ids |= set(
            organisations_reachable_from(sender).filter(kind=kind).values_list("pk", flat=True)
        )
    return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")


def source_by_number(access: Access, sender: Organisation, number: str) -> Matter | None:
    """The matter of ``sender`` numbered ``number`` that this user sees, if any."""
    return (
        matters_visible_to(access).filter(owner=sender, case_number=number).first()
        if number
        else None
    )


def source_seen_by(access: Access, referral: LegalAidReferral) -> Matter | None:
    """The matter the referral arose from, if the reader sees it (the referring side's staff;
    not the receiving side, which sees the referral only)."""
    source = referral.source
    if source is None or not sees(access, source):
        return None
    return source


def referrals_of_lawyer(lawyer: Lawyer) -> QuerySet[LegalAidReferral]:
    """The referrals a lawyer was assigned to as aid lawyer, newest first (the lawyer's own
    page lists them beside their other work)."""
    return (
        LegalAidReferral.objects.filter(aid_lawyer=lawyer, matter_type=TO_CENTRE.name)
        .select_related("owner", "receiver")
        .order_by("-assigned_at", "-pk")
    )


# -- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralFigures:
    """One direction's referrals of an organisation subtree in a period, as sender and as
    receiver: how many, and how the receiving side's decisions count against their clock."""

    matter_type: str
    sent: int = 0
    sent_in_time: int = 0
    sent_late: int = 0
    received: int = 0
    received_in_time: int = 0
    received_late: int = 0
    received_overdue: int = 0
    accepted: int = 0


def referral_figures(
    scope: Organisation, *, start: date | None = None, end: date | None = None
) -> list[ReferralFigures]:
    """Referrals sent and received by ``scope`` and everything below it, opened from ``start``
    to ``end`` (inclusive, either open), per direction: answered in time (the decision clock
    stopped on or before its due day), late, and still unanswered past it. One grouped query
    over each referral's decision clock, whatever the numbers, for the figures page."""
    from django.utils import timezone

    below = scope.path
    rows = LegalAidReferral.objects.filter(
        Q(owner__path__startswith=below) | Q(receiver__path__startswith=below),
        clocks__name="answer",
    )
    if start is not None:
        rows = rows.filter(created_at__date__gte=start)
    if end is not None:
        rows = rows.filter(created_at__date__lte=end)
    sent = Q(owner__path__startswith=below)
    received = Q(receiver__path__startswith=below)
    stopped = Q(clocks__state=Clock.State.STOPPED) & ~Q(state="withdrawn")
    in_time = stopped & Q(clocks__stopped_on__lte=F("clocks__due_on"))
    late = stopped & Q(clocks__stopped_on__gt=F("clocks__due_on"))
    overdue = Q(clocks__state=Clock.State.RUNNING, clocks__due_on__lt=timezone.localdate())
    grouped = (
        rows.values("matter_type")
        .annotate(
            sent=Count("pk", filter=sent),
            sent_in_time=Count("pk", filter=sent & in_time),
            sent_late=Count("pk", filter=sent & late),
            received=Count("pk", filter=received),
            received_in_time=Count("pk", filter=received & in_time),
            received_late=Count("pk", filter=received & late),
            received_overdue=Count("pk", filter=received & overdue),
            accepted=Count(
                "pk", filter=~Q(state__in=("new", "sent", "overdue", "declined", "withdrawn"))
            ),
        )
        .order_by("matter_type")
    )
    found = {row["matter_type"]: ReferralFigures(**row) for row in grouped}
    return [found.get(name, ReferralFigures(matter_type=name)) for name in MATTER_TYPES]
