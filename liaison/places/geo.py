"""Points on the earth: WGS-84 and GCJ-02, distances, and the box around a circle.

GPS (and so a phone's browser) gives WGS-84. Maps published in China (the tiles of Chinese map
services, and the intranet tile servers that copy them) are drawn in GCJ-02, the national
"offset" datum: the same place has coordinates a few hundred metres apart in the two. A point
is stored with the system it was taken in (``Clue.coordinate_system``); these functions move it
between the two where a map or a distance needs one system.

The conversion is the well-known public one (the published "eviltransform" polynomial, with the
Krasovsky 1940 ellipsoid). From WGS-84 to GCJ-02 it is a closed formula; back, it is inverted
by fixed-point iteration to well under a centimetre. Outside China (the usual rough rectangle)
GCJ-02 is WGS-84, so both directions are the identity there. ``tests/test_geo.py`` holds the
properties: the round trip stays within a metre inside China, and is exact outside.
"""

from __future__ import annotations

import math
from typing import NamedTuple

WGS84 = "wgs84"
GCJ02 = "gcj02"
SYSTEMS = (WGS84, GCJ02)

EARTH_RADIUS_M = 6371008.8  # the mean radius, for haversine distances
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_INVERSE_STEPS = 30
_INVERSE_TOLERANCE = 1e-10  # degrees, about 0.01 mm
#: The most GCJ-02 moves a point (in metres) is well under this: the margin by which a search
#: box in one system is widened to catch points stored in the other.
MAX_OFFSET_M = 1000.0


class Point(NamedTuple):
    latitude: float
    longitude: float


def in_china(latitude: float, longitude: float) -> bool:
    """Whether GCJ-02 applies: inside the rough rectangle the public conversion uses."""
    return 73.66 < longitude < 135.05 and 3.86 < latitude < 53.55


def _offset(latitude: float, longitude: float) -> tuple[float, float]:
    x, y = longitude - 105.0, latitude - 35.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat += common
    d_lon += common
    d_lat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2 / 3
    d_lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    rad = latitude / 180.0 * math.pi
    magic = 1.0 - _KRASOVSKY_EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / (
        (_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi
    )
    d_lon = (d_lon * 180.0) / (_KRASOVSKY_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lon


def wgs84_to_gcj02(latitude: float, longitude: float) -> Point:
    if not in_china(latitude, longitude):
        return Point(latitude, longitude)
    d_lat, d_lon = _offset(latitude, longitude)
    return Point(latitude + d_lat, longitude + d_lon)


def gcj02_to_wgs84(latitude: float, longitude: float) -> Point:
    """The WGS-84 point whose GCJ-02 image is the given one (fixed-point iteration)."""
    if not in_china(latitude, longitude):
        return Point(latitude, longitude)
    lat, lon = latitude, longitude
    for _step in range(_INVERSE_STEPS):
        there = wgs84_to_gcj02(lat, lon)
        d_lat, d_lon = there.latitude - latitude, there.longitude - longitude
        lat, lon = lat - d_lat, lon - d_lon
        if abs(d_lat) < _INVERSE_TOLERANCE and abs(d_lon) < _INVERSE_TOLERANCE:
            break
    return Point(lat, lon)


def convert(latitude: float, longitude: float, source: str, target: str) -> Point:
    """The point in ``target``'s system; ``source`` and ``target`` are ``wgs84`` or ``gcj02``."""
    if source not in SYSTEMS or target not in SYSTEMS:
        raise ValueError(f"unknown coordinate system: {source!r} or {target!r}")
    if source == target:
        return Point(latitude, longitude)
    if source == WGS84:
        return wgs84_to_gcj02(latitude, longitude)
    return gcj02_to_wgs84(latitude, longitude)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle (haversine) distance between two points of one system, in metres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


class Box(NamedTuple):
    south: float
    west: float
    north: float
    east: float


def box_around(latitude: float, longitude: float, radius_m: float) -> Box:
    """The latitude/longitude box that holds every point within ``radius_m`` of the centre: the
    prefilter an index on (latitude, longitude) answers, before exact distances are measured.
    Near a pole the box takes every longitude."""
    d_lat = math.degrees(radius_m / EARTH_RADIUS_M)
    cos_lat = math.cos(math.radians(latitude))
    if cos_lat < 1e-6 or d_lat >= 90:
        return Box(max(latitude - d_lat, -90.0), -180.0, min(latitude + d_lat, 90.0), 180.0)
    d_lon = min(math.degrees(radius_m / (EARTH_RADIUS_M * cos_lat)), 180.0)
    return Box(
        max(latitude - d_lat, -90.0),
        max(longitude - d_lon, -180.0),
        min(latitude + d_lat, 90.0),
        min(longitude + d_lon, 180.0),
    )
