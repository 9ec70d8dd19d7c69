"""A point and the place named: the distance from the seat, per level, and China's region."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from liaison.places.agreement import (
    COUNTY,
    PREFECTURE,
    PROVINCE,
    RADIUS_KM,
    REGION_KM,
    Seat,
    judge,
    measured_seat,
)
from liaison.places.geo import EARTH_RADIUS_M, distance_m, in_china

china_lat = st.floats(min_value=18.0, max_value=50.0)
china_lon = st.floats(min_value=80.0, max_value=130.0)
level = st.sampled_from([COUNTY, PREFECTURE, PROVINCE])
bearing = st.floats(min_value=0.0, max_value=2 * math.pi)
km = st.floats(min_value=0.0, max_value=2000.0)


def _moved(lat: float, lon: float, km_away: float, heading: float) -> tuple[float, float]:
    """The point ``km_away`` from (lat, lon) along ``heading`` (great circle)."""
    d = km_away * 1000 / EARTH_RADIUS_M
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(heading))
    l2 = l1 + math.atan2(
        math.sin(heading) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


@settings(max_examples=400)
@given(china_lat, china_lon, level, km, bearing)
def test_a_point_is_far_exactly_when_beyond_its_levels_radius(
    lat: float, lon: float, lvl: int, away: float, heading: float
) -> None:
    point = _moved(lat, lon, away, heading)
    assume(in_china(*point))
    seat = Seat("某区", lvl, lat, lon)
    verdict = judge(point, [seat], [(lat, lon), point])  # the region: a seat at the point
    assert not verdict.outside
    assert verdict.distance_km == pytest.approx(away, abs=0.01)
    assert verdict.far == (verdict.distance_km > RADIUS_KM[lvl])  # type: ignore[operator]
    assert verdict.agrees != verdict.far


@settings(max_examples=300)
@given(china_lat, china_lon, level, km, km, bearing)
def test_moving_the_point_towards_the_seat_never_makes_it_disagree(
    lat: float, lon: float, lvl: int, a: float, b: float, heading: float
) -> None:
    nearer, farther = sorted((a, b))
    seat = Seat("某区", lvl, lat, lon)
    near = _moved(lat, lon, nearer, heading)
    far = _moved(lat, lon, farther, heading)
    assume(in_china(*near) and in_china(*far))
    region = [near, far]
    if judge(far, [seat], region).agrees:
        assert judge(near, [seat], region).agrees


@settings(max_examples=300)
@given(china_lat, china_lon, km, bearing)
def test_the_most_specific_seat_with_coordinates_is_the_one_measured(
    lat: float, lon: float, away: float, heading: float
) -> None:
    point = _moved(lat, lon, away, heading)
    assume(in_china(*point))
    chain = [
        Seat("平城区", COUNTY, None, None),
        Seat("大同市", PREFECTURE, lat, lon),
        Seat("山西省", PROVINCE, 0.0, 0.0),
    ]
    assert measured_seat(chain) == chain[1]
    verdict = judge(point, chain, [point])
    assert verdict.limit_km == RADIUS_KM[PREFECTURE] and verdict.place == "平城区"


@settings(max_examples=300)
@given(st.floats(min_value=-89, max_value=89), st.floats(min_value=-179, max_value=179), km)
def test_outside_the_region_is_refused_whatever_the_place(lat: float, lon: float, d: float) -> None:
    seats = [(lat + 10, lon)]  # ~1,100 km away: no seat near
    verdict = judge((lat, lon), [Seat("某区", COUNTY, lat, lon)], seats)
    assert verdict.outside and not verdict.agrees and not verdict.far
    inside = judge((lat, lon), [Seat("某区", COUNTY, lat, lon)], [(lat, lon)])
    assert inside.outside == (not in_china(lat, lon))


def test_the_region_reaches_region_km_from_a_seat() -> None:
    seat = (35.0, 100.0)
    just_in = _moved(*seat, REGION_KM - 1, 0.3)
    just_out = _moved(*seat, REGION_KM + 1, 0.3)
    assert distance_m(seat, just_in) < REGION_KM * 1000
    assert not judge(just_in, [], [seat]).outside and judge(just_out, [], [seat]).outside


def test_without_any_seat_in_the_chain_a_point_in_the_region_is_taken() -> None:
    verdict = judge((40.0, 113.3), [Seat("平城区", COUNTY, None, None)], [(40.07, 113.30)])
    assert verdict.agrees and verdict.distance_km is None
