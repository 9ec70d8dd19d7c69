"""Case numbers: per organisation, type and year; consecutive; in the Chinese format."""

import pytest
from django.db import transaction

from liaison.core.tests.factories import OrganisationFactory
from liaison.notices.workflows import NOTICE
from liaison.workflow.opening import allocate_case_number

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


def test_numbers_follow_the_chinese_format_and_count_up() -> None:
    org = OrganisationFactory(abbreviation="康检")
    first = sent_notice(sender=org)
    second = sent_notice(
        sender=org, recipient=first.parties.get(relation="partner_org").organisation
    )
    year = first.created_at.year
    assert first.case_number == f"康检协〔{year}〕1号"
    assert second.case_number == f"康检协〔{year}〕2号"


def test_each_organisation_and_year_has_its_own_sequence() -> None:
    a, b = OrganisationFactory(abbreviation="康检"), OrganisationFactory(abbreviation="泗检")
    with transaction.atomic():
        assert allocate_case_number(organisation=a, workflow=NOTICE, year=2026)[0] == 1
        assert allocate_case_number(organisation=b, workflow=NOTICE, year=2026)[0] == 1
        assert allocate_case_number(organisation=a, workflow=NOTICE, year=2027)[0] == 1
        assert allocate_case_number(organisation=a, workflow=NOTICE, year=2026)[0] == 2


def test_pattern_and_type_code_are_configurable_per_organisation() -> None:
    org = OrganisationFactory(
        abbreviation="芜湾检",
        case_number_pattern="{abbr}{code}字〔{year}〕第{seq}号",
        case_type_codes={"notices.notice": "通"},
    )
    with transaction.atomic():
        _, number = allocate_case_number(organisation=org, workflow=NOTICE, year=2026)
    assert number == "芜湾检通字〔2026〕第1号"


def test_a_rolled_back_opening_does_not_skip_a_number() -> None:
    org = OrganisationFactory(abbreviation="城检")
    try:
        with transaction.atomic():
            allocate_case_number(organisation=org, workflow=NOTICE, year=2026)
            raise RuntimeError
    except RuntimeError:
        pass
    with transaction.atomic():
        assert allocate_case_number(organisation=org, workflow=NOTICE, year=2026)[0] == 1


def test_an_invalid_pattern_is_refused_by_validation() -> None:
    from django.core.exceptions import ValidationError

    org = OrganisationFactory.build(case_number_pattern="{abbr}{nonsense}", division_id="150603")
    with pytest.raises(ValidationError):
        org.full_clean()
    assert court().case_number_pattern
