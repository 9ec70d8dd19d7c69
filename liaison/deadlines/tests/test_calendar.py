"""The working calendar: corrections, unknown years and the cached database calendar."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.deadlines import calendar as calendar_module
from liaison.deadlines.calendar import WorkingCalendar, current_calendar, invalidate_calendar_cache
from liaison.deadlines.models import CalendarCorrection

D = date.fromisoformat


def test_corrections_override_the_package():
    cal = WorkingCalendar({D("2025-10-09"): False, D("2025-10-12"): True})
    assert not cal.is_working_day(D("2025-10-09"))  # a working Thursday made a day off
    assert cal.is_working_day(D("2025-10-12"))  # a Sunday made a working day
    assert cal.next_working_day_on_or_after(D("2025-10-01")) == D("2025-10-10")


def test_unknown_year_falls_back_to_weekdays():
    cal = WorkingCalendar()
    assert cal.is_working_day(D("2031-01-03"))  # Friday
    assert not cal.is_working_day(D("2031-01-04"))  # Saturday
    assert cal.next_working_day_on_or_after(D("2031-01-04")) == D("2031-01-06")
    assert cal.add_working_days(D("2031-01-02"), 3) == D("2031-01-07")


def test_unknown_year_uses_corrections():
    # An administrator entered New Year's Day 2031 and a make-up Saturday.
    cal = WorkingCalendar({D("2031-01-01"): False, D("2031-01-04"): True})
    assert not cal.is_working_day(D("2031-01-01"))
    assert cal.is_working_day(D("2031-01-04"))
    assert cal.add_working_days(D("2030-12-31"), 3) == D("2031-01-04")


def test_zero_working_days_is_the_day_itself_and_negative_is_refused():
    cal = WorkingCalendar()
    assert cal.add_working_days(D("2025-10-04"), 0) == D("2025-10-04")
    with pytest.raises(ValueError):
        cal.add_working_days(D("2025-10-04"), -1)


@pytest.mark.django_db
def test_current_calendar_reflects_a_new_day_off():
    day = D("2025-10-09")  # an ordinary working Thursday
    assert current_calendar().is_working_day(day)
    CalendarCorrection.objects.create(day=day, is_working_day=False, note="test")
    assert not current_calendar().is_working_day(day)


@pytest.mark.django_db
def test_current_calendar_reflects_changes_and_deletion():
    day = D("2031-01-04")  # a Saturday in a year the package does not know
    assert not current_calendar().is_working_day(day)
    correction = CalendarCorrection.objects.create(day=day, is_working_day=True)
    assert current_calendar().is_working_day(day)
    correction.is_working_day = False
    correction.save()
    assert not current_calendar().is_working_day(day)
    correction.is_working_day = True
    correction.save()
    assert current_calendar().is_working_day(day)
    correction.delete()
    assert not current_calendar().is_working_day(day)


@pytest.mark.django_db
def test_current_calendar_is_cached():
    first = current_calendar()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(100):
            assert current_calendar() is first
    assert len(queries) == 0


@pytest.mark.django_db
def test_correction_str():
    correction = CalendarCorrection(day=D("2031-01-04"), is_working_day=True)
    assert "2031-01-04" in str(correction)


@pytest.mark.django_db
def test_other_processes_changes_are_seen_after_the_cache_expires(monkeypatch):
    day = D("2025-10-09")
    assert current_calendar().is_working_day(day)
    # bulk_create sends no signals, like a change made by another process.
    CalendarCorrection.objects.bulk_create([CalendarCorrection(day=day, is_working_day=False)])
    assert current_calendar().is_working_day(day)  # still cached
    monkeypatch.setattr(calendar_module, "CACHE_SECONDS", 0.0)
    assert not current_calendar().is_working_day(day)


@pytest.mark.django_db
def test_cache_is_cleared_again_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        CalendarCorrection.objects.create(day=D("2025-10-09"), is_working_day=False)
    assert invalidate_calendar_cache in callbacks
