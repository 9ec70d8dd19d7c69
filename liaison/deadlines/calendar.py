"""Which days are working days in mainland China.

The official calendar moves holidays and adds make-up working weekends every year, so a plain
Monday–Friday rule is wrong several times a year. ``chinese_calendar`` carries the State Council's
announcements; administrators' ``CalendarCorrection`` rows take precedence over it, both to fix it
and to cover years it does not know yet (for those we fall back to Monday–Friday).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType

import chinese_calendar

# A year with no working day cannot happen; this bound turns a broken correction set into an error
# instead of an endless loop.
_MAX_SEARCH_DAYS = 366


class WorkingCalendar:
    """Answers "is this a working day?" from corrections first, then the holiday package.

    Instances are immutable, so one can be shared between threads and cached.
    """

    def __init__(self, corrections: Mapping[date, bool] | None = None) -> None:
        self.corrections: Mapping[date, bool] = MappingProxyType(dict(corrections or {}))
        self._memo: dict[date, bool] = {}

    def __repr__(self) -> str:
        return f"WorkingCalendar({len(self.corrections)} corrections)"

    def is_working_day(self, d: date) -> bool:
        """True when offices are open on ``d``."""
        known = self._memo.get(d)
        if known is not None:
            return known
        if d in self.corrections:
            result = self.corrections[d]
        else:
            try:
                result = bool(chinese_calendar.is_workday(d))
            except NotImplementedError:
                # The package only knows announced years; weekdays are the best guess until an
                # administrator enters the year's holidays as corrections.
                result = d.weekday() < 5
        self._memo[d] = result
        return result

    def next_working_day_on_or_after(self, d: date) -> date:
        """``d`` itself when it is a working day, else the first working day after it."""
        for offset in range(_MAX_SEARCH_DAYS + 1):
            candidate = d + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {d.isoformat()}")

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` never counts; ``n=0`` gives ``d``)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = d
        for _ in range(n):
            current = self.next_working_day_on_or_after(current + timedelta(days=1))
        return current


_lock = threading.Lock()
# Incremented on every invalidation, so a load that raced with a change is not kept.
_generation = 0
_cached: tuple[WorkingCalendar, int, float] | None = None

# Signals only reach the process that saved the correction; other processes (web workers, the task
# worker) pick the change up after at most this many seconds.
CACHE_SECONDS = 300.0


def invalidate_calendar_cache(*args: object, **kwargs: object) -> None:
    """Forget the cached calendar; usable directly as a signal receiver."""
    global _cached, _generation
    with _lock:
        _generation += 1
        _cached = None


def current_calendar() -> WorkingCalendar:
    """The working calendar with the database's corrections, cached in-process.

    Clocks call this for every matter on a page or in a reminder run, so it must not query the
    database each time; saving or deleting a correction clears the cache.
    """
    cached = _cached
    now = time.monotonic()
    if cached is not None and cached[1] == _generation and now - cached[2] < CACHE_SECONDS:
        return cached[0]
    return _load_calendar()


def _load_calendar() -> WorkingCalendar:
    """Read the corrections and store the result unless a correction changed meanwhile."""
    global _cached
    from .models import CalendarCorrection

    generation = _generation
    rows = CalendarCorrection.objects.values_list("day", "is_working_day")
    calendar = WorkingCalendar(dict(rows))
    with _lock:
        if generation == _generation:
            _cached = (calendar, generation, time.monotonic())
    return calendar
