"""Logging in, lockout, password reset, session expiry and people's identifiers, end to end.

These go through the real URLconf and middleware (sessions, locale, django-axes), because the
settings are what is under test: a shared office machine, a guessed password, a lost one.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import liaison.settings as production
from liaison.accounts.models import User
from liaison.core.tests.factories import UserFactory
from liaison.core.validators import resident_id_check_char

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "Ordos-Kangbashi-2026"
WRONG = "ordos-kangbashi-2026"
NEW_PASSWORD = "Wulanmulun-river-77"
RESIDENT_ID = "15060319900307123" + resident_id_check_char("15060319900307123")


@pytest.fixture
def production_hashers(settings: Any) -> None:
    """The production hashers (the shared conftest swaps in MD5 for speed)."""
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


@pytest.fixture
def alice(production_hashers: None) -> User:
    """A person whose password is stored the way production stores it: Argon2."""
    user = UserFactory(username="alice", name="阿丽", email="alice@example.cn")
    user.password = make_password(PASSWORD, hasher=Argon2PasswordHasher())
    user.save(update_fields=["password"])
    return user


def log_in(client: Client, username: str, password: str, **headers: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def logged_in_as(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


# --- password hashing and logging in ---------------------------------------------------------


def test_login_url_is_the_one_the_settings_name() -> None:
    assert reverse(django_settings.LOGIN_URL) == LOGIN


def test_production_hashes_with_argon2_first() -> None:
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    Argon2PasswordHasher()._load_library()  # argon2-cffi is installed, not just named


def test_argon2_user_logs_in_through_the_login_page(client: Client, alice: User) -> None:
    assert alice.password.startswith("argon2$")
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse(django_settings.LOGIN_REDIRECT_URL)
    assert logged_in_as(client) == alice.pk
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$")  # not rehashed into something weaker


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "用户名或密码错误。两者均区分大小写。"),
        (
            {"HTTP_ACCEPT_LANGUAGE": "en"},
            "The username or password is wrong. Both are case-sensitive.",
        ),
    ],
)
def test_wrong_password_shows_the_translated_error_and_keeps_the_username(
    client: Client, alice: User, headers: dict[str, str], message: str
) -> None:
    response = log_in(client, "alice", WRONG, **headers)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert 'value="alice"' in text
    assert WRONG not in text  # the password is never echoed back
    assert logged_in_as(client) is None


def test_an_unknown_username_gets_the_same_answer(client: Client, alice: User) -> None:
    """The message does not reveal whether an account exists."""
    known = log_in(client, "alice", WRONG, HTTP_ACCEPT_LANGUAGE="en")
    unknown = log_in(client, "nobody", WRONG, HTTP_ACCEPT_LANGUAGE="en")
    assert known.context["form"].errors == unknown.context["form"].errors


@pytest.mark.parametrize(
    ("headers", "lang"), [({}, "zh-hans"), ({"HTTP_ACCEPT_LANGUAGE": "en"}, "en")]
)
def test_login_page_language_follows_the_browser(
    client: Client, headers: dict[str, str], lang: str
) -> None:
    response = client.get(LOGIN, **headers)
    assert response.status_code == 200
    text = response.content.decode()
    assert f'<html lang="{lang}">' in text
    assert ("Log in" if lang == "en" else "登录") in text


# --- lockout (django-axes) --------------------------------------------------------------------


def fail_until_locked(client: Client, username: str = "alice") -> Any:
    response = None
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = log_in(client, username, WRONG, HTTP_ACCEPT_LANGUAGE="en")
    return response


def assert_locked_out(response: Any) -> None:
    assert response.status_code in (403, 429)
    assert "Too many failed logins" in response.content.decode()


def test_the_failure_limit_locks_the_account(client: Client, alice: User) -> None:
    for attempt in range(1, django_settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "alice", WRONG, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, f"locked already after {attempt} failures"
    assert_locked_out(log_in(client, "alice", WRONG, HTTP_ACCEPT_LANGUAGE="en"))
    assert_locked_out(log_in(client, "alice", PASSWORD, HTTP_ACCEPT_LANGUAGE="en"))
    assert logged_in_as(client) is None


def test_the_lockout_is_per_account(client: Client, alice: User) -> None:
    fail_until_locked(client)
    UserFactory(username="bob", password=PASSWORD)
    assert log_in(Client(), "bob", PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(client: Client, alice: User) -> None:
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "alice", WRONG)
    assert log_in(client, "alice", PASSWORD).status_code == 302
    client.logout()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "alice", WRONG).status_code == 200
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_logging_in_works_again_after_the_cool_off(client: Client, alice: User) -> None:
    fail_until_locked(client)
    cool_off = get_cool_off()
    assert cool_off is not None
    # Half the cool-off later the account is still locked …
    AccessAttempt.objects.filter(username="alice").update(
        attempt_time=timezone.now() - cool_off / 2
    )
    assert_locked_out(log_in(client, "alice", PASSWORD, HTTP_ACCEPT_LANGUAGE="en"))
    # … and once it has passed, the right password works.
    AccessAttempt.objects.filter(username="alice").update(
        attempt_time=timezone.now() - cool_off - timedelta(minutes=1)
    )
    assert log_in(client, "alice", PASSWORD).status_code == 302
    assert logged_in_as(client) == alice.pk


def test_an_administrator_can_lift_the_lockout(client: Client, alice: User) -> None:
    fail_until_locked(client)
    assert reset(username="alice") >= 1
    assert log_in(client, "alice", PASSWORD).status_code == 302


# --- password reset ---------------------------------------------------------------------------


def reset_link(client: Client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    match = re.search(r"https?://testserver(/accounts/reset/\S+/\S+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_password_reset_by_email(client: Client, alice: User) -> None:
    link = reset_link(client, "alice@example.cn")
    assert mail.outbox[0].to == ["alice@example.cn"]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")

    fresh = Client()
    assert log_in(fresh, "alice", PASSWORD).status_code == 200  # the old one no longer works
    assert log_in(fresh, "alice", NEW_PASSWORD).status_code == 302
    assert logged_in_as(fresh) == alice.pk

    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    used = client.post(
        set_password_url, {"new_password1": "Another-pass-99", "new_password2": "Another-pass-99"}
    )
    assert used.status_code == 200 and used.context["validlink"] is False
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_reset_refuses_a_weak_password(client: Client, alice: User) -> None:
    link = reset_link(client, "alice@example.cn")
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "12345678", "new_password2": "12345678"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_reset_for_an_unknown_address_looks_the_same(client: Client, alice: User) -> None:
    response = client.post(reverse("password_reset"), {"email": "stranger@example.cn"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


# --- sessions ---------------------------------------------------------------------------------


def test_sessions_are_short_and_end_with_the_browser() -> None:
    for configured in (production, django_settings):
        assert configured.SESSION_COOKIE_AGE <= 8 * 3600
        assert configured.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_a_session_idle_longer_than_its_age_is_sent_to_login(client: Client, alice: User) -> None:
    response = log_in(client, "alice", PASSWORD)
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie

    protected = reverse("password_change")
    assert client.get(protected).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    age = session.expire_date - timezone.now()
    assert timedelta(0) < age <= timedelta(seconds=django_settings.SESSION_COOKIE_AGE)

    # Each request renews the idle timer …
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(protected).status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date - timezone.now()
    assert renewed > timedelta(seconds=django_settings.SESSION_COOKIE_AGE - 60)

    # … and a session left idle past its age no longer counts.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(protected)
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={protected}"


# --- people's identifiers ---------------------------------------------------------------------


def person(**fields: Any) -> User:
    user = User(username="zhangsan", name="张三", **fields)
    user.set_unusable_password()
    return user


def test_valid_identifiers_pass() -> None:
    person(mobile="13912345678", resident_id=RESIDENT_ID).full_clean()


def test_identifiers_are_stored_bare() -> None:
    user = person(mobile="+86 139-1234-5678", resident_id=RESIDENT_ID[:17] + "x")
    if RESIDENT_ID[17] != "X":
        user.resident_id = RESIDENT_ID.lower()
    user.full_clean()
    assert user.mobile == "13912345678"
    assert user.resident_id == RESIDENT_ID


@pytest.mark.parametrize(
    ("resident_id", "code", "message"),
    [
        (
            "15060319900307",
            "resident_id_shape",
            "A resident ID number has 18 characters: 17 digits and a digit or X.",
        ),
        (
            "15060319901307123" + resident_id_check_char("15060319901307123"),
            "resident_id_birth_date",
            "The birth date in this resident ID number does not exist.",
        ),
        (
            RESIDENT_ID[:17] + ("0" if RESIDENT_ID[17] != "0" else "1"),
            "resident_id_check_digit",
            "This resident ID number's check digit is wrong; please check it for a typo.",
        ),
    ],
)
def test_resident_id_errors(resident_id: str, code: str, message: str) -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            person(resident_id=resident_id).full_clean()
        assert caught.value.message_dict == {"resident_id": [message]}
    assert [e.code for e in caught.value.error_dict["resident_id"]] == [code]


@pytest.mark.parametrize("mobile", ["12912345678", "1391234567", "139123456789", "电话"])
def test_mobile_errors(mobile: str) -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            person(mobile=mobile).full_clean()
        assert (
            "A mobile number has 11 digits and begins with 13 to 19."
            in caught.value.message_dict["mobile"]
        )


def test_both_errors_are_reported_at_once_and_nothing_is_lost() -> None:
    user = person(mobile="12345", resident_id="123")
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert set(caught.value.message_dict) == {"mobile", "resident_id"}
    assert (user.mobile, user.resident_id) == ("12345", "123")
