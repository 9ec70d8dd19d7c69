"""Properties every period calculation must have, whatever the dates and holidays."""

import calendar as stdlib_calendar
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.deadlines.calculator import clock_due, days_left, period_end, raw_end
from liaison.deadlines.calendar import WorkingCalendar
from liaison.deadlines.models import Unit

# Years the holiday package knows, and a few after it where the weekday fallback applies.
event_days = st.dates(date(2004, 1, 1), date(2032, 12, 31))
corrections = st.dictionaries(
    st.dates(date(2004, 1, 1), date(2036, 12, 31)), st.booleans(), max_size=8
)
calendars = st.builds(WorkingCalendar, corrections)
amounts = {
    Unit.DAYS: st.integers(0, 400),
    Unit.MONTHS: st.integers(0, 36),
    Unit.WORKING_DAYS: st.integers(0, 60),
}
periods = st.sampled_from(list(Unit)).flatmap(lambda unit: st.tuples(amounts[unit], st.just(unit)))
extensions = st.lists(periods, max_size=3)

# Enough examples to cross many holidays; no deadline, since a slow CI machine is not a failure.
examples = settings(max_examples=200, deadline=None)


def working_days_between(cal: WorkingCalendar, after: date, up_to: date) -> int:
    """Count working days in (after, up_to]."""
    days = (up_to - after).days
    return sum(cal.is_working_day(after + timedelta(days=i)) for i in range(1, days + 1))


@examples
@given(event_days, periods, calendars)
def test_end_is_never_before_the_event(event: date, period: tuple[int, str], cal: WorkingCalendar):
    amount, unit = period
    assert raw_end(event, amount, unit, cal) >= event
    assert period_end(event, amount, unit, cal) >= event
    if amount > 0:
        assert raw_end(event, amount, unit, cal) > event


@examples
@given(event_days, periods, calendars)
def test_period_end_is_a_working_day(event: date, period: tuple[int, str], cal: WorkingCalendar):
    assert cal.is_working_day(period_end(event, *period, cal))


@examples
@given(event_days, periods, calendars)
def test_period_end_is_the_first_working_day_from_the_raw_end(
    event: date, period: tuple[int, str], cal: WorkingCalendar
):
    raw = raw_end(event, *period, cal)
    end = period_end(event, *period, cal)
    assert end >= raw
    assert working_days_between(cal, raw, end - timedelta(days=1)) == 0
    if cal.is_working_day(raw):
        assert end == raw


@examples
@given(event_days, st.integers(0, 36), calendars)
def test_months_end_on_the_same_day_or_the_months_last_day(
    event: date, months: int, cal: WorkingCalendar
):
    end = raw_end(event, months, Unit.MONTHS, cal)
    assert (end.year * 12 + end.month) - (event.year * 12 + event.month) == months
    last_day = stdlib_calendar.monthrange(end.year, end.month)[1]
    assert end.day == min(event.day, last_day)


@examples
@given(event_days, st.integers(0, 60), calendars)
def test_working_days_count_exactly_n(event: date, n: int, cal: WorkingCalendar):
    end = cal.add_working_days(event, n)
    assert working_days_between(cal, event, end) == n
    if n > 0:
        assert cal.is_working_day(end)
        assert raw_end(event, n, Unit.WORKING_DAYS, cal) == end
        assert period_end(event, n, Unit.WORKING_DAYS, cal) == end


@examples
@given(event_days, periods, calendars)
def test_unpaused_unextended_clock_is_the_period_end(
    event: date, period: tuple[int, str], cal: WorkingCalendar
):
    assert clock_due(event, *period, cal) == period_end(event, *period, cal)


@examples
@given(event_days, periods, calendars, st.integers(0, 200), st.integers(0, 200), extensions)
def test_more_pause_never_makes_the_clock_due_earlier(
    event: date,
    period: tuple[int, str],
    cal: WorkingCalendar,
    pause: int,
    more: int,
    extra: list[tuple[int, str]],
):
    shorter = clock_due(event, *period, cal, paused_days=pause, extensions=extra)
    longer = clock_due(event, *period, cal, paused_days=pause + more, extensions=extra)
    assert shorter <= longer
    assert cal.is_working_day(longer)


@examples
@given(event_days, periods, calendars, extensions)
def test_extensions_never_make_the_clock_due_earlier(
    event: date, period: tuple[int, str], cal: WorkingCalendar, extra: list[tuple[int, str]]
):
    assert clock_due(event, *period, cal) <= clock_due(event, *period, cal, extensions=extra)


@examples
@given(event_days, periods, st.integers(0, 40), calendars)
def test_a_longer_period_never_ends_earlier(
    event: date, period: tuple[int, str], more: int, cal: WorkingCalendar
):
    amount, unit = period
    assert raw_end(event, amount, unit, cal) <= raw_end(event, amount + more, unit, cal)
    assert period_end(event, amount, unit, cal) <= period_end(event, amount + more, unit, cal)


@examples
@given(event_days, st.integers(-1000, 1000))
def test_days_left_counts_calendar_days(today: date, offset: int):
    due = today + timedelta(days=offset)
    assert days_left(due, today) == offset
