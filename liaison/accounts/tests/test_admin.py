"""The person admin: Liaison's fields, a masked resident ID in lists, and memberships inline."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from liaison.accounts.admin import mask_resident_id
from liaison.accounts.models import User
from liaison.audit.models import AuditRecord
from liaison.core.validators import resident_id_check_char
from liaison.orgs.models import Membership
from liaison.orgs.roles import Role
from liaison.orgs.tests.factories import UserFactory, procuratorate

pytestmark = [
    pytest.mark.usefixtures("divisions"),
    pytest.mark.urls("liaison.orgs.tests.admin_urls"),
]

RESIDENT_ID = "15060319900307123" + resident_id_check_char("15060319900307123")


def person_form(person: User, **overrides: Any) -> dict[str, Any]:
    """The person change form as a browser would post it, without membership rows."""
    data: dict[str, Any] = {
        "username": person.username,
        "name": person.name,
        "name_en": person.name_en,
        "email": person.email,
        "mobile": person.mobile,
        "resident_id": person.resident_id,
        "language": person.language,
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("value", "masked"),
    [("", ""), (RESIDENT_ID, "*" * 14 + RESIDENT_ID[-4:]), ("123", "123")],
)
def test_mask_resident_id(value: str, masked: str) -> None:
    assert mask_resident_id(value) == masked


def test_list_masks_the_resident_id(staff_client: Client) -> None:
    UserFactory(username="zhang", name="张三", name_en="Zhang San", resident_id=RESIDENT_ID)
    page = staff_client.get(reverse("admin:accounts_user_changelist"), {"q": "张三"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Zhang San" in text
    assert RESIDENT_ID[-4:] in text
    assert RESIDENT_ID not in text
    assert RESIDENT_ID[:6] not in text
    for heading in ("Name", "English name", "Mobile", "Resident ID number", "Language"):
        assert heading in text


def test_add_person(staff_client: Client) -> None:
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "lisi",
            "name": "李四",
            "email": "lisi@example.cn",
            "usable_password": "true",
            "password1": "Kangbashi-2026-liaison",
            "password2": "Kangbashi-2026-liaison",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(username="lisi").name == "李四"


def test_add_person_needs_a_name(staff_client: Client) -> None:
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {"username": "wangwu", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="wangwu").exists()


def test_change_shows_validator_messages_and_keeps_input(staff_client: Client) -> None:
    person = UserFactory(username="zhaoliu", name="赵六")
    wrong_id = RESIDENT_ID[:17] + ("0" if RESIDENT_ID[17] != "0" else "1")
    response = staff_client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        person_form(person, mobile="12345678901", resident_id=wrong_id, name_en="Zhao Liu"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "A mobile number has 11 digits and begins with 13 to 19." in text
    assert "check digit is wrong; please check it for a typo." in text
    assert 'value="12345678901"' in text
    assert f'value="{wrong_id}"' in text
    assert 'value="Zhao Liu"' in text


def test_change_normalises_numbers(staff_client: Client) -> None:
    person = UserFactory(username="sunqi", name="孙七")
    response = staff_client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        person_form(person, mobile="+86 139-0000-0000", resident_id=RESIDENT_ID.lower()),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.mobile == "13900000000"
    assert person.resident_id == RESIDENT_ID.upper()


def test_memberships_inline_grants_through_the_action(staff_client: Client, superuser: Any) -> None:
    person = UserFactory(username="zhouba", name="周八")
    kangbashi = procuratorate("150603")
    court = procuratorate("150603", kind="court")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "Memberships" in page.content.decode()

    data = person_form(person)
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-0-organisation": kangbashi.pk,
            "memberships-0-role": Role.CLUE_OFFICER,
            "memberships-0-is_active": "on",
            "memberships-1-organisation": court.pk,
            "memberships-1-role": Role.CLUE_OFFICER,  # not a court's role
            "memberships-1-is_active": "on",
        }
    )
    refused = staff_client.post(url, data)
    assert refused.status_code == 200
    assert "This role does not exist in an organisation of this kind." in (refused.content.decode())
    assert not Membership.objects.exists()

    data["memberships-1-role"] = Role.JUDGE
    assert staff_client.post(url, data).status_code == 302
    assert set(person.memberships.values_list("role", flat=True)) == {
        Role.CLUE_OFFICER,
        Role.JUDGE,
    }
    assert AuditRecord.objects.filter(action="orgs.membership.grant", actor=superuser).count() == 2
