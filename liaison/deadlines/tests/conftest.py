"""Shared fixtures for the deadline tests."""

from collections.abc import Iterator

import pytest

from liaison.deadlines.calendar import invalidate_calendar_cache


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    """Test transactions roll back without delete signals, so no cached calendar may leak."""
    invalidate_calendar_cache()
    yield
    invalidate_calendar_cache()
