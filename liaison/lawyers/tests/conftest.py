from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Actions' messages in English, whatever a previous test's request activated."""
    with translation.override("en"):
        yield
