"""The support-prosecution figures (seed 002) of an organisation and everything below it, for
any period: cases by category, people helped by the categories' groups (migrant workers;
elderly people and minors), money recovered, cases supported to a judgment or a mediation,
the joint publicity events, and the legal-aid referrals (``referral_figures``, below).

What counts, so that the numbers read as the seed's do:

- a *case* is one the procuratorate accepted to support (accepted or any later state short of
  "ended before the suit"), received in the period (``SupportCase.received_on``); applications
  under review, refused or ended before the suit are not cases supported;
- the *people helped* are the beneficiaries of those cases, counted in the group of the case's
  category (``SupportCategory.figures_group``);
- *money recovered* is the sum of the ``Recovery`` rows received in the period on cases of the
  organisations in scope (cash as it came in: an instalment of 2024 on a case of 2023 counts in
  2024), in exact ``Decimal`` yuan, never a float;
- *supported to judgment or mediation*: cases counted above whose suit ended so.

Each table is one aggregate query over the tree's ``path``; the whole page a constant number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from liaison.legalaid.selectors import ReferralFigures
from liaison.legalaid.selectors import referral_figures as legalaid_referral_figures
from liaison.orgs.models import Organisation
from liaison.publicity.models import EventKind
from liaison.publicity.selectors import event_counts

from .models import FiguresGroup, Outcome, Recovery, SupportCase, SupportCategory
from .workflows import SUPPORT_CASE

#: The states of a case the procuratorate supports (accepted, and every later state of a suit).
SUPPORTED_STATES = SUPPORT_CASE.states_named(
    "accepted", "opinion_drafted", "sent_to_court", "acknowledged", "outcome_recorded", "closed"
)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CategoryRow:
    category: SupportCategory
    cases: int
    people: int


@dataclass(frozen=True)
class GroupRow:
    group: str
    label: Any
    cases: int
    people: int
    recovered: Decimal


@dataclass
class Figures:
    scope: Organisation
    since: date | None
    until: date | None
    by_category: list[CategoryRow]
    by_group: list[GroupRow]
    #: Cases by the suit's outcome (judgment, mediation, withdrawal; "" while pending).
    by_outcome: dict[str, int]
    recovered: Decimal
    #: (kind's label, events, audience) for each kind of publicity event.
    publicity: list[tuple[Any, int, int]]
    #: The legal-aid referrals both ways (``legalaid.selectors.referral_figures``).
    referrals: Any = None
    charts: dict[str, Any] = field(default_factory=dict)

    @property
    def cases(self) -> int:
        return sum(row.cases for row in self.by_category)

    @property
    def people(self) -> int:
        return sum(row.people for row in self.by_group)

    @property
    def to_judgment_or_mediation(self) -> int:
        return self.by_outcome.get(Outcome.JUDGMENT, 0) + self.by_outcome.get(Outcome.MEDIATION, 0)

    def group(self, name: str) -> GroupRow:
        return next(row for row in self.by_group if row.group == name)

    @property
    def migrant_workers(self) -> int:
        return self.group(FiguresGroup.MIGRANT_WORKERS).people

    @property
    def elderly_and_minors(self) -> int:
        return self.group(FiguresGroup.ELDERLY_AND_MINORS).people

    @property
    def publicity_events(self) -> int:
        return sum(n for _label, n, _people in self.publicity)


def cases_in(scope: Organisation, since: date | None, until: date | None) -> QuerySet[SupportCase]:
    """The cases supported by ``scope`` or an organisation below it, received in the period."""
    cases = SupportCase.objects.filter(
        owner__path__startswith=scope.path, state__in=SUPPORTED_STATES
    )
    if since is not None:
        cases = cases.filter(received_on__gte=since)
    if until is not None:
        cases = cases.filter(received_on__lte=until)
    return cases


def recoveries_in(
    scope: Organisation, since: date | None, until: date | None
) -> QuerySet[Recovery]:
    """The money received in the period on the cases of ``scope`` and below."""
    rows = Recovery.objects.filter(case__owner__path__startswith=scope.path)
    if since is not None:
        rows = rows.filter(received_on__gte=since)
    if until is not None:
        rows = rows.filter(received_on__lte=until)
    return rows


def referral_figures(
    scope: Organisation, since: date | None, until: date | None
) -> list[ReferralFigures]:
    """The legal-aid referrals both ways of ``scope`` and below in the period, and how their
    answers count against the decision clock (``legalaid.selectors.referral_figures``, one
    grouped query)."""
    return legalaid_referral_figures(scope, start=since, end=until)


def figures_for(scope: Organisation, *, since: date | None, until: date | None) -> Figures:
    """The figures of ``scope`` and everything below it for the period (either end open)."""
    cases = cases_in(scope, since, until)
    categories = list(
        SupportCategory.objects.annotate(
            n_cases=Count("cases", filter=Q(cases__in=cases), distinct=True),
            n_people=Count("cases__beneficiaries", filter=Q(cases__in=cases)),
        )
        .filter(Q(n_cases__gt=0) | Q(active=True))
        .order_by("order", "code")
    )
    by_category = [CategoryRow(c, c.n_cases, c.n_people) for c in categories]
    money = {
        row["case__category__figures_group"]: row["total"] or ZERO
        for row in recoveries_in(scope, since, until)
        .values("case__category__figures_group")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    by_group = []
    for group in FiguresGroup:
        in_group = [r for r in by_category if r.category.figures_group == group.value]
        by_group.append(
            GroupRow(
                group.value,
                group.label,
                sum(r.cases for r in in_group),
                sum(r.people for r in in_group),
                money.get(group.value, ZERO),
            )
        )
    by_outcome = {
        row["outcome"]: row["n"]
        for row in cases.values("outcome").annotate(n=Count("pk")).order_by()
    }
    events = event_counts(scope, since=since, until=until)
    publicity = [(kind.label, *events[kind.value]) for kind in EventKind]
    result = Figures(
        scope=scope,
        since=since,
        until=until,
        by_category=by_category,
        by_group=by_group,
        by_outcome=by_outcome,
        recovered=sum((row.recovered for row in by_group), ZERO),
        publicity=publicity,
        referrals=referral_figures(scope, since, until),
    )
    result.charts = _charts(result)
    return result


def _charts(f: Figures) -> dict[str, Any]:
    """The numbers the page's charts draw (the same as its tables), as JSON-ready data."""
    outcomes = [(o.label, f.by_outcome.get(o.value, 0)) for o in Outcome]
    return {
        "categories": {
            "labels": [row.category.label for row in f.by_category],
            "cases": [row.cases for row in f.by_category],
            "people": [row.people for row in f.by_category],
            "cases_label": str(_("Cases")),
            "people_label": str(_("People helped")),
        },
        "groups": [
            {"name": str(row.label), "value": str(row.recovered)}
            for row in f.by_group
            if row.recovered
        ],
        "outcomes": [{"name": str(label), "value": n} for label, n in outcomes if n],
        "publicity": [{"name": str(label), "value": n} for label, n, _p in f.publicity if n],
    }
