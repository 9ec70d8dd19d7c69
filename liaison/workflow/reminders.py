"""Deadline reminders: before a clock falls due and once when it is missed; and the steps a
clock's expiry takes (``ClockSpec.on_expiry``).

Run by ``manage.py send_deadline_reminders`` from cron or the task queue. Each clock is claimed
with a conditional ``UPDATE … WHERE reminded_on IS NULL``, so two runs (or two workers at
once) never send the same reminder twice; an expiry step moves its matter out of the step's
source states, so it too is taken once.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_noop

from .errors import WorkflowError
from .models import Clock
from .registry import all_workflows
from .selectors import people_who_are

REMINDER_TEXT = gettext_noop(
    "Deadline approaching: %(clock)s on %(number)s “%(title)s” is due on %(due)s."
)
OVERDUE_TEXT = gettext_noop(
    "Deadline missed: %(clock)s on %(number)s “%(title)s” was due on %(due)s."
)


MAX_LEAD = timedelta(days=60)


@dataclass
class ReminderRun:
    reminded: int = 0
    overdue: int = 0


def send_deadline_reminders(*, today: date) -> ReminderRun:
    """Queue the reminders due ``today``; returns how many clocks were reminded and overdue."""
    run = ReminderRun()
    running = Clock.objects.filter(state=Clock.State.RUNNING)
    # A clock is "due soon" when today + its remind_before_days reaches its due day; the
    # query bounds by the longest lead any period may set and each clock is checked on claim.
    soon = running.filter(reminded_on__isnull=True, due_on__gte=today, due_on__lte=today + MAX_LEAD)
    for clock_id in soon.values_list("pk", flat=True).iterator():
        if _claim_and_send(clock_id, field="reminded_on", today=today, text=REMINDER_TEXT):
            run.reminded += 1
    late = running.filter(overdue_notified_on__isnull=True, due_on__lt=today)
    for clock_id in late.values_list("pk", flat=True).iterator():
        if _claim_and_send(clock_id, field="overdue_notified_on", today=today, text=OVERDUE_TEXT):
            run.overdue += 1
    return run


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


@transaction.atomic(durable=True)
def _expire(clock: Clock, access: object) -> None:
    from .actions import apply_transition

    step = clock.matter.workflow.clocks[clock.name].on_expiry
    assert step is not None
    apply_transition(matter=clock.matter, name=step, access=access)  # type: ignore[arg-type]
    # A period its own expiry ends ran to its due day, not to the day this job noticed it.
    Clock.objects.filter(pk=clock.pk, state=Clock.State.STOPPED).update(stopped_on=clock.due_on)


@transaction.atomic
def _claim_and_send(clock_id: int, *, field: str, today: date, text: str) -> bool:
    from liaison.notifications.actions import notify

    clock = Clock.objects.select_related("matter").get(pk=clock_id)
    if field == "reminded_on" and (clock.due_on - today).days > clock.remind_before_days:
        return False
    claimed = Clock.objects.filter(pk=clock_id, **{f"{field}__isnull": True}).update(
        **{field: today}
    )
    if not claimed:
        return False
    matter = clock.matter
    spec = matter.workflow.clocks.get(clock.name)
    if spec is None or not spec.owed_by:
        return True
    notify(
        recipients=people_who_are(matter, spec.owed_by),
        event=f"workflow.clock.{'reminder' if field == 'reminded_on' else 'overdue'}",
        text=text,
        params={
            "clock": _in_default_language(spec.label),
            "number": matter.case_number or "",
            "title": matter.title,
            "due": clock.due_on.isoformat(),
        },
        matter=matter,
        actor=None,
    )
    return True


def _in_default_language(label: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)
