"""Which statutory periods exist: each declared once, by whatever uses it.

A workflow declares the periods its clocks run (``Workflow.periods``) and the workflow registry
passes them here, with the codes its clocks name (``ClockSpec.period``, ``urgent_period``); an
app that reads a period in its own code (``get_period``) declares it from its ``AppConfig.ready``
with ``read_by_code=True``. One ``post_migrate`` receiver turns the declarations into ``Period``
rows (``sync_declared_periods``), and one system check (``check_periods``) refuses to start
when a clock names a period nobody declares, and warns of a declared period nothing uses: such a
period is removed, not kept "in case".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, router

from .periods import PeriodDefault, sync_periods


@dataclass
class Declarations:
    """What has been declared so far: the defaults by code with who declared each, and who
    uses each code. ``ready()`` may run more than once, so declaring again changes nothing."""

    declared: dict[str, dict[str, PeriodDefault]] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)

    def declare(
        self, defaults: Iterable[PeriodDefault], *, by: str, read_by_code: bool = False
    ) -> None:
        for default in defaults:
            self.declared.setdefault(default.code, {})[by] = default
            if read_by_code:
                self.use([default.code], by=by)

    def use(self, codes: Iterable[str], *, by: str) -> None:
        for code in codes:
            self.used.setdefault(code, set()).add(by)

    def defaults(self) -> list[PeriodDefault]:
        """Every declared default, one per declaring party (``sync_periods`` refuses two
        different defaults for one code)."""
        return [default for by in self.declared.values() for default in by.values()]


REGISTRY = Declarations()


def declare_periods(
    defaults: Iterable[PeriodDefault], *, by: str, read_by_code: bool = False
) -> None:
    """Declare ``defaults`` on behalf of ``by`` (a workflow's name, or the module that reads
    them). ``read_by_code``: ``by`` reads them itself (``get_period``), so they are in use."""
    REGISTRY.declare(defaults, by=by, read_by_code=read_by_code)


def use_periods(codes: Iterable[str], *, by: str) -> None:
    """Record that ``by`` (a workflow's clocks) runs the periods ``codes``."""
    REGISTRY.use(codes, by=by)


def declared_periods() -> list[PeriodDefault]:
    return REGISTRY.defaults()


def sync_declared_periods(
    sender: object = None,
    *,
    using: str = DEFAULT_DB_ALIAS,
    apps: Apps = global_apps,
    **kwargs: Any,
) -> None:
    """The one post_migrate receiver: create the ``Period`` rows of every declared period that
    has none yet. Rows that exist are left as they are (an administrator may have corrected
    them), so running it again changes nothing."""
    try:
        period_model = apps.get_model("deadlines", "Period")
    except LookupError:
        return  # migrated backwards past the table's creation
    if not router.allow_migrate_model(using, period_model):
        return
    sync_periods(declared_periods(), using=using, model=period_model)


def period_problems(
    declared: Mapping[str, Mapping[str, PeriodDefault]], used: Mapping[str, Iterable[str]]
) -> list[checks.CheckMessage]:
    """What is wrong with these declarations: a period used but declared by nobody
    (``deadlines.E001``: a clock would fail when it starts), one declared twice with different
    values (``deadlines.E002``), and one declared that nothing uses (``deadlines.W001``)."""
    problems: list[checks.CheckMessage] = []
    for code in sorted(set(used) - set(declared)):
        users = ", ".join(sorted(used[code]))
        problems.append(
            checks.Error(
                f"period {code!r} is used by {users} but no workflow or app declares it",
                hint="Declare it in the workflow's periods (PeriodDefault) or fix the code.",
                id="deadlines.E001",
            )
        )
    for code, by in sorted(declared.items()):
        if len(set(by.values())) > 1:
            problems.append(
                checks.Error(
                    f"period {code!r} is declared with different values by {', '.join(sorted(by))}",
                    hint="Declare it once, in the workflow that uses it.",
                    id="deadlines.E002",
                )
            )
        if not used.get(code):
            problems.append(
                checks.Warning(
                    f"period {code!r} is declared by {', '.join(sorted(by))} but nothing uses it",
                    hint="Remove it, or name it in a clock (ClockSpec.period).",
                    id="deadlines.W001",
                )
            )
    return problems


def check_periods(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """System check over everything declared when the apps are ready."""
    return period_problems(REGISTRY.declared, REGISTRY.used)
