"""Figures of lawyers and the procuratorate, for a procuratorate and everything below it:
bookings by purpose and outcome, the median wait for a slot, procedural events delivered to
lawyers, and complaints (founded share, replies in time, time to reply). A handful of
aggregate queries whatever the numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.db.models import Count, F, Q
from django.utils import translation

from liaison.core.access import Access
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import figures_scope
from liaison.workflow.models import Clock, Relation, TimelineEvent

from .models import Booking, Purpose, RightsComplaint
from .workflows import BOOKING, CASE, COMPLAINT

#: How the plea signing was told before its sentence named the step's field (``signed_at``).
_EARLIER_PLEA_SENTENCE = "The plea statement in case %(number)s was signed on %(when)s."

#: Outcomes shown as columns, in this order.
OUTCOMES = tuple(
    BOOKING.state(s)
    for s in ("requested", "confirmed", "attended", "no_show", "declined", "cancelled")
)


@dataclass
class Figures:
    procuratorates: list[Organisation]
    bookings: list[tuple[str, list[int], int]] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    median_wait_days: float | None = None
    events: int = 0
    events_delivered: int = 0
    complaints: int = 0
    decided: int = 0
    founded: int = 0
    replied: int = 0
    replied_in_time: int = 0
    median_reply_days: float | None = None

    @property
    def founded_share(self) -> int | None:
        return round(100 * self.founded / self.decided) if self.decided else None


def _median_days(spans: list[timedelta]) -> float | None:
    """The median of the spans in days, to a tenth; None when there are none."""
    if not spans:
        return None
    return round(median(span.total_seconds() for span in spans) / 86400, 1)


def figures_for(access: Access) -> Figures:
    orgs = figures_scope(access)
    result = Figures(procuratorates=list(orgs.filter(kind=OrganisationKind.PROCURATORATE)))
    if not result.procuratorates:
        return result
    owned = Q(owner__in=orgs.values("pk"))

    counts = {
        (row["purpose"], row["state"]): row["n"]
        for row in Booking.objects.filter(owned)
        .values("purpose", "state")
        .annotate(n=Count("pk"))
        .order_by()
    }
    result.outcomes = [str(BOOKING.state_label(state)) for state in OUTCOMES]
    for code, label in Purpose.choices:
        row = [counts.get((code, state), 0) for state in OUTCOMES]
        result.bookings.append((str(label), row, sum(row)))

    waits = [
        starts - made
        for made, starts in Booking.objects.filter(owned).values_list(
            "created_at", "slot__starts_at"
        )
    ]
    result.median_wait_days = _median_days(waits)

    # Procedural events: the case steps its lawyers of record read and are told of
    # (``workflows.PROCEDURAL``), and the notifications of them delivered to lawyers.
    # Told by sentence, not by event id: the notifications sent before procedural events were
    # the case's steps (``lawyers.case.<kind>``) say the same sentences.
    reading = CASE.reading_for(Relation.COUNSEL) or {}
    with translation.override(None):
        sentences = sorted({str(text) for text in reading.values()} | {_EARLIER_PLEA_SENTENCE})
    cases = Q(matter__owner__in=orgs.values("pk"), matter__matter_type=CASE.name)
    result.events = TimelineEvent.objects.filter(cases, action__in=sorted(reading)).count()
    result.events_delivered = Notification.objects.filter(
        cases, event__startswith=f"{CASE.name}.", text__in=sentences
    ).count()

    complaints = RightsComplaint.objects.filter(owned)
    totals = complaints.aggregate(
        n=Count("pk"),
        decided=Count("pk", filter=Q(founded__isnull=False)),
        founded=Count("pk", filter=Q(founded=True)),
        replied=Count("pk", filter=Q(state=COMPLAINT.state("replied"))),
    )
    result.complaints, result.decided = totals["n"], totals["decided"]
    result.founded, result.replied = totals["founded"], totals["replied"]
    result.replied_in_time = Clock.objects.filter(
        matter__in=complaints.values("pk"),
        name="reply",
        state=Clock.State.STOPPED,
        stopped_on__lte=F("due_on"),
    ).count()
    spans = [
        replied - made
        for made, replied in complaints.filter(state=COMPLAINT.state("replied")).values_list(
            "created_at", "replied_at"
        )
        if replied is not None
    ]
    result.median_reply_days = _median_days(spans)
    return result
