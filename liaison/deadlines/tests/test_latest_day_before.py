"""Counting backwards from an event: the last day on which to act so that a period has run out
before the event day (participants told of a hearing at least three days before it)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.deadlines.calculator import latest_day_before, raw_end
from liaison.deadlines.calendar import WorkingCalendar
from liaison.deadlines.models import Unit

event_days = st.dates(date(2004, 3, 1), date(2032, 12, 31))
corrections = st.dictionaries(
    st.dates(date(2003, 1, 1), date(2033, 12, 31)), st.booleans(), max_size=8
)
calendars = st.builds(WorkingCalendar, corrections)
amounts = {
    Unit.DAYS: st.integers(0, 400),
    Unit.MONTHS: st.integers(0, 24),
    Unit.WORKING_DAYS: st.integers(0, 40),
}
periods = st.sampled_from(list(Unit)).flatmap(lambda unit: st.tuples(amounts[unit], st.just(unit)))
examples = settings(max_examples=200, deadline=None)
ONE = timedelta(days=1)
CAL = WorkingCalendar()
D = date.fromisoformat


@examples
@given(event_days, periods, calendars)
def test_acting_on_the_latest_day_the_period_runs_out_before_the_event(
    event: date, period: tuple[int, str], cal: WorkingCalendar
):
    latest = latest_day_before(event, *period, cal)
    assert raw_end(latest, *period, cal) < event


@examples
@given(event_days, periods, calendars)
def test_it_is_the_latest_such_day(event: date, period: tuple[int, str], cal: WorkingCalendar):
    latest = latest_day_before(event, *period, cal)
    assert raw_end(latest + ONE, *period, cal) >= event


@examples
@given(event_days, periods, calendars)
def test_the_latest_day_is_before_the_event(
    event: date, period: tuple[int, str], cal: WorkingCalendar
):
    amount, _unit = period
    latest = latest_day_before(event, *period, cal)
    assert latest < event
    if amount > 0:
        assert latest < event - ONE


@examples
@given(event_days, st.integers(0, 400), calendars)
def test_in_calendar_days_it_is_plain_subtraction(event: date, amount: int, cal: WorkingCalendar):
    assert latest_day_before(event, amount, Unit.DAYS, cal) == event - timedelta(days=amount + 1)


@examples
@given(event_days, st.integers(0, 60), periods, calendars)
def test_a_later_event_never_moves_the_latest_day_earlier(
    event: date, later_by: int, period: tuple[int, str], cal: WorkingCalendar
):
    later = event + timedelta(days=later_by)
    assert latest_day_before(event, *period, cal) <= latest_day_before(later, *period, cal)


@examples
@given(event_days, periods, st.integers(0, 20), calendars)
def test_a_longer_period_never_moves_the_latest_day_later(
    event: date, period: tuple[int, str], more: int, cal: WorkingCalendar
):
    amount, unit = period
    assert latest_day_before(event, amount + more, unit, cal) <= latest_day_before(
        event, amount, unit, cal
    )


@pytest.mark.parametrize(
    ("event", "amount", "unit", "latest"),
    [
        # A hearing on Thursday 10 December 2026: told by Sunday the 6th (7th, 8th, 9th between).
        ("2026-12-10", 3, Unit.DAYS, "2026-12-06"),
        # A holiday in the period changes nothing in calendar days (National Day 2025).
        ("2025-10-05", 3, Unit.DAYS, "2025-10-01"),
        # Working days: a hearing on Monday 13 October 2025; 3 working days must pass before it:
        # Thu 9, Fri 10, Sat 11 (make-up working day) → act on Wednesday the 8th (a holiday).
        ("2025-10-13", 3, Unit.WORKING_DAYS, "2025-10-08"),
        # A month from 28 February ends on 28 March, before 31 March; from 1 March, on 1 April.
        ("2026-03-31", 1, Unit.MONTHS, "2026-02-28"),
        # Months clamp: from 29, 30 and 31 January a month ends on 28 February, before 1 March.
        ("2026-03-01", 1, Unit.MONTHS, "2026-01-31"),
    ],
)
def test_worked_examples(event: str, amount: int, unit: str, latest: str):
    assert latest_day_before(D(event), amount, unit, CAL) == D(latest)


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError):
        latest_day_before(D("2026-12-10"), -1, Unit.DAYS, CAL)
