"""The maps: Leaflet served by the app, tiles only from the configured source (a plain grid
without one), points shown in the tiles' coordinate system."""

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.places import geo
from liaison.publicinterest.maps import map_config, on_map

from .factories import clue_officer, procuratorate, reported_clue

pytestmark = pytest.mark.django_db

TILES = "https://tiles.intranet.example/{z}/{x}/{y}.png"
WGS = {
    "latitude": Decimal("39.608000"),
    "longitude": Decimal("109.781000"),
    "coordinate_system": "wgs84",
}


def _json(html: str, element_id: str) -> object:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, element_id
    return json.loads(found.group(1))


def _hosts(html: str) -> set[str]:
    """Every host a page would load something from (src= and href= of scripts, styles, images)."""
    return set(re.findall(r'(?:src|href)="(?:https?:)?//([^/"]+)', html))


def test_without_tiles_the_report_form_is_a_coordinate_picker_served_by_the_app(
    client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.LIAISON_MAP_TILES = ""
    html = client.get(reverse("publicinterest:report")).content.decode()
    assert _json(html, "map-config") == {"tiles": "", "system": "", "attribution": ""}
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/publicinterest/map.js" in html
    assert _hosts(html) == set()
    # the coordinates are fields of their own: typed by hand without the script
    for name in ("latitude", "longitude", "coordinate_system"):
        assert f'name="{name}"' in html and f'type="hidden" name="{name}"' not in html


def test_configured_tiles_and_their_system_reach_the_map(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIAISON_MAP_TILES = TILES
    settings.LIAISON_MAP_TILES_SYSTEM = "wgs84"
    settings.LIAISON_MAP_ATTRIBUTION = "© 内网地图"
    html = client.get(reverse("publicinterest:report")).content.decode()
    assert _json(html, "map-config") == {
        "tiles": TILES,
        "system": "wgs84",
        "attribution": "© 内网地图",
    }
    settings.LIAISON_MAP_TILES_SYSTEM = "bd09"  # not one we know: Chinese tiles assumed
    assert map_config()["system"] == "gcj02"


def test_a_point_is_shown_in_the_tiles_system(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIAISON_MAP_TILES = ""
    assert on_map(Decimal("39.608"), Decimal("109.781"), "wgs84") == (39.608, 109.781)
    settings.LIAISON_MAP_TILES = TILES
    settings.LIAISON_MAP_TILES_SYSTEM = "gcj02"
    shown = on_map(Decimal("39.608"), Decimal("109.781"), "wgs84")
    assert shown == tuple(round(v, 6) for v in geo.wgs84_to_gcj02(39.608, 109.781))
    assert on_map(Decimal("39.608"), Decimal("109.781"), "gcj02") == (39.608, 109.781)


def test_the_triage_map_marks_the_pages_clues_with_a_point(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIAISON_MAP_TILES = TILES
    settings.LIAISON_MAP_TILES_SYSTEM = "gcj02"
    org = procuratorate()
    pinned = reported_clue(**WGS)
    reported_clue()  # no point: in the table, not on the map
    client.force_login(clue_officer(org))
    html = client.get(reverse("publicinterest:triage")).content.decode()
    points = _json(html, "triage-points")
    assert isinstance(points, list) and len(points) == 1
    [point] = points
    assert point["url"] == reverse("workspace:matter", args=[pinned.pk])
    assert pinned.case_number in point["label"]
    expected = geo.wgs84_to_gcj02(39.608, 109.781)
    assert abs(point["lat"] - expected.latitude) < 1e-6
    assert 'data-testid="triage-map"' in html and _hosts(html) == set()


def test_the_triage_map_costs_no_query_of_its_own(client) -> None:  # type: ignore[no-untyped-def]
    org = procuratorate()
    client.force_login(clue_officer(org))
    reported_clue(**WGS)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("publicinterest:triage"))
    for _ in range(6):
        reported_clue(**WGS)
    with CaptureQueriesContext(connection) as seven:
        html = client.get(reverse("publicinterest:triage")).content.decode()
    assert len(_json(html, "triage-points")) == 7  # type: ignore[arg-type]
    assert len(seven) == len(one)


def test_no_map_without_points(client) -> None:  # type: ignore[no-untyped-def]
    org = procuratorate()
    reported_clue()
    client.force_login(clue_officer(org))
    html = client.get(reverse("publicinterest:triage")).content.decode()
    assert 'data-testid="triage-map"' not in html and "leaflet.js" not in html
