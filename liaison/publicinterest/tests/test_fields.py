"""Public-interest fields are data: seeded once, then the administrators'."""

import pytest
from django.urls import reverse
from django.utils import translation

from liaison.core.tests.factories import UserFactory
from liaison.publicinterest.fielddata import FIELDS, seed_fields
from liaison.publicinterest.models import Field

pytestmark = pytest.mark.django_db


def test_the_migration_loads_the_statutory_four_and_the_later_fields() -> None:
    assert Field.objects.count() == len(FIELDS) == 15
    statutory = list(Field.objects.filter(statutory=True).values_list("name", flat=True))
    assert statutory == ["生态环境和资源保护", "食品药品安全", "国有财产保护", "国有土地使用权出让"]
    assert Field.objects.filter(code="barrier_free", statutory=False, active=True).exists()


def test_seeding_again_adds_only_what_is_missing_and_keeps_corrections() -> None:
    Field.objects.filter(code="women").delete()
    Field.objects.filter(code="ecology").update(name="生态环境和资源保护（已校正）", order=1)
    assert seed_fields(Field) == 1
    assert Field.objects.get(code="ecology").name == "生态环境和资源保护（已校正）"
    assert seed_fields(Field) == 0


def test_a_field_is_named_in_the_readers_language() -> None:
    ecology = Field.objects.get(code="ecology")
    with translation.override("en"):
        assert ecology.label == "Ecological environment and resources protection"
    with translation.override("zh-hans"):
        assert ecology.label == "生态环境和资源保护"


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_an_administrator_adds_the_next_field_and_cannot_delete_one(admin_client) -> None:  # type: ignore[no-untyped-def]
    response = admin_client.post(
        reverse("admin:publicinterest_field_add"),
        {
            "code": "national_defence",
            "name": "国防和军事利益保护",
            "name_en": "National defence",
            "basis": "",
            "order": 200,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Field.objects.get(code="national_defence")
    assert not added.statutory
    page = admin_client.get(reverse("admin:publicinterest_field_change", args=[added.pk]))
    assert page.status_code == 200
    assert 'name="code"' not in page.content.decode()  # fixed once it exists
    delete = admin_client.get(reverse("admin:publicinterest_field_delete", args=[added.pk]))
    assert delete.status_code == 403
