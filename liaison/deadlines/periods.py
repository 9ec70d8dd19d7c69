"""A statutory period's default (``PeriodDefault``), loading defaults into the database, and
looking periods up by code.

Defaults are written once and then belong to the administrators: a row they corrected must survive
every later deployment, so syncing only ever creates missing rows. Who declares which default is
``declarations.py``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.translation import gettext

from liaison.core.localcopy import LocalCopy

from .models import Period, PeriodOverride, Unit


@dataclass(frozen=True)
class PeriodDefault:
    """A period as the rules give it, before any administrator's correction."""

    code: str
    name: str
    name_en: str
    amount: int
    unit: str
    rule: str = ""
    remind_before_days: int = 3
    needs_confirmation: bool = False

    def __post_init__(self) -> None:
        """Fail at import time on a typo rather than when a clock first uses the period."""
        if self.amount <= 0:
            raise ValueError(f"{self.code}: amount must be positive")
        if self.unit not in Unit.values:
            raise ValueError(f"{self.code}: unknown unit {self.unit!r}")


def sync_periods(
    defaults: Iterable[PeriodDefault],
    *,
    using: str = DEFAULT_DB_ALIAS,
    model: Any = None,
) -> int:
    """Create the periods that do not exist yet; return how many were created.

    Existing rows are never touched, even when their values differ from the defaults, because an
    administrator may have corrected them. ``model`` lets the post-migrate handler pass the
    historical model that matches the migrated schema.
    """
    period_model = model or Period
    by_code: dict[str, PeriodDefault] = {}
    for default in defaults:
        # Two workflows may share a period; two different defaults for one code are a bug.
        if by_code.setdefault(default.code, default) != default:
            raise ValueError(f"conflicting defaults for period code {default.code!r}")
    codes = list(by_code)
    field_names = {field.name for field in period_model._meta.concrete_fields}
    created = 0
    with transaction.atomic(using=using):
        existing = set(
            period_model._default_manager.using(using)
            .filter(code__in=codes)
            .values_list("code", flat=True)
        )
        for default in by_code.values():
            if default.code in existing:
                continue
            values = {
                key: value
                for key, value in dataclasses.asdict(default).items()
                if key in field_names and key != "code"
            }
            _, was_created = period_model._default_manager.using(using).get_or_create(
                code=default.code, defaults=values
            )
            created += was_created
    if created:
        forget_periods()
        transaction.on_commit(forget_periods, using=using)
    return created


#: The periods and the organisations' overrides, kept in each process's memory
#: (``core.localcopy``); a period or an override saved or deleted through the ORM drops them
#: at once here and within a second in every other process (``apps.DeadlinesConfig``). Every
#: clock started reads them.
PERIODS = LocalCopy("deadlines.periods")

#: (period code, organisation id, amount, unit, remind before days) of every override.
OverrideRow = tuple[str, int, int, str, int | None]


def _read_periods() -> tuple[dict[str, Period], list[OverrideRow]]:
    """Both tables (a few dozen rows): two queries."""
    return (
        {period.code: period for period in Period.objects.all()},
        list(
            PeriodOverride.objects.values_list(
                "period__code", "organisation_id", "amount", "unit", "remind_before_days"
            )
        ),
    )


def _periods() -> tuple[dict[str, Period], list[OverrideRow]]:
    """Both tables, from this process's copy (no query) or the database."""
    return PERIODS.get("all", _read_periods)


def forget_periods() -> None:
    """Drop the copies of the periods (a period or an override changed)."""
    PERIODS.forget()


def get_period(code: str, organisation: Any = None) -> Period:
    """The period with this code; a clear ``LookupError`` when it is missing.

    With an ``organisation``, its own length (``PeriodOverride``) wins: the nearest one set on
    the organisation or an organisation above it. The result is then an unsaved copy of the
    period carrying that length, so callers read ``amount``/``unit`` the same way either way.
    No query while this process's copy of the periods is current (``PERIODS``).
    """
    periods, overrides = _periods()
    period = periods.get(code)
    if period is None:
        raise LookupError(
            gettext(
                "No statutory period with code “%(code)s”. Run migrate to load the defaults, "
                "or add it in the administration."
            )
            % {"code": code}
        )
    own = copy.copy(period)  # the cached row is shared: callers get their own
    if organisation is None:
        return own
    # The organisation's path lists it and the organisations above it, root first: the
    # override set furthest along the path is the nearest.
    path = [int(part) for part in organisation.path.strip("/").split("/") if part]
    nearest = max(
        (row for row in overrides if row[0] == code and row[1] in path),
        key=lambda row: path.index(row[1]),
        default=None,
    )
    if nearest is not None:
        own.amount, own.unit = nearest[2], nearest[3]
        if nearest[4] is not None:
            own.remind_before_days = nearest[4]
    return own
