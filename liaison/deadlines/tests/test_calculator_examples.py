"""Worked examples against the real 2024–2026 Chinese holiday calendar."""

from datetime import date

import pytest

from liaison.deadlines.calculator import add_months, clock_due, days_left, period_end, raw_end
from liaison.deadlines.calendar import WorkingCalendar
from liaison.deadlines.models import Unit

CAL = WorkingCalendar()
D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "is_working"),
    [
        ("2024-10-01", False),  # National Day 2024: 1–7 October
        ("2024-10-07", False),
        ("2024-10-08", True),
        ("2024-10-12", True),  # Saturday, make-up working day
        ("2025-09-28", True),  # Sunday, make-up working day before National Day 2025
        ("2025-10-08", False),  # National Day and Mid-Autumn 2025: 1–8 October
        ("2025-10-09", True),
        ("2025-10-11", True),  # Saturday, make-up working day
        ("2025-01-26", True),  # Sunday, make-up working day before Spring Festival 2025
        ("2025-01-28", False),  # Spring Festival 2025: 28 January – 4 February
        ("2025-02-04", False),
        ("2025-02-08", True),  # Saturday, make-up working day
        ("2025-05-05", False),  # Labour Day 2025: 1–5 May
        ("2026-02-14", True),  # Saturday, make-up working day before Spring Festival 2026
        ("2026-02-23", False),  # Spring Festival 2026: 15–23 February
        ("2026-02-28", True),  # Saturday, make-up working day
        ("2025-03-16", False),  # an ordinary Sunday
    ],
)
def test_calendar_facts_the_examples_rely_on(day: str, is_working: bool):
    assert CAL.is_working_day(D(day)) is is_working


@pytest.mark.parametrize(
    ("event", "amount", "unit", "raw", "end"),
    [
        # 15 days ending on National Day 2024 move to the first working day after it.
        ("2024-09-16", 15, Unit.DAYS, "2024-10-01", "2024-10-08"),
        ("2024-09-22", 15, Unit.DAYS, "2024-10-07", "2024-10-08"),
        # National Day 2025 lasted until 8 October.
        ("2025-09-20", 15, Unit.DAYS, "2025-10-05", "2025-10-09"),
        # A make-up working Sunday / Saturday is a working day: the period ends there.
        ("2025-09-13", 15, Unit.DAYS, "2025-09-28", "2025-09-28"),
        ("2025-09-26", 15, Unit.DAYS, "2025-10-11", "2025-10-11"),
        # 15 days ending on an ordinary Sunday.
        ("2025-03-01", 15, Unit.DAYS, "2025-03-16", "2025-03-17"),
        # 30-day announcement.
        ("2024-09-01", 30, Unit.DAYS, "2024-10-01", "2024-10-08"),
        # Jan 31 + 1 month: the month's last day (leap and common years).
        ("2024-01-31", 1, Unit.MONTHS, "2024-02-29", "2024-02-29"),
        ("2025-01-31", 1, Unit.MONTHS, "2025-02-28", "2025-02-28"),
        # 2026-02-28 is a Saturday but a make-up working day.
        ("2026-01-31", 1, Unit.MONTHS, "2026-02-28", "2026-02-28"),
        # 2 months.
        ("2024-03-15", 2, Unit.MONTHS, "2024-05-15", "2024-05-15"),
        ("2025-03-01", 2, Unit.MONTHS, "2025-05-01", "2025-05-06"),  # Labour Day
        ("2024-12-31", 2, Unit.MONTHS, "2025-02-28", "2025-02-28"),
        # 3 months across Spring Festival 2026.
        ("2025-11-16", 3, Unit.MONTHS, "2026-02-16", "2026-02-24"),
        # Working days across Spring Festival 2025 (make-up days 26 Jan and 8 Feb count).
        ("2025-01-24", 1, Unit.WORKING_DAYS, "2025-01-26", "2025-01-26"),
        ("2025-01-24", 2, Unit.WORKING_DAYS, "2025-01-27", "2025-01-27"),
        ("2025-01-24", 3, Unit.WORKING_DAYS, "2025-02-05", "2025-02-05"),
        ("2025-01-24", 6, Unit.WORKING_DAYS, "2025-02-08", "2025-02-08"),
        # Working days across Spring Festival 2026.
        ("2026-02-13", 2, Unit.WORKING_DAYS, "2026-02-24", "2026-02-24"),
        # Working days across National Day 2025.
        ("2025-09-30", 2, Unit.WORKING_DAYS, "2025-10-10", "2025-10-10"),
    ],
)
def test_worked_examples(event: str, amount: int, unit: str, raw: str, end: str):
    assert raw_end(D(event), amount, unit, CAL) == D(raw)
    assert period_end(D(event), amount, unit, CAL) == D(end)


@pytest.mark.parametrize(
    ("started", "amount", "unit", "paused", "extensions", "due"),
    [
        # Court's reply: 3 months, then +1 month with the president's approval.
        ("2025-06-30", 3, Unit.MONTHS, 0, [], "2025-09-30"),
        ("2025-06-30", 3, Unit.MONTHS, 0, [(1, Unit.MONTHS)], "2025-10-30"),
        # Ten paused days push the raw end from 30 Sep to 10 Oct.
        ("2025-06-30", 3, Unit.MONTHS, 10, [], "2025-10-10"),
        # Two paused days land on National Day 2025: due on the first working day after it.
        ("2025-06-30", 3, Unit.MONTHS, 2, [], "2025-10-09"),
        # An extension counts from the raw end (28 Feb), not from the event: 28 Mar, not 31 Mar.
        ("2025-01-31", 1, Unit.MONTHS, 0, [(1, Unit.MONTHS)], "2025-03-28"),
        # An extension counts from the raw end even when that was a holiday (1 Oct + 15 days).
        ("2024-09-16", 15, Unit.DAYS, 0, [(15, Unit.DAYS)], "2024-10-16"),
    ],
)
def test_clock_examples(
    started: str,
    amount: int,
    unit: str,
    paused: int,
    extensions: list[tuple[int, str]],
    due: str,
):
    result = clock_due(D(started), amount, unit, CAL, paused_days=paused, extensions=extensions)
    assert result == D(due)


def test_days_left():
    assert days_left(D("2025-10-09"), D("2025-10-01")) == 8
    assert days_left(D("2025-10-09"), D("2025-10-09")) == 0
    assert days_left(D("2025-10-09"), D("2025-10-12")) == -3


def test_add_months_crosses_years():
    assert add_months(D("2024-11-30"), 3) == D("2025-02-28")
    assert add_months(D("2024-02-29"), 12) == D("2025-02-28")


@pytest.mark.parametrize(
    ("amount", "unit"), [(-1, Unit.DAYS), (1, "weeks"), (-2, Unit.WORKING_DAYS)]
)
def test_invalid_periods_are_refused(amount: int, unit: str):
    with pytest.raises(ValueError):
        raw_end(D("2025-01-01"), amount, unit, CAL)


def test_negative_pause_is_refused():
    with pytest.raises(ValueError):
        clock_due(D("2025-01-01"), 1, Unit.DAYS, CAL, paused_days=-1)
