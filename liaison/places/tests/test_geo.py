"""WGS-84 ↔ GCJ-02, distances and search boxes, as properties over the whole range."""

from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.places.geo import (
    GCJ02,
    WGS84,
    box_around,
    convert,
    distance_m,
    gcj02_to_wgs84,
    in_china,
    wgs84_to_gcj02,
)

# Inside the rectangle with a margin, so that a shifted point stays inside it too.
china_lat = st.floats(min_value=4.0, max_value=53.4)
china_lon = st.floats(min_value=73.8, max_value=134.9)
any_lat = st.floats(min_value=-89.0, max_value=89.0)
any_lon = st.floats(min_value=-179.0, max_value=179.0)


@settings(max_examples=500)
@given(china_lat, china_lon)
def test_the_round_trip_inside_china_stays_within_a_metre(lat: float, lon: float) -> None:
    there = wgs84_to_gcj02(lat, lon)
    back = gcj02_to_wgs84(*there)
    assert distance_m((lat, lon), back) < 1.0
    # and the other way round
    assert distance_m((lat, lon), wgs84_to_gcj02(*gcj02_to_wgs84(lat, lon))) < 1.0


@settings(max_examples=300)
@given(china_lat, china_lon)
def test_inside_china_the_offset_is_real_but_under_a_kilometre(lat: float, lon: float) -> None:
    moved = distance_m((lat, lon), wgs84_to_gcj02(lat, lon))
    assert 0 < moved < 1000


@settings(max_examples=300)
@given(any_lat, any_lon)
def test_outside_china_both_directions_are_the_identity(lat: float, lon: float) -> None:
    if in_china(lat, lon):
        return
    assert wgs84_to_gcj02(lat, lon) == (lat, lon)
    assert gcj02_to_wgs84(lat, lon) == (lat, lon)
    assert convert(lat, lon, WGS84, GCJ02) == (lat, lon)


def test_a_known_point_moves_as_published() -> None:
    # Tiananmen: WGS-84 39.90734, 116.39089 is about GCJ-02 39.90874, 116.39713 (≈ 570 m east).
    lat, lon = wgs84_to_gcj02(39.90734, 116.39089)
    assert abs(lat - 39.90874) < 1e-4 and abs(lon - 116.39713) < 1e-4
    assert convert(lat, lon, GCJ02, WGS84) == gcj02_to_wgs84(lat, lon)
    assert convert(1.0, 2.0, WGS84, WGS84) == (1.0, 2.0)


def test_an_unknown_system_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        convert(39.9, 116.4, "bd09", WGS84)


def test_distances() -> None:
    assert distance_m((39.9, 116.4), (39.9, 116.4)) == 0
    # one degree of latitude is about 111.2 km
    assert abs(distance_m((39.0, 116.0), (40.0, 116.0)) - 111_195) < 50


@settings(max_examples=300)
@given(
    st.floats(min_value=-80.0, max_value=80.0),
    any_lon,
    st.floats(min_value=1.0, max_value=50_000.0),
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.0, max_value=6.2831),
)
def test_the_box_holds_every_point_of_the_circle(
    lat: float, lon: float, radius: float, fraction: float, bearing: float
) -> None:
    import math

    # a point at distance fraction·radius in direction bearing (small-distance approximation)
    d = radius * fraction * 0.999
    p_lat = lat + math.degrees(d * math.cos(bearing) / 6371008.8)
    p_lon = lon + math.degrees(d * math.sin(bearing) / (6371008.8 * math.cos(math.radians(p_lat))))
    if not -180 <= p_lon <= 180 or distance_m((lat, lon), (p_lat, p_lon)) > radius:
        return
    box = box_around(lat, lon, radius)
    assert box.south <= p_lat <= box.north
    assert box.west <= p_lon <= box.east
