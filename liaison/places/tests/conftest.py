"""Fixtures for the places tests."""

import pytest

from liaison.places.loading import load_divisions
from liaison.places.models import Division
from liaison.places.selectors import address_code


@pytest.fixture
def divisions(db: None) -> None:
    """The package's divisions, as migration 0002 loads them.

    A transactional test elsewhere flushes the tables, migrated data included; reload then, so
    these tests do not depend on the order they run in.
    """
    if not Division.objects.filter(code="150603").exists():
        load_divisions(Division)


@pytest.fixture(autouse=True)
def _fresh_address_cache() -> None:
    """Each test sees the address cache empty, so cache behaviour is tested, not inherited."""
    address_code.cache_clear()
