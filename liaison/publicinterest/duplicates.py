"""Clues about the same problem: the open clues near a place (which a reporter may add to instead
of filing a new one) and, for a clue officer, the likely duplicates of a clue, with the reasons.

Both start from one indexed prefilter: the same field and, with a point, a latitude/longitude
box around it (``Clue`` indexes ``field, latitude, longitude``), or, without one, the same
division (``field, division``), where the public's nearby check keeps only the clues on the
street the reporter's address names. Only what passes it is measured exactly (haversine) and
compared in Python, so the cost depends on how many clues lie near the place, not on how many
there are. A point may have been stored in WGS-84 or GCJ-02 (``places.geo``): the box is
widened by the most GCJ-02 moves a point, and each candidate is converted before it is measured.
The public reads of the clues it finds only ``PublicClue`` (field, coarse place, day, state):
never their words, their address or a distance.

Similarity of descriptions is the Jaccard index of their character bigrams: Chinese has no
spaces between words, and two people describing the same black river share pairs of characters
(偷排, 污水, 河水) far more than people describing different problems. It is simple, needs no
dictionary, and can be explained to the officer by the pairs the two texts share.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.places import geo
from liaison.places.coarse import coarse_place, street_of
from liaison.places.models import Division
from liaison.places.selectors import ancestors

from .models import Clue, Field
from .workflows import CLUE

#: How far apart in time two reports of one problem may be, for the duplicate suggestions.
DUPLICATE_DAYS = 90
#: At most this many suggestions, and this many clues measured after the prefilter.
SUGGESTIONS = 5
NEARBY_SHOWN = 5
CANDIDATES_MEASURED = 300
#: A pair of texts at least this alike is called similar in the reasons.
SIMILAR_TEXT = 0.2
SHARED_PAIRS_SHOWN = 6


def open_states() -> list[str]:
    """The states of a clue still open to additions and merges: not yet decided."""
    return [s for s in CLUE.states if s not in CLUE.final_states and s != CLUE.initial]


def nearby_radius_m() -> float:
    return float(settings.LIAISON_NEARBY_RADIUS_M)


# -- text ----------------------------------------------------------------------------------------


def _letters(text: str) -> str:
    """The text's letters, digits and ideographs, lower-cased and width-folded (ＡＢ → ab)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in folded if ch.isalnum())


def bigrams(text: str) -> frozenset[str]:
    letters = _letters(text)
    if len(letters) == 1:
        return frozenset({letters})
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1))


def similarity(a: str, b: str) -> float:
    """The Jaccard index of the two texts' character bigrams, from 0 (nothing shared) to 1."""
    first, second = bigrams(a), bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def shared_pairs(a: str, b: str, most: int = SHARED_PAIRS_SHOWN) -> list[str]:
    """The bigrams the two texts share, in the order they first appear in ``a``."""
    theirs = bigrams(b)
    letters = _letters(a)
    seen: list[str] = []
    for i in range(len(letters) - 1):
        pair = letters[i : i + 2]
        if pair in theirs and pair not in seen:
            seen.append(pair)
            if len(seen) == most:
                break
    return seen


# -- place ---------------------------------------------------------------------------------------


def _wgs84(latitude: Any, longitude: Any, system: str) -> tuple[float, float]:
    return tuple(geo.convert(float(latitude), float(longitude), system or geo.WGS84, geo.WGS84))  # type: ignore[return-value]


def _in_box(latitude: float, longitude: float, radius_m: float) -> Q:
    """The index-friendly box around a WGS-84 point, wide enough for points kept in GCJ-02."""
    box = geo.box_around(latitude, longitude, radius_m + geo.MAX_OFFSET_M)
    quantum = Decimal("0.000001")
    return Q(
        latitude__gte=Decimal(box.south).quantize(quantum),
        latitude__lte=Decimal(box.north).quantize(quantum),
        longitude__gte=Decimal(box.west).quantize(quantum),
        longitude__lte=Decimal(box.east).quantize(quantum),
    )


