"""Failed logins lock an account from the address they came from, not everywhere: a stranger's
five guesses cannot lock an official out of their office for half an hour. A guesser spread over
many addresses meets the account's own limit. Each refusal says how long it lasts."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from liaison.accounts.lockout import ACCOUNT_GROUP
from liaison.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "Ordos-Kangbashi-2026"
STRANGER = "198.51.100.66"
OFFICE = "203.0.113.10"


@pytest.fixture
def official() -> Any:
    return UserFactory(username="wangjing", password=PASSWORD)


def log_in(address: str, password: str, **headers: Any) -> Any:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": "wangjing", "password": password}, **headers)
    response.logged_in = "_auth_user_id" in client.session
    return response


def guess(address: str, times: int, **headers: Any) -> list[Any]:
    return [log_in(address, "guess-123456", **headers) for _ in range(times)]


def test_a_strangers_five_guesses_do_not_lock_the_official_out_of_their_office(
    official: Any,
) -> None:
    guess(STRANGER, django_settings.AXES_FAILURE_LIMIT)
    at_the_office = log_in(OFFICE, PASSWORD)
    assert at_the_office.status_code == 302 and at_the_office.logged_in


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Too many failed logins", "Try again in 30 minutes."]),
        ("zh-hans", ["请 30 分钟后再试"]),
    ],
)
def test_five_guesses_lock_the_account_from_that_address_and_say_for_how_long(
    official: Any, language: str, words: list[str]
) -> None:
    answers = guess(STRANGER, django_settings.AXES_FAILURE_LIMIT, HTTP_ACCEPT_LANGUAGE=language)
    locked = answers[-1]
    assert [a.status_code for a in answers[:-1]] == [200] * (len(answers) - 1)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert all(word in page for word in words), page
    assert locked["Retry-After"] == str(int(django_settings.AXES_COOLOFF_TIME * 3600))
    # The right password from that address is refused too, while the lock lasts.
    again = log_in(STRANGER, PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert again.status_code == 429 and not again.logged_in


def test_a_guesser_spread_over_many_addresses_meets_the_accounts_own_limit(
    official: Any, settings: Any
) -> None:
    settings.LIAISON_RATE_LIMITS = {ACCOUNT_GROUP: "6/h"}
    guess("198.51.100.1", 3)
    guess("198.51.100.2", 3)
    refused = log_in(OFFICE, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429 and not refused.logged_in
    page = refused.content.decode()
    assert "too many failed logins from several places" in page and "Try again in" in page
    # Other accounts are not affected.
    UserFactory(username="lihua", password=PASSWORD)
    other = Client(REMOTE_ADDR=OFFICE).post(LOGIN, {"username": "lihua", "password": PASSWORD})
    assert other.status_code == 302


def test_refusals_by_the_address_lock_are_not_counted_as_more_guesses(
    official: Any, settings: Any
) -> None:
    """A stranger who keeps trying once locked at their address does not push the account
    towards its own limit: the lock refuses before the password is looked at."""
    settings.LIAISON_RATE_LIMITS = {ACCOUNT_GROUP: "6/h"}
    guess(STRANGER, django_settings.AXES_FAILURE_LIMIT + 10)
    assert log_in(OFFICE, PASSWORD).logged_in
