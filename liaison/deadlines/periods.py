"""Loading the default statutory periods into the database, and looking them up by code.

Defaults are written once and then belong to the administrators: a row they corrected must survive
every later deployment, so syncing only ever creates missing rows.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext

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
    return created


def get_period(code: str, organisation: Any = None) -> Period:
    """The period with this code; a clear ``LookupError`` when it is missing.

    With an ``organisation``, its own length (``PeriodOverride``) wins: the nearest one set on
    the organisation or an organisation above it. The result is then an unsaved copy of the
    period carrying that length, so callers read ``amount``/``unit`` the same way either way.
    """
    periods = Period.objects.filter(code=code)
    if organisation is not None:
        # One query: the organisation's nearest override comes with the period, if it has one.
        ancestors = [int(part) for part in organisation.path.strip("/").split("/") if part]
        nearest = PeriodOverride.objects.filter(
            period=OuterRef("pk"), organisation_id__in=ancestors
        ).order_by("-organisation__path")  # the longest path is the nearest organisation
        periods = periods.annotate(
            own_amount=Subquery(nearest.values("amount")[:1]),
            own_unit=Subquery(nearest.values("unit")[:1]),
            own_remind=Subquery(nearest.values("remind_before_days")[:1]),
        )
    period = periods.first()
    if period is None:
        raise LookupError(
            gettext(
                "No statutory period with code “%(code)s”. Run migrate to load the defaults, "
                "or add it in the administration."
            )
            % {"code": code}
        )
    own_amount = getattr(period, "own_amount", None)
    if own_amount is None:
        return period
    own = copy.copy(period)
    own.amount, own.unit = own_amount, period.own_unit  # type: ignore[attr-defined]
    if period.own_remind is not None:  # type: ignore[attr-defined]
        own.remind_before_days = period.own_remind  # type: ignore[attr-defined]
    return own


def sync_statutory_periods(
    sender: object = None,
    *,
    using: str = DEFAULT_DB_ALIAS,
    apps: Apps = global_apps,
    **kwargs: Any,
) -> None:
    """post_migrate receiver: load the statutory periods into a freshly migrated database."""
    from .statutory import STATUTORY_PERIODS

    try:
        period_model = apps.get_model("deadlines", "Period")
    except LookupError:
        return  # migrated backwards past the table's creation
    if not router.allow_migrate_model(using, period_model):
        return
    sync_periods(STATUTORY_PERIODS, using=using, model=period_model)