def _distance(clue: Clue, here: tuple[float, float]) -> float | None:
    if not clue.has_point:
        return None
    return geo.distance_m(here, _wgs84(clue.latitude, clue.longitude, clue.coordinate_system))


@dataclass(frozen=True)
class NearbyClue:
    clue: Clue
    distance_m: float | None  # None when matched by its division and street (it has no point)


@dataclass(frozen=True)
class PublicClue:
    """All the public may read of another person's clue, to recognise the problem and add "I
    see this too": its field, its coarse place (division and street, no house number), the day
    it was reported and its state. Nothing anyone typed, no distance (several distances from
    chosen points would give the spot away), no reporter. Pages get this, never the clue."""

    pk: int
    field: str
    place: str
    reported_on: date
    state: str


def coarse_place_of(clue: Clue) -> str:
    """The clue's division names and the street its address names (``places.coarse``)."""
    names = [d.name for d in reversed(ancestors(clue.division))]
    return coarse_place(names, clue.address)


def public_clue(clue: Clue) -> PublicClue:
    return PublicClue(
        pk=clue.pk,
        field=str(clue.field.label),
        place=coarse_place_of(clue),
        reported_on=timezone.localdate(clue.created_at),
        state=str(CLUE.states.get(clue.state, clue.state)),
    )


def open_clues_of_field(field_id: int) -> QuerySet[Clue]:
    return Clue.objects.filter(field_id=field_id, state__in=open_states())


def nearby_candidates(
    *,
    field_id: int,
    division_code: str = "",
    here: tuple[float, float] | None = None,
    radius_m: float = 0.0,
) -> QuerySet[Clue]:
    """The prefilter of the nearby check, one indexed query: the open clues of the field in the
    box around ``here`` (a WGS-84 point), or, without one, in the division, newest first."""
    clues = open_clues_of_field(field_id)
    if here is None:
        return clues.filter(division_id=division_code).order_by("-created_at", "-pk")[
            :CANDIDATES_MEASURED
        ]
    return clues.filter(_in_box(*here, radius_m))[:CANDIDATES_MEASURED]


def open_clues_near(
    *,
    field: Field,
    division_code: str,
    latitude: Any = None,
    longitude: Any = None,
    coordinate_system: str = "",
    address: str = "",
    radius_m: float | None = None,
    most: int = NEARBY_SHOWN,
    division: Division | None = None,
) -> list[NearbyClue]:
    """The open clues of ``field`` within ``radius_m`` (``LIAISON_NEARBY_RADIUS_M``) of the
    point, nearest first; without a point, the newest open clues of the field in the division
    whose address names the same street as ``address`` (nothing when it names none), so that
    no lookup answers more than a handful of clues about one real place: a list of divisions
    cannot be walked for every clue in the country. Three queries at most, whatever the number
    of clues: the prefilter (bare columns), the clues shown (none when nothing is near) and
    the places' names (none when the caller passes the ``division``, its parents fetched
    with it)."""
    radius = nearby_radius_m() if radius_m is None else radius_m
    if latitude is None or longitude is None:
        found = (
            division
            if division is not None and division.code == division_code
            else Division.objects.filter(code=division_code)
            .select_related("parent__parent")
            .first()
        )
        names = [d.name for d in reversed(ancestors(found))] if found else []
        street = street_of(address, names)
        if not street:
            return []
        rows = nearby_candidates(field_id=field.pk, division_code=division_code).values_list(
            "pk", "address"
        )
        same = [pk for pk, other in rows if street_of(other, names) == street]
        return _shown({pk: None for pk in same[:most]})
    here = _wgs84(latitude, longitude, coordinate_system)
    measured: list[tuple[float, int]] = []
    points = nearby_candidates(field_id=field.pk, here=here, radius_m=radius).values_list(
        "pk", "latitude", "longitude", "coordinate_system"
    )
    for pk, lat, lon, system in points:
        distance = geo.distance_m(here, _wgs84(lat, lon, system))
        if distance <= radius:
            measured.append((distance, -pk))
    measured.sort()
    return _shown({-negative: distance for distance, negative in measured[:most]})


