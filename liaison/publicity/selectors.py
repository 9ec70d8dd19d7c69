"""Reads about publicity events. Who sees an event is one rule, ``events_visible_to``: staff
of one of its organising organisations, or of an organisation above one in the tree (a city
procuratorate sees its districts' events). Every page, panel, download and figure asks it, or
``may_edit`` for changing one (staff of an organising organisation itself)."""

from __future__ import annotations

from datetime import date
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum

from liaison.core.access import Access
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import STAFF_ROLES
from liaison.orgs.selectors import organisations_reachable_from

from .models import EventKind, PublicityEvent

if TYPE_CHECKING:
    from liaison.accounts.models import User


def _staff_paths(access: Access) -> set[str]:
    return {seat.path for seat in access.seats if seat.role in STAFF_ROLES}


def events_visible_to(access: Access) -> QuerySet[PublicityEvent]:
    """The events this user sees (the one rule), newest first, with what a list shows loaded."""
    paths = _staff_paths(access)
    if not paths:
        return PublicityEvent.objects.none()
    seen = PublicityEvent.organisers.through.objects.filter(
        reduce(or_, (Q(organisation__path__startswith=p) for p in paths))
    ).values("publicityevent_id")
    return (
        PublicityEvent.objects.filter(pk__in=seen)
        .select_related("organiser", "agreement")
        .prefetch_related("organisers")
        .order_by("-held_on", "-pk")
    )


def get_event_for(access: Access, pk: int) -> PublicityEvent | None:
    """The event ``pk`` if this user sees it (None for missing and forbidden alike)."""
    return events_visible_to(access).filter(pk=pk).first()


def may_edit(access: Access, event: PublicityEvent) -> bool:
    """Staff of one of the event's organising organisations record and correct it."""
    ids = {o.pk for o in event.organisers.all()}
    return bool(ids & access.staff_organisation_ids)


def takes_part_in_publicity(access: Access) -> bool:
    """The menu entry and the list: anyone who is staff somewhere."""
    return bool(access.staff_organisation_ids)


def recording_organisations(access: Access) -> QuerySet[Organisation]:
    """The organisations this user may record an event for: where they are staff."""
    return Organisation.objects.filter(pk__in=access.staff_organisation_ids, is_active=True)


def partner_choices(access: Access) -> QuerySet[Organisation]:
    """The organisations that may be named as partners: those the user's organisations work
    with (``orgs.selectors.organisations_reachable_from``); the action checks the chosen
    recording organisation's own."""
    ids: set[int] = set()
    for org in recording_organisations(access):
        ids |= set(organisations_reachable_from(org).values_list("pk", flat=True))
    return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")


def partners_of(organiser: Organisation) -> QuerySet[Organisation]:
    """Whom ``organiser`` may name as a partner of an event: those it works with."""
    return organisations_reachable_from(organiser)


def staff_of(organisations: list[Organisation] | QuerySet[Organisation]) -> QuerySet[User]:
    """Active staff of ``organisations``: the people who may be named as participants."""
    from liaison.accounts.models import User

    people = Membership.objects.filter(
        organisation__in=organisations, is_active=True, role__in=STAFF_ROLES
    ).values("person_id")
    return User.objects.filter(pk__in=people, is_active=True).order_by("name", "pk")


def agreement_choices(access: Access) -> QuerySet:
    """Agreements an event may be recorded under: those the user sees."""
    from liaison.agreements.selectors import agreements_of

    return agreements_of(access)


def agreements_of_events(access: Access) -> QuerySet:
    """The agreements the events this user sees were held under (the list's filter: a city
    procuratorate reads its districts' events, and so the titles of their agreements)."""
    from liaison.agreements.models import Agreement

    held = events_visible_to(access).filter(agreement__isnull=False).values("agreement_id")
    return Agreement.objects.filter(pk__in=held).order_by("title", "pk")


def events_under(access: Access, agreement_id: int) -> QuerySet[PublicityEvent]:
    """The events under one agreement that this user sees (the agreement's panel)."""
    return events_visible_to(access).filter(agreement_id=agreement_id)


def filtered(
    events: QuerySet[PublicityEvent],
    *,
    kind: str = "",
    organisation: Organisation | None = None,
    agreement_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[PublicityEvent]:
    """The list page's filters: kind, an organiser (and those below it), agreement, period."""
    if kind:
        events = events.filter(kind=kind)
    if organisation is not None:
        below = PublicityEvent.organisers.through.objects.filter(
            organisation__path__startswith=organisation.path
        ).values("publicityevent_id")
        events = events.filter(pk__in=below)
    if agreement_id is not None:
        events = events.filter(agreement_id=agreement_id)
    if since is not None:
        events = events.filter(held_on__gte=since)
    if until is not None:
        events = events.filter(held_on__lte=until)
    return events


def event_counts(
    scope: Organisation, *, since: date | None = None, until: date | None = None
) -> dict[str, tuple[int, int]]:
    """Events organised by ``scope`` or an organisation below it, in the period, by kind:
    (events, audience). One aggregate query (figures pages call it; no access asked here: the
    caller has already decided the user sees ``scope``'s figures)."""
    organised = PublicityEvent.organisers.through.objects.filter(
        organisation__path__startswith=scope.path
    ).values("publicityevent_id")
    events = PublicityEvent.objects.filter(pk__in=organised)
    if since is not None:
        events = events.filter(held_on__gte=since)
    if until is not None:
        events = events.filter(held_on__lte=until)
    rows = events.values("kind").annotate(n=Count("pk"), people=Sum("audience")).order_by()
    counts = {kind.value: (0, 0) for kind in EventKind}
    for row in rows:
        counts[row["kind"]] = (row["n"], row["people"] or 0)
    return counts
