"""Reads over the organisation tree: subtrees, the people holding a role, and jurisdiction.

A higher procuratorate sees the figures of everything below it (:func:`organisations_below`), and
a clue reported at a place reaches the procuratorate with jurisdiction over it
(:func:`procuratorate_for_division`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from liaison.core.localcopy import LocalCopy
from liaison.places.selectors import ancestors, division_by_code, jurisdiction_chain_codes

from .models import Cooperation, Organisation
from .roles import OrganisationKind, Role

if TYPE_CHECKING:
    from liaison.core.access import Access
    from liaison.places.models import Division

# When two procuratorates sit on the same division code, the more local one has jurisdiction.
_LEVEL_SPECIFICITY: dict[str, int] = {
    Organisation.Level.GRASSROOTS: 0,
    Organisation.Level.COUNTY: 1,
    Organisation.Level.MUNICIPAL: 2,
    Organisation.Level.PROVINCIAL: 3,
    Organisation.Level.NATIONAL: 4,
}


def organisations_below(org: Organisation, include_self: bool = True) -> QuerySet[Organisation]:
    """``org`` and every organisation below it, at any depth, in tree order.

    One prefix query on the materialised ``path`` (``/1/5/`` matches ``/1/5/9/``), however deep
    the tree, rather than one query per level.
    """
    if not org.path:
        raise ValueError("an unsaved organisation has no place in the tree yet")
    below = Organisation.objects.filter(path__startswith=org.path)
    if not include_self:
        below = below.exclude(pk=org.pk)
    return below.order_by("path")


def figures_scope(access: Access, kind: str | None = None) -> QuerySet[Organisation]:
    """The organisations whose figures this user sees: the procuratorates where they are staff,
    and everything below them (a higher procuratorate sees the figures of all below it), of
    ``kind`` when given. Read from the request's seats; one prefix query on the tree's path."""
    from .roles import STAFF_ROLES

    tops = {
        seat.path
        for seat in access.seats
        if seat.kind == OrganisationKind.PROCURATORATE and seat.role in STAFF_ROLES
    }
    if not tops:
        return Organisation.objects.none()
    scope = Organisation.objects.filter(reduce(or_, (Q(path__startswith=p) for p in tops)))
    return scope.filter(kind=kind) if kind else scope


def organisations_reachable_from(org: Organisation) -> QuerySet[Organisation]:
    """The active organisations ``org`` works with, whom it may send notices: those it has an
    active cooperation with (either way round) and, when its administrator lets its area count
    (``works_with_own_area``), every organisation whose place lies in its area at its level
    (``area_prefix``: its province, city or county, and below). Never itself. One query."""
    return Organisation.objects.filter(reachable_from(org), is_active=True)


def reachable_from(org: Organisation) -> Q:
    """``organisations_reachable_from``'s rule as a condition on organisations (not their
    being active), so that several organisations' rules OR-ed together are still one query
    (``legalaid.selectors.receivers_for``)."""
    cooperations = Cooperation.objects.active()
    condition = Q(pk__in=cooperations.filter(first=org).values("second")) | Q(
        pk__in=cooperations.filter(second=org).values("first")
    )
    if org.works_with_own_area:
        condition |= Q(division__code__startswith=org.area_prefix)
    return condition & ~Q(pk=org.pk)


def members_with_role(org: Organisation, roles: str | Iterable[str]) -> QuerySet:
    """Active people holding an active seat with one of ``roles`` in ``org`` (not below it)."""
    wanted = [roles] if isinstance(roles, str) else list(roles)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=org,
            memberships__role__in=wanted,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("name", "pk")
    )


def procuratorate_for_division(
    code: str, *, division: Division | None = None
) -> Organisation | None:
    """The active procuratorate with jurisdiction over the place with this division code.

    That is the most specific one whose division is the place itself or, walking up, its
    prefecture or its province: a county without a procuratorate of its own is served by its
    prefecture's. Follows the divisions' ``parent`` links, so a county directly under a province
    (济源市 419001) reaches the province; for a well-formed code missing from the table, the
    code's arithmetic prefecture and province are tried. A 12-digit code below county level
    counts as its county. None when nothing matches or the code is malformed. A caller that
    has the division already, its parents fetched with it, passes it: one query fewer.
    """
    if division is None or division.code != code:
        division = division_by_code(code)
    if division is not None:
        chain = [d.code for d in ancestors(division)]
    else:
        try:
            chain = jurisdiction_chain_codes(code)
        except ValueError:
            return None

    def read() -> Organisation | None:
        candidates = Organisation.objects.filter(
            kind=OrganisationKind.PROCURATORATE, is_active=True, division_id__in=chain
        ).order_by("pk")
        rank = {c: i for i, c in enumerate(chain)}
        return min(
            candidates,
            key=lambda o: (rank[o.division_id], _LEVEL_SPECIFICITY.get(o.level, 99), o.pk),
            default=None,
        )

    found = JURISDICTION.get(tuple(chain), read)
    # The copy is the process's: each caller gets its own instance to hang relations on.
    return copy.copy(found) if found is not None else None


#: Which procuratorate serves a place, by the place's chain of division codes, kept in each
#: process's memory (``core.localcopy``; every public report asks it): an organisation saved
#: or deleted through the ORM drops every copy (``apps.OrgsConfig``).
JURISDICTION = LocalCopy("orgs.jurisdiction")


# -- an organisation's own administrator: its cooperation partners -------------------------------

#: Who configures an organisation's cooperation partners: its own administrator. The catalogue
#: gives every kind of organisation an ``administrator`` role (``roles._EVERY_KIND``), so one
#: role serves a procuratorate, a court, a bureau and a law firm alike; a chief procurator or a
#: court president runs the organisation's work, not its records, and is not asked to.
ADMINISTRATOR_ROLES = frozenset({Role.ADMINISTRATOR})

#: How many organisations one search for a new partner shows: type more of the name for others.
PARTNER_CANDIDATES_SHOWN = 20


def administers_an_organisation(access: Access) -> bool:
    """Whether this user is the administrator of some organisation (the menu entry and the
    page of cooperation partners)."""
    return bool(access.organisations_with(ADMINISTRATOR_ROLES))


def organisations_administered_by(access: Access) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=access.organisations_with(ADMINISTRATOR_ROLES)
    ).order_by("path")


def get_administered_for(access: Access, pk: int) -> Organisation:
    """The organisation with this id if this user administers it, else 404 alike for a missing
    one and another's (nobody learns which organisations have administrators here)."""
    from django.http import Http404

    if pk not in access.organisations_with(ADMINISTRATOR_ROLES):
        raise Http404("No such organisation.")
    return Organisation.objects.select_related("division").get(pk=pk)