def _shown(chosen: dict[int, float | None]) -> list[NearbyClue]:
    """The chosen clues, in the order given, each with its distance: the candidates are read as
    bare columns (up to ``CANDIDATES_MEASURED`` of them about one busy place), and only the few
    shown become clues with their field, places and procuratorate (one query, none when
    nothing is near)."""
    if not chosen:
        return []
    clues = Clue.objects.select_related("field", "division__parent__parent", "owner").in_bulk(
        list(chosen)
    )
    return [NearbyClue(clues[pk], distance) for pk, distance in chosen.items() if pk in clues]


# -- duplicates ----------------------------------------------------------------------------------


@dataclass
class Suggestion:
    """A clue that may report the same problem as another, why, and how strongly."""

    clue: Clue
    score: float
    text_similarity: float
    distance_m: float | None
    days_apart: int
    same_division: bool
    shared: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        reasons = [_("same field: %(field)s") % {"field": self.clue.field.label}]
        if self.distance_m is not None:
            reasons.append(_("%(metres)d m apart") % {"metres": round(self.distance_m)})
        elif self.same_division:
            reasons.append(_("same district: %(place)s") % {"place": self.clue.division.name})
        reasons.append(
            _("descriptions %(percent)d%% alike (character pairs in common: %(pairs)s)")
            % {
                "percent": round(self.text_similarity * 100),
                "pairs": "、".join(self.shared) or "—",
            }
        )
        reasons.append(_("reported %(days)d days apart") % {"days": self.days_apart})
        return reasons


def _score(similar: float, distance: float | None, same_division: bool, days: int) -> float:
    """Text counts most, then place, then time; each part from 0 to 1."""
    radius = nearby_radius_m()
    if distance is not None:
        place = max(0.0, 1.0 - distance / (radius * 2))
    else:
        place = 0.3 if same_division else 0.0
    time = max(0.0, 1.0 - days / DUPLICATE_DAYS)
    return round(0.5 * similar + 0.3 * place + 0.2 * time, 4)


def duplicate_suggestions(clue: Clue, *, most: int = SUGGESTIONS) -> list[Suggestion]:
    """The open clues of the same procuratorate and field that may report the same problem as
    ``clue``: near it (within twice the nearby radius, or in its division when either has no
    point) and reported within ``DUPLICATE_DAYS`` of it; ranked by text, place and time."""
    radius = nearby_radius_m() * 2
    window = timedelta(days=DUPLICATE_DAYS)
    place = Q(division_id=clue.division_id)
    here = None
    if clue.has_point:
        here = _wgs84(clue.latitude, clue.longitude, clue.coordinate_system)
        place |= _in_box(*here, radius)
    pool = (
        open_clues_of_field(clue.field_id)
        .filter(
            place,
            owner_id=clue.owner_id,
            created_at__gte=clue.created_at - window,
            created_at__lte=clue.created_at + window,
        )
        .exclude(pk=clue.pk)
        .select_related("field", "division")
        .order_by("-created_at")[:CANDIDATES_MEASURED]
    )
    suggestions = []
    for other in pool:
        distance = _distance(other, here) if here is not None else None
        if distance is not None and distance > radius and other.division_id != clue.division_id:
            continue
        same_division = other.division_id == clue.division_id
        days = abs((other.created_at - clue.created_at).days)
        similar = similarity(clue.description, other.description)
        suggestions.append(
            Suggestion(
                clue=other,
                score=_score(similar, distance, same_division, days),
                text_similarity=similar,
                distance_m=distance,
                days_apart=days,
                same_division=same_division,
                shared=shared_pairs(clue.description, other.description),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, -s.clue.pk))
    return suggestions[:most]


def suggestions_for(clue: Clue) -> list[Suggestion]:
    """``duplicate_suggestions``, worked out once per clue object: the clue's page lists them
    and its merge form offers them, from the same list."""
    cached: list[Suggestion] | None = getattr(clue, "_duplicate_suggestions", None)
    if cached is None:
        cached = duplicate_suggestions(clue)
        clue._duplicate_suggestions = cached  # type: ignore[attr-defined]
    return cached
