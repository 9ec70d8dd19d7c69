import pytest


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """The lawyers' tests match actions' messages in English (the root conftest's fixture)."""