def cooperations_of(org: Organisation) -> list[tuple[Cooperation, Organisation]]:
    """``org``'s active cooperations, each with the organisation on the other side, by its name.
    One query."""
    rows = (
        Cooperation.objects.active().of(org).select_related("first__division", "second__division")
    )
    pairs = [(c, c.other(org)) for c in rows]
    return sorted(pairs, key=lambda pair: (pair[1].name, pair[1].pk))


def partner_candidates(org: Organisation, query: str) -> list[Organisation]:
    """Up to ``PARTNER_CANDIDATES_SHOWN`` + 1 active organisations ``org`` does not yet work with
    whose name, English name or abbreviation contains ``query``, by name (the one more tells the
    page there are others). Nothing for an empty query: the choice is never a list of every
    organisation in the country. One query."""
    query = query.strip()
    if not query:
        return []
    partners = Cooperation.objects.active().of(org)
    found = (
        Organisation.objects.filter(is_active=True)
        .filter(
            Q(name__icontains=query)
            | Q(name_en__icontains=query)
            | Q(abbreviation__icontains=query)
        )
        .exclude(pk=org.pk)
        .exclude(pk__in=partners.values("first"))
        .exclude(pk__in=partners.values("second"))
        .select_related("division")
        .order_by("name", "pk")
    )
    return list(found[: PARTNER_CANDIDATES_SHOWN + 1])
