"""Deadline reminders: before a clock falls due and once when it is missed; and the steps a
clock's expiry takes (``ClockSpec.on_expiry``).

Run by ``manage.py send_deadline_reminders`` from cron or the task queue. The clocks to remind
are chosen in SQL: each running clock stores the day its reminder is due (``Clock.remind_on``,
from its period's remind-before days, however many), so one indexed range finds them. They are
taken in batches, in key order; each batch is one transaction that marks its clocks reminded
(``reminded_on``) and queues their notifications, which are sent after commit: a second run (or
a second worker at once, which skips the rows the first has locked) finds nothing left to send.
An expiry step moves its matter out of the step's source states, so it too is taken once.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Value
from django.utils import translation
from django.utils.translation import gettext_noop

from liaison.core.transactions import durable

from .errors import WorkflowError
from .models import Clock
from .parts import ClockSpec
from .registry import all_workflows
from .selectors import people_who_are

if TYPE_CHECKING:
    from liaison.accounts.models import User

REMINDER_TEXT = gettext_noop(
    "Deadline approaching: %(clock)s on %(number)s “%(title)s” is due on %(due)s."
)
OVERDUE_TEXT = gettext_noop(
    "Deadline missed: %(clock)s on %(number)s “%(title)s” was due on %(due)s."
)

#: Clocks per transaction.
BATCH_SIZE = 500
#: Matters whose recipients one query reads (SQLite allows 500 parts in a compound SELECT).
_RECIPIENT_QUERY_PARTS = 250


@dataclass
class ReminderRun:
    reminded: int = 0
    overdue: int = 0


def send_deadline_reminders(*, today: date, batch_size: int = BATCH_SIZE) -> ReminderRun:
    """Queue the reminders due ``today``; returns how many clocks were reminded and overdue.

    A clock is reminded once its reminder day has come and until its due day passes (then it
    is overdue instead); a paused or stopped clock is not.
    """
    running = Q(state=Clock.State.RUNNING)
    soon = running & Q(reminded_on__isnull=True, remind_on__lte=today, due_on__gte=today)
    late = running & Q(overdue_notified_on__isnull=True, due_on__lt=today)
    reminded = _in_batches(soon, "reminded_on", REMINDER_TEXT, today=today, size=batch_size)
    overdue = _in_batches(late, "overdue_notified_on", OVERDUE_TEXT, today=today, size=batch_size)
    return ReminderRun(reminded=reminded, overdue=overdue)


def _in_batches(condition: Q, field: str, text: str, *, today: date, size: int) -> int:
    """Mark each clock matching ``condition`` with ``field = today`` and tell whoever owes its
    act, ``size`` clocks a transaction; a constant number of queries per batch."""
    done, after = 0, 0
    while True:
        with transaction.atomic(durable=True):
            batch = list(
                Clock.objects.filter(condition, pk__gt=after)
                .select_related("matter")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:size]
            )
            if not batch:
                return done
            after = batch[-1].pk
            Clock.objects.filter(pk__in=[c.pk for c in batch]).update(**{field: today})
            _tell_owed(batch, field, text)
            done += len(batch)
        if len(batch) < size:
            return done


def _tell_owed(clocks: Sequence[Clock], field: str, text: str) -> None:
    """Queue one notification per clock to those who owe its act (``ClockSpec.owed_by``)."""
    from liaison.notifications.actions import Message, notify_all

    owed = [
        (clock, spec)
        for clock in clocks
        if (spec := clock.matter.workflow.clocks.get(clock.name)) is not None and spec.owed_by
    ]
    people = _owed_by(owed)
    event = f"workflow.clock.{'reminder' if field == 'reminded_on' else 'overdue'}"
    notify_all(
        Message(
            recipients=people.get(clock.pk, ()),
            event=event,
            text=text,
            params={
                "clock": _in_default_language(spec.label),
                "number": clock.matter.case_number or "",
                "title": clock.matter.title,
                "due": clock.due_on.isoformat(),
            },
            matter=clock.matter,
        )
        for clock, spec in owed
    )


def _owed_by(owed: Sequence[tuple[Clock, ClockSpec]]) -> dict[int, list["User"]]:
    """Who owes each clock's act, by clock: ``selectors.people_who_are`` for each matter, read
    as one query for many matters (a ``UNION ALL`` of its answers) and one for the people."""
    from liaison.accounts.models import User

    pairs: list[tuple[int, int]] = []
    for start in range(0, len(owed), _RECIPIENT_QUERY_PARTS):
        queries = [
            people_who_are(clock.matter, spec.owed_by)
            .order_by()
            .annotate(for_clock=Value(clock.pk))
            .values_list("pk", "for_clock")
            for clock, spec in owed[start : start + _RECIPIENT_QUERY_PARTS]
        ]
        pairs.extend(queries[0].union(*queries[1:], all=True))
    users = User.objects.in_bulk({user_id for user_id, _ in pairs})
    people: dict[int, list[User]] = {}
    for user_id, clock_id in pairs:
        people.setdefault(clock_id, []).append(users[user_id])
    return people


def take_expiry_steps(*, today: date) -> int:
    """Take, as the system, the automatic step each expired clock calls for (its spec's
    ``on_expiry``), on each matter still in one of that step's source states; returns how many
    were taken. One query finds them all; a matter someone moved meanwhile is skipped."""
    from liaison.core.access import SYSTEM

    condition = Q(pk__in=[])
    for workflow in all_workflows():
        for name, spec in workflow.clocks.items():
            if spec.on_expiry is not None:
                sources = workflow.transition(spec.on_expiry).source_states
                condition |= Q(
                    matter__matter_type=workflow.name, name=name, matter__state__in=sources
                )
    expired = Clock.objects.filter(condition, state=Clock.State.RUNNING, due_on__lt=today)
    taken = 0
    for clock in expired.select_related("matter").order_by("due_on", "pk"):
        try:
            _expire(clock, SYSTEM)
        except WorkflowError:
            continue
        taken += 1
    return taken


@durable
def _expire(clock: Clock, access: object) -> None:
    from .actions import apply_transition

    step = clock.matter.workflow.clocks[clock.name].on_expiry
    assert step is not None
    apply_transition(matter=clock.matter, name=step, access=access)  # type: ignore[arg-type]
    # A period its own expiry ends ran to its due day, not to the day this job noticed it.
    Clock.objects.filter(pk=clock.pk, state=Clock.State.STOPPED).update(stopped_on=clock.due_on)


def _in_default_language(label: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)
