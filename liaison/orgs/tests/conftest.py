"""Fixtures for the organisation tests."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from liaison.places.loading import load_divisions
from liaison.places.models import Division


@pytest.fixture
def divisions(db: None) -> None:
    """The package's divisions, as the places migration loads them.

    A transactional test elsewhere may flush the tables, migrated data included; reload then, so
    these tests do not depend on the order they run in.
    """
    if not Division.objects.filter(code="150603").exists():
        load_divisions(Division)


@pytest.fixture
def superuser(db: None) -> Any:
    return get_user_model().objects.create_superuser("root", "root@example.cn", "x", name="管理员")


@pytest.fixture
def staff_client(superuser: Any) -> Client:
    """A logged-in superuser's client that asks for English pages."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    return client
