"""Registering as a volunteer: real name, mobile and resident ID, each checked, each person once,
the mobile number confirmed by a texted code, and nobody told who is registered already."""

import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from liaison.accounts.models import User
from liaison.accounts.registration import CODE_TRIES
from liaison.accounts.tests.registering import code_texted_to, texts
from liaison.core.tests.factories import UserFactory
from liaison.notifications import sms
from liaison.notifications.models import Notification
from liaison.volunteers.actions import volunteer_register
from liaison.volunteers.models import Volunteer

from .factories import PASSWORD, mobile, resident_id, volunteer

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:register")
CONFIRM = reverse("volunteers:register-confirm")
__all__ = ["texts"]


def form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "宋 柳金",
        "mobile": "+86 137-0352-0001",
        "resident_id": resident_id(1).lower(),
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_a_volunteer_confirms_their_mobile_and_lands_logged_in_on_their_page(client, texts) -> None:
    started = texts(client, URL, form())
    assert started.status_code == 302 and started["Location"] == CONFIRM
    assert not User.objects.exists()  # nothing is stored before the code comes back
    page = client.get(CONFIRM).content.decode()
    assert "137****0001" in page
    response = texts(client, CONFIRM, {"code": code_texted_to("13703520001")})
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:me")
    user = User.objects.get(username="13703520001")
    assert (user.name, user.mobile, user.resident_id) == ("宋 柳金", "13703520001", resident_id(1))
    assert user.check_password(PASSWORD)
    assert Volunteer.objects.filter(person=user).exists()
    assert client.get(reverse("volunteers:me")).status_code == 200


def test_the_code_is_texted_not_shown_and_the_password_is_kept_only_hashed(client, texts) -> None:
    texts(client, URL, form())
    code = code_texted_to("13703520001")
    assert code and code not in client.get(CONFIRM).content.decode()
    stored = str(dict(client.session))
    assert PASSWORD not in stored and code not in stored


def test_a_wrong_code_is_refused_and_the_last_try_ends_the_registration(client, texts) -> None:
    texts(client, URL, form())
    right = code_texted_to("13703520001")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(CODE_TRIES - 1):
        response = texts(client, CONFIRM, {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400 and "wrong or has expired" in response.content.decode()
    last = texts(client, CONFIRM, {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    assert "last try" in last.content.decode()
    assert texts(client, CONFIRM, {"code": right})["Location"] == URL  # over: register again
    assert not User.objects.exists()


def test_the_confirmation_page_without_a_registration_goes_back_to_the_form(client) -> None:
    assert client.get(CONFIRM)["Location"] == URL


def test_the_password_is_stored_with_argon2_as_configured(settings) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = volunteer()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "resident_id",
            resident_id(1)[:17] + ("0" if resident_id(1)[17] != "0" else "1"),
            "校验码",
        ),
        ("resident_id", "14020019951301001X", "出生日期"),
        ("resident_id", "1402001995", "18 位"),
        ("mobile", "12345678901", "11 位"),
        ("name", "", "真实姓名"),
        ("password2", "something else entirely", "两次"),
        ("password1", "123", "密码"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(client, field, value, message) -> None:
    data = form(**{field: value})
    if field == "password1":
        data["password2"] = value
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "宋 柳金" in page or field == "name"
    assert not User.objects.exists()


def _page(response) -> str:
    """A page's text without its per-browser CSRF token."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


@pytest.mark.parametrize("taken", ["resident_id", "mobile"])
def test_registration_does_not_tell_a_stranger_who_is_registered(texts, taken) -> None:
    """A form naming a registered resident ID (or mobile) number and one naming a free one get
    the same answers, and neither stores anything; the holder of the registered number is told
    instead, and no code that would finish a registration reaches the stranger."""
    holder = volunteer(mobile="13703520009", resident_id=resident_id(9))
    users, volunteers = User.objects.count(), Volunteer.objects.count()
    registered = (
        form(mobile="13703520002", resident_id=resident_id(9))
        if taken == "resident_id"
        else form(mobile="13703520009", resident_id=resident_id(2))
    )
    free = form(mobile=registered["mobile"], resident_id=resident_id(3))
    if taken == "mobile":
        free = form(mobile="13703520003", resident_id=resident_id(2))
    answers = []
    for data in (registered, free):
        browser = Client()
        started = texts(browser, URL, data, HTTP_ACCEPT_LANGUAGE="en")
        page = browser.get(started["Location"], HTTP_ACCEPT_LANGUAGE="en")
        guess = texts(browser, CONFIRM, {"code": "123456"}, HTTP_ACCEPT_LANGUAGE="en")
        answers.append(
            (started.status_code, started["Location"], page.status_code, guess.status_code)
        )
        answers.append(_page(page).replace(data["mobile"][-4:], "####"))
    assert answers[0] == answers[2] and answers[1] == answers[3]
    assert answers[0] == (302, CONFIRM, 200, 400)
    assert (User.objects.count(), Volunteer.objects.count()) == (users, volunteers)
    # The holder is told (inbox, and by text message and e-mail); the stranger got no code.
    told = Notification.objects.filter(recipient=holder, event="accounts.registration.attempt")
    assert told.count() == 1
    codes = [
        m.mobile for m in sms.outbox if "registration code" in m.text or "注册验证码" in m.text
    ]
    assert codes == [free["mobile"]]


def test_a_staff_account_with_the_mobile_counts_as_registered() -> None:
    UserFactory(mobile="13703520009")
    with pytest.raises(Exception) as refused:
        volunteer_register(
            name="张三", mobile="13703520009", resident_id=resident_id(9), password=PASSWORD
        )
    assert "mobile" in refused.value.message_dict  # type: ignore[attr-defined]


def test_the_database_refuses_a_second_account_with_a_resident_id() -> None:
    UserFactory(resident_id=resident_id(3))
    with pytest.raises(IntegrityError):
        UserFactory(resident_id=resident_id(3))


def test_english_readers_get_english_messages(client) -> None:
    response = client.post(URL, form(mobile="123"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "A mobile number has 11 digits" in response.content.decode()


def test_a_registered_volunteer_is_sent_to_their_page(client) -> None:
    client.force_login(volunteer())
    assert client.get(URL)["Location"] == reverse("volunteers:me")


def test_the_page_fits_a_phone(client) -> None:
    page = client.get(URL).content.decode()
    assert 'name="viewport"' in page and 'inputmode="tel"' in page
    assert mobile(5).startswith("137")
