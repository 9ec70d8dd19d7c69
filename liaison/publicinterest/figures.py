"""Public-interest litigation's figures: counts of clues, cases, recommendations, suits and
supervision over a procuratorate and everything below it, each table one aggregate query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.orgs.models import Organisation
from liaison.recommendations.figures import ReplyFigures, reply_figures
from liaison.volunteers.selectors import active_volunteer_count
from liaison.workflow.models import Matter

from .models import (
    Clue,
    ClueSource,
    Field,
)
from .recommending import RECOMMENDATION
from .workflows import ADMIN_CASE, CASE_WORKFLOWS, CLUE


@dataclass
class Tally:
    """Clues counted by their outcome, for one source, field or procuratorate."""

    label: str
    submitted: int = 0
    accepted: int = 0
    rejected: int = 0
    transferred: int = 0

    @property
    def total(self) -> int:
        return self.submitted + self.accepted + self.rejected + self.transferred

    @property
    def acceptance_rate(self) -> float | None:
        return rate(self.accepted, self.accepted + self.rejected)

    #: The states a clue is counted in, in the order the page shows them.
    OUTCOMES = tuple(CLUE.state(s) for s in ("submitted", "accepted", "rejected", "transferred"))

    def add(self, state: str, n: int) -> None:
        if state in self.OUTCOMES:
            setattr(self, state, getattr(self, state) + n)


@dataclass
class StageCount:
    kind: str
    state: str
    label: str
    n: int


@dataclass
class Figures:
    """The mechanism's figures for a procuratorate and everything below it."""

    scope: Organisation
    year: int | None
    clues: Tally
    by_source: list[Tally]
    by_field: list[Tally]
    by_procuratorate: list[tuple[Organisation, Tally, int]]
    stages: list[StageCount]
    cases: int
    rectified: int
    sued: int
    active_volunteers: int
    #: The recommendations' replies (``recommendations.figures``): in time, late, awaited,
    #: overdue; adopted, partly, not.
    replies: ReplyFigures

    @property
    def rectification_rate(self) -> float | None:
        return rate(self.rectified, self.rectified + self.sued)

    @property
    def in_time(self) -> int:
        return self.replies.in_time

    @property
    def late(self) -> int:
        return self.replies.late

    @property
    def waiting(self) -> int:
        return self.replies.waiting

    @property
    def overdue(self) -> int:
        return self.replies.overdue

    @property
    def answered(self) -> int:
        return self.replies.answered

    @property
    def in_time_rate(self) -> float | None:
        return self.replies.in_time_rate

    @property
    def adoption_rate(self) -> float | None:
        return self.replies.adoption_rate

    @property
    def adopted(self) -> int:
        return self.replies.adopted

    @property
    def partly(self) -> int:
        return self.replies.partly

    @property
    def not_adopted(self) -> int:
        return self.replies.not_adopted

    def charts(self) -> dict[str, Any]:
        """What the page draws (Apache ECharts, from the app's own static files): clues by
        field and outcome, clues by source, cases by stage and kind. The tables beside the
        charts carry the same numbers, for screen readers and for printing."""
        outcomes = [(state, str(CLUE.states[state])) for state in Tally.OUTCOMES]
        kinds = list(dict.fromkeys(s.kind for s in self.stages))
        stages = list(dict.fromkeys(s.label for s in self.stages))
        counts = {(s.kind, s.label): s.n for s in self.stages}
        return {
            "fields": {
                "labels": [t.label for t in self.by_field],
                "series": [
                    {"name": label, "data": [getattr(t, state) for t in self.by_field]}
                    for state, label in outcomes
                ],
            },
            "sources": [{"name": t.label, "value": t.total} for t in self.by_source],
            "stages": {
                "labels": stages,
                "series": [
                    {"name": kind, "data": [counts.get((kind, stage), 0) for stage in stages]}
                    for kind in kinds
                ],
            },
        }


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


#: The states in which an administrative case has gone to court after its pre-litigation
#: procedure, rather than being closed as rectified.
SUED_STATES = ADMIN_CASE.states_named("litigation", "judged", "concluded")


def _year(queryset: QuerySet[Any], year: int | None, field: str = "created_at") -> QuerySet[Any]:
    return queryset.filter(**{f"{field}__year": year}) if year else queryset


def figures_for(
    scope: Organisation, *, year: int | None = None, below: list[Organisation] | None = None
) -> Figures:
    """Clues by source, field, outcome and procuratorate; the acceptance rate (accepted among
    those decided: a transferred clue is decided where it went); cases by stage; replies to
    recommendations in time, late, awaited and overdue; and the rectification rate (cases closed
    as rectified among administrative cases whose pre-litigation procedure has ended, in
    rectification or in a suit). ``year`` counts what was reported or opened that year.

    And the volunteers active for these procuratorates in the last 90 days, whatever ``year``
    (``volunteers.selectors.active_volunteer_count`` says what counts).

    Four aggregate queries, whatever the numbers: clues grouped by (procuratorate, source,
    field, state), cases by (procuratorate, type, state), the reply clocks' four counts, and
    the active volunteers.
    ``below`` is the scope's procuratorates in tree order, for the breakdown by procuratorate.
    """
    in_scope = Q(owner__path__startswith=scope.path)
    clue_rows = (
        _year(Clue.objects.filter(in_scope).exclude(state=CLUE.state("new")), year)
        .values("owner_id", "source", "field__code", "field__name", "field__name_en", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = Tally(str(_("All clues")))
    sources = {code: Tally(str(label)) for code, label in ClueSource.choices}
    fields: dict[str, Tally] = {}
    per_org: dict[int, Tally] = {}
    for row in clue_rows:
        state, n = row["state"], row["n"]
        label = Field(name=row["field__name"], name_en=row["field__name_en"]).label
        for tally in (
            total,
            sources.setdefault(row["source"], Tally(row["source"])),
            fields.setdefault(row["field__code"], Tally(label)),
            per_org.setdefault(row["owner_id"], Tally("")),
        ):
            tally.add(state, n)

    case_rows = (
        _year(
            Matter.objects.filter(in_scope, matter_type__in=[w.name for w in CASE_WORKFLOWS]),
            year,
        )
        .values("owner_id", "matter_type", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_stage: dict[tuple[str, str], int] = {}
    cases_per_org: dict[int, int] = {}
    for row in case_rows:
        key = (row["matter_type"], row["state"])
        by_stage[key] = by_stage.get(key, 0) + row["n"]
        cases_per_org[row["owner_id"]] = cases_per_org.get(row["owner_id"], 0) + row["n"]
    stages = [
        StageCount(str(w.label), state, str(label), by_stage[(w.name, state)])
        for w in CASE_WORKFLOWS
        for state, label in w.states.items()
        if (w.name, state) in by_stage
    ]

    replies = reply_figures(scope, matter_types=[RECOMMENDATION.name], year=year)
    return Figures(
        scope=scope,
        year=year,
        clues=total,
        by_source=[t for t in sources.values() if t.total],
        by_field=sorted(fields.values(), key=lambda t: (-t.total, t.label)),
        by_procuratorate=[
            (org, per_org.get(org.pk, Tally("")), cases_per_org.get(org.pk, 0))
            for org in (below or [])
            if org.pk in per_org or org.pk in cases_per_org
        ],
        stages=stages,
        cases=sum(by_stage.values()),
        rectified=by_stage.get((ADMIN_CASE.name, "rectified"), 0),
        sued=sum(by_stage.get((ADMIN_CASE.name, s), 0) for s in SUED_STATES),
        active_volunteers=active_volunteer_count(under=scope.path),
        replies=replies,
    )
