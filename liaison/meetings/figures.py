"""Figures of joint meetings and action items, per agreement and over an organisation and
everything below it: meetings held against meetings due by the cadence, action items done in
time, open items by owner. A constant number of aggregate queries, whatever the numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from liaison.agreements.models import Agreement
from liaison.agreements.workflows import AGREEMENT
from liaison.orgs.models import Organisation
from liaison.workflow.models import Clock, Relation

from .models import ActionItem
from .selectors import HELD_STATES, OPEN_ITEM_STATES


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def meetings_due(agreement: Agreement, today: date) -> int:
    """How many joint meetings the cadence asked for from the day the agreement came into
    force (or was signed) until ``today``."""
    since = agreement.in_force_from or agreement.signed_on
    if not agreement.meeting_cadence or since is None:
        return 0
    return months_between(since, today) // agreement.meeting_cadence


@dataclass(frozen=True)
class AgreementFigures:
    agreement: Agreement
    held: int
    due: int
    done_in_time: int
    done_late: int
    open: int

    @property
    def in_time_rate(self) -> float | None:
        done = self.done_in_time + self.done_late
        return self.done_in_time / done if done else None


@dataclass(frozen=True)
class Figures:
    rows: list[AgreementFigures]
    open_by_owner: list[tuple[str, int]]

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def held(self) -> int:
        return self.total("held")

    @property
    def due(self) -> int:
        return self.total("due")

    @property
    def done_in_time(self) -> int:
        return self.total("done_in_time")

    @property
    def done_late(self) -> int:
        return self.total("done_late")

    @property
    def open(self) -> int:
        return self.total("open")


def agreements_in_scope(scope: Organisation) -> list[int]:
    return list(
        Agreement.objects.filter(
            Q(owner__path__startswith=scope.path)
            | Q(
                parties__relation=Relation.PARTNER_ORG,
                parties__organisation__path__startswith=scope.path,
            )
        )
        .exclude(state=AGREEMENT.state("draft"))
        .values_list("pk", flat=True)
        .distinct()
    )


def figures_for(scope: Organisation, today: date) -> Figures:
    """The figures of the agreements ``scope`` or an organisation below it is party to."""
    ids = agreements_in_scope(scope)
    stopped = Q(action_items__clocks__state=Clock.State.STOPPED, action_items__clocks__name="due")
    rows = (
        Agreement.objects.filter(pk__in=ids)
        .annotate(
            held=Count("meetings", filter=Q(meetings__state__in=HELD_STATES), distinct=True),
            done_in_time=Count(
                "action_items",
                filter=stopped
                & Q(action_items__clocks__stopped_on__lte=F("action_items__clocks__due_on")),
                distinct=True,
            ),
            done_late=Count(
                "action_items",
                filter=stopped
                & Q(action_items__clocks__stopped_on__gt=F("action_items__clocks__due_on")),
                distinct=True,
            ),
            open=Count(
                "action_items",
                filter=Q(action_items__state__in=OPEN_ITEM_STATES),
                distinct=True,
            ),
        )
        .order_by("title", "pk")
    )
    by_owner = (
        ActionItem.objects.filter(under_agreement_id__in=ids, state__in=OPEN_ITEM_STATES)
        .values("owner__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__name")
    )
    return Figures(
        rows=[
            AgreementFigures(
                agreement=a,
                held=a.held,
                due=meetings_due(a, today),
                done_in_time=a.done_in_time,
                done_late=a.done_late,
                open=a.open,
            )
            for a in rows
        ],
        open_by_owner=[(row["owner__name"], row["n"]) for row in by_owner],
    )
