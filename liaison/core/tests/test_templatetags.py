"""Template helpers."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from liaison.core.templatetags.liaison import days_until, local_name
from liaison.core.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_names_follow_the_readers_language() -> None:
    org = OrganisationFactory.build(
        name="泗县人民检察院", name_en="Sixian County People's Procuratorate"
    )
    person = UserFactory.build(name="黄春雷", name_en="Huang Chunlei")
    nameless = UserFactory.build(name="王芳", name_en="")
    with translation.override("zh-hans"):
        assert (local_name(org), local_name(person)) == ("泗县人民检察院", "黄春雷")
    with translation.override("en"):
        assert (local_name(org), local_name(person)) == (
            "Sixian County People's Procuratorate",
            "Huang Chunlei",
        )
        assert local_name(nameless) == "王芳"
    assert local_name(None) == ""


def test_a_due_day_counts_from_the_local_day_when_the_page_gives_none() -> None:
    today = timezone.localdate()
    assert days_until(today + timedelta(days=3)) == 3
    assert days_until(today - timedelta(days=2)) == -2
    assert days_until(None) is None
    assert days_until(date(2026, 5, 4), date(2026, 5, 1)) == 3
