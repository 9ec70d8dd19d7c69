"""Where a period ends, under the counting rules of Chinese procedure.

Pure functions of dates and a ``WorkingCalendar``: no database, so they are cheap, easy to test
exhaustively and give every partner the same answer. The rules (Civil Code arts. 201–203 and the
Civil Procedure Law's article on periods):

- counting starts the day after the event;
- a period in months ends on the same-numbered day of the last month, or that month's last day
  when it has no such day;
- when the last day is a rest day or public holiday, the period ends on the next working day;
- some periods count working days only.

Most periods run forwards from an event (a recommendation served, a complaint accepted). A few
run backwards from one: participants must be told of a hearing at least three days before it.
``latest_day_before`` answers those: the last day on which the act can still be done.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Sequence
from datetime import date, timedelta

from .calendar import WorkingCalendar
from .models import Unit

# A year with no working day cannot happen; this bound turns a broken correction set into an error
# instead of an endless loop (as in ``calendar.py``).
_MAX_SEARCH_DAYS = 366


def add_months(d: date, months: int) -> date:
    """The same-numbered day ``months`` later, clamped to that month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last_day = stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last_day))


def raw_end(event_day: date, amount: int, unit: str, calendar: WorkingCalendar) -> date:
    """The last day of the period before moving off rest days.

    The event day itself is not counted, so a 15-day period from 1 March ends on 16 March.
    """
    if amount < 0:
        raise ValueError("a period cannot be negative")
    if unit == Unit.DAYS:
        return event_day + timedelta(days=amount)
    if unit == Unit.MONTHS:
        return add_months(event_day, amount)
    if unit == Unit.WORKING_DAYS:
        return calendar.add_working_days(event_day, amount)
    raise ValueError(f"unknown period unit {unit!r}")


def period_end(event_day: date, amount: int, unit: str, calendar: WorkingCalendar) -> date:
    """The day the period ends: its raw end, moved to the next working day if needed.

    Nobody can file with a closed office, so a last day that falls on a rest day or holiday gives
    way to the first working day after it.
    """
    return calendar.next_working_day_on_or_after(raw_end(event_day, amount, unit, calendar))


def clock_due(
    started_on: date,
    amount: int,
    unit: str,
    calendar: WorkingCalendar,
    *,
    paused_days: int = 0,
    extensions: Sequence[tuple[int, str]] = (),
) -> date:
    """The due day of a clock that may have been paused and extended.

    A pause (e.g. while waiting for an authentication) does not consume the period, so the days it
    lasted are added to the raw end. Each extension counts on from the previous *raw* end, not
    from a day already moved off a holiday, so the total length is what the approvals granted
    wherever the holidays fall; only the final day moves to a working day. Recomputing from the
    recorded start, pauses and extensions (rather than shifting a stored due day) gives the same
    answer every time, which is what legal certainty needs.
    """
    if paused_days < 0:
        raise ValueError("paused days cannot be negative")
    end = raw_end(started_on, amount, unit, calendar) + timedelta(days=paused_days)
    for extra_amount, extra_unit in extensions:
        end = raw_end(end, extra_amount, extra_unit, calendar)
    return calendar.next_working_day_on_or_after(end)


def _last_working_day_on_or_before(d: date, calendar: WorkingCalendar) -> date:
    for offset in range(_MAX_SEARCH_DAYS + 1):
        candidate = d - timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days before {d.isoformat()}")


def latest_day_before(event_day: date, amount: int, unit: str, calendar: WorkingCalendar) -> date:
    """The last day on which an act may be done so that the period counted from it (by the
    forward rules above) has run out before ``event_day`` begins: the latest ``d`` with
    ``raw_end(d, amount, unit) < event_day``.

    "Told at least three days before the hearing" is read as three whole days between the
    notice and the hearing: notified on the 6th, the days are the 7th, 8th and 9th, and the
    hearing may be on the 10th. The hearing day itself does not count, because the period has
    not run out until that day ends.

    The result is not moved to a working day. The forward rule moves a last day off a holiday
    because the party who must act cannot file with a closed office; here the act is the
    procuratorate's own notice (an SMS or an inbox message reaches people on any day), and no
    rule shortens the participants' time because a holiday falls in it.
    """
    if amount < 0:
        raise ValueError("a period cannot be negative")
    last_allowed = event_day - timedelta(days=1)  # the period must end before the event day
    if unit == Unit.DAYS:
        return last_allowed - timedelta(days=amount)
    if unit == Unit.MONTHS:
        candidate = add_months(last_allowed, -amount)  # its forward end is never past last_allowed
        # Months clamp to their last day, so several days can end on the same one: take the last.
        while add_months(candidate + timedelta(days=1), amount) <= last_allowed:
            candidate += timedelta(days=1)
        return candidate
    if unit == Unit.WORKING_DAYS:
        if amount == 0:
            return last_allowed
        # The period's last working day must be on or before last_allowed; walk back to the
        # period's first working day, and the act may be done any day before that one.
        first = _last_working_day_on_or_before(last_allowed, calendar)
        for _ in range(amount - 1):
            first = _last_working_day_on_or_before(first - timedelta(days=1), calendar)
        return first - timedelta(days=1)
    raise ValueError(f"unknown period unit {unit!r}")


def remind_day(
    due: date, remind_before_days: int, calendar: WorkingCalendar, *, started: date
) -> date:
    """The day to remind whoever owes the act of a clock due on ``due``: ``remind_before_days``
    calendar days before it, any number of them, moved back to the working day before when
    that day is a rest day or holiday (a reminder read on Monday for a Tuesday deadline gives
    less warning than the administrator asked for), and never before the clock ``started``: a
    period shorter than its warning is reminded on its first day.
    """
    if remind_before_days < 0:
        raise ValueError("a reminder cannot come after the due day")
    day = due - timedelta(days=remind_before_days)
    while day > started and not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return max(day, started)


def days_left(due: date, today: date) -> int:
    """Calendar days from ``today`` until ``due``: 0 on the due day, negative when overdue."""
    return (due - today).days
