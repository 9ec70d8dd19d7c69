"""The day a clock's reminder is due (``calculator.remind_day``): examples, and the properties it
must have whatever the dates, the holidays and the number of days before."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.deadlines.calculator import remind_day
from liaison.deadlines.calendar import WorkingCalendar

days = st.dates(date(2004, 1, 1), date(2032, 12, 31))
calendars = st.builds(
    WorkingCalendar,
    st.dictionaries(st.dates(date(2004, 1, 1), date(2036, 12, 31)), st.booleans(), max_size=8),
)
leads = st.integers(0, 800)
examples = settings(max_examples=300, deadline=None)


def test_examples() -> None:
    cal = WorkingCalendar()
    # Friday 9 October 2026, three days before: Tuesday 6 October is still in the National Day
    # holiday (1–7 October), so the reminder comes on the last working day before it, 30 Sept.
    assert remind_day(date(2026, 10, 9), 3, cal, started=date(2026, 9, 1)) == date(2026, 9, 30)
    # An ordinary week: Thursday's deadline, two days before, is Tuesday.
    assert remind_day(date(2026, 3, 12), 2, cal, started=date(2026, 3, 1)) == date(2026, 3, 10)
    # Ninety days before 31 December is 2 October, in the same holiday.
    assert remind_day(date(2026, 12, 31), 90, cal, started=date(2026, 6, 1)) == date(2026, 9, 30)
    # A period shorter than its warning is reminded on its first day.
    assert remind_day(date(2026, 3, 12), 30, cal, started=date(2026, 3, 5)) == date(2026, 3, 5)
    with pytest.raises(ValueError):
        remind_day(date(2026, 3, 12), -1, cal, started=date(2026, 3, 5))


@examples
@given(days, leads, st.integers(0, 900), calendars)
def test_never_later_than_asked_nor_before_the_start(
    due: date, lead: int, length: int, cal: WorkingCalendar
) -> None:
    started = due - timedelta(days=length)
    day = remind_day(due, lead, cal, started=started)
    assert started <= day <= due
    asked = due - timedelta(days=lead)
    assert day <= max(asked, started)
    if asked <= started:
        assert day == started


@examples
@given(days, leads, st.integers(0, 900), calendars)
def test_a_working_day_as_close_to_the_asked_day_as_the_calendar_allows(
    due: date, lead: int, length: int, cal: WorkingCalendar
) -> None:
    started = due - timedelta(days=length)
    day = remind_day(due, lead, cal, started=started)
    asked = due - timedelta(days=lead)
    if day > started:
        assert cal.is_working_day(day)
    # No working day is skipped between the reminder and the day asked for.
    between = [day + timedelta(days=i) for i in range(1, (asked - day).days + 1)]
    assert not any(cal.is_working_day(d) for d in between)


@examples
@given(days, leads, leads, st.integers(0, 900), calendars)
def test_more_warning_never_reminds_later(
    due: date, lead: int, more: int, length: int, cal: WorkingCalendar
) -> None:
    started = due - timedelta(days=length)
    assert remind_day(due, lead + more, cal, started=started) <= remind_day(
        due, lead, cal, started=started
    )
