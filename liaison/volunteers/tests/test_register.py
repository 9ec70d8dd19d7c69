"""Registering as a volunteer: real name, mobile and resident ID, each checked, each person once."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.db import IntegrityError
from django.urls import reverse

from liaison.accounts.models import User
from liaison.core.tests.factories import UserFactory
from liaison.volunteers.actions import volunteer_register
from liaison.volunteers.models import Volunteer

from .factories import PASSWORD, mobile, resident_id, volunteer

pytestmark = pytest.mark.django_db
URL = reverse("volunteers:register")


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


def test_a_volunteer_registers_and_lands_logged_in_on_their_page(client) -> None:
    response = client.post(URL, form())
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:me")
    user = User.objects.get(username="13703520001")
    assert (user.name, user.mobile, user.resident_id) == ("宋 柳金", "13703520001", resident_id(1))
    assert Volunteer.objects.filter(person=user).exists()
    assert client.get(reverse("volunteers:me")).status_code == 200


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


def test_the_same_mobile_or_resident_id_cannot_register_twice(client) -> None:
    volunteer(mobile="13703520001", resident_id=resident_id(1))
    response = client.post(URL, form(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    page = response.content.decode()
    assert "该手机号码已注册" in page and "该居民身份证号码已注册" in page
    assert User.objects.count() == 1


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
