"""The recommendations' figures: how many were answered in time, late, are awaited or overdue,
and how many were adopted, partly adopted or not adopted. One aggregate query over a
procuratorate and everything below it, whatever the numbers; a mechanism's figures page asks
for its own recommendations (``matter_types``) and shows them beside its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from liaison.orgs.models import Organisation
from liaison.workflow.models import Clock

from .kinds import Adoption
from .models import Recommendation


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class ReplyFigures:
    in_time: int = 0
    late: int = 0
    waiting: int = 0
    overdue: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0

    @property
    def answered(self) -> int:
        return self.in_time + self.late

    @property
    def in_time_rate(self) -> float | None:
        """Answered in time among those whose reply was due: answered, or overdue."""
        return rate(self.in_time, self.in_time + self.late + self.overdue)

    @property
    def adoption_rate(self) -> float | None:
        """Adopted, wholly or in part, among the replies."""
        return rate(self.adopted + self.partly, self.adopted + self.partly + self.not_adopted)


def reply_figures(
    scope: Organisation,
    *,
    matter_types: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    year: int | None = None,
    addressee: Organisation | None = None,
) -> ReplyFigures:
    """The served recommendations of ``scope`` and below (those ``matter_types`` or ``kinds``
    only, if given; drafted in ``year``, if given; served on ``addressee`` only, if given): one
    query, over each one's reply clock."""
    rows = Recommendation.objects.filter(owner__path__startswith=scope.path, clocks__name="reply")
    if addressee is not None:
        rows = rows.filter(addressee=addressee)
    if matter_types is not None:
        rows = rows.filter(matter_type__in=list(matter_types))
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    if year:
        rows = rows.filter(created_at__year=year)
    return _counted(rows)


def received_figures(
    addressee: Organisation, *, matter_types: Iterable[str] | None = None
) -> ReplyFigures:
    """The recommendations served on ``addressee``, from any procuratorate: how its own
    replies count (the addressee's side of the figures). One query."""
    rows = Recommendation.objects.filter(addressee=addressee, clocks__name="reply")
    if matter_types is not None:
        rows = rows.filter(matter_type__in=list(matter_types))
    return _counted(rows)


def reply_figures_by_addressee(
    scope: Organisation, *, matter_types: Iterable[str] | None = None
) -> list[tuple[str, ReplyFigures]]:
    """``reply_figures`` of ``scope`` and below for each organisation served (its name, its
    figures), in one grouped query: a procuratorate's figures court by court."""
    rows = Recommendation.objects.filter(owner__path__startswith=scope.path, clocks__name="reply")
    if matter_types is not None:
        rows = rows.filter(matter_type__in=list(matter_types))
    grouped = (
        rows.values("addressee_id", "addressee__name")
        .annotate(**_expressions())
        .order_by("addressee__name")
    )
    return [
        (str(row["addressee__name"]), ReplyFigures(**{k: row[k] for k in _FIELDS}))  # type: ignore[literal-required]
        for row in grouped
    ]


_FIELDS = ("in_time", "late", "waiting", "overdue", "adopted", "partly", "not_adopted")


def _expressions() -> dict[str, Count]:
    today = timezone.localdate()
    live = ~Q(clocks__state=Clock.State.STOPPED)
    stopped = Q(clocks__state=Clock.State.STOPPED)
    return {
        "in_time": Count("pk", filter=stopped & Q(clocks__stopped_on__lte=F("clocks__due_on"))),
        "late": Count("pk", filter=stopped & Q(clocks__stopped_on__gt=F("clocks__due_on"))),
        "waiting": Count("pk", filter=live & Q(clocks__due_on__gte=today)),
        "overdue": Count("pk", filter=live & Q(clocks__due_on__lt=today)),
        "adopted": Count("pk", filter=Q(adoption=Adoption.ADOPTED)),
        "partly": Count("pk", filter=Q(adoption=Adoption.PARTLY)),
        "not_adopted": Count("pk", filter=Q(adoption=Adoption.NOT_ADOPTED)),
    }


def _counted(rows: QuerySet[Recommendation]) -> ReplyFigures:
    return ReplyFigures(**rows.aggregate(**_expressions()))
