"""What the pages' maps need: the tile source the deployment configured, and points converted
into the coordinate system its tiles are drawn in.

``LIAISON_MAP_TILES`` is a URL template of a tile server the deployment runs or may reach (an
intranet one, typically); it is empty by default, and then the maps draw a plain grid and serve
as coordinate pickers. ``LIAISON_MAP_TILES_SYSTEM`` says whether those tiles are drawn in
GCJ-02 (Chinese map services) or WGS-84. A point is stored in the system it was taken in; it is
converted here, on the server, before a map shows it (``places.geo``), and the report form's
script converts the same way (``static/publicinterest/geo.js``) when it shows a GPS position.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

from liaison.places import geo

from .models import Clue


def tiles_system() -> str:
    system = settings.LIAISON_MAP_TILES_SYSTEM
    return system if system in geo.SYSTEMS else geo.GCJ02


def map_config() -> dict[str, Any]:
    """The settings the map script reads (``json_script``): where tiles come from, if anywhere,
    and in which system they are drawn."""
    tiles = settings.LIAISON_MAP_TILES.strip()
    return {
        "tiles": tiles,
        "system": tiles_system() if tiles else "",
        "attribution": settings.LIAISON_MAP_ATTRIBUTION,
    }


def on_map(latitude: Any, longitude: Any, system: str) -> tuple[float, float]:
    """A stored point, in the system the map's tiles are drawn in (unchanged without tiles)."""
    target = map_config()["system"] or system or geo.WGS84
    point = geo.convert(float(latitude), float(longitude), system or geo.WGS84, target)
    return round(point.latitude, 6), round(point.longitude, 6)


def map_points(clues: Iterable[Clue]) -> list[dict[str, Any]]:
    """The clues that have a point, as markers: where, what (the case number and field), and a
    link to the clue's page. No query: the clues come with their field."""
    points = []
    for clue in clues:
        if not clue.has_point:
            continue
        latitude, longitude = on_map(clue.latitude, clue.longitude, clue.coordinate_system)
        points.append(
            {
                "lat": latitude,
                "lon": longitude,
                "label": f"{clue.case_number} · {clue.field.label}",
                "url": reverse("workspace:matter", args=[clue.pk]),
            }
        )
    return points
