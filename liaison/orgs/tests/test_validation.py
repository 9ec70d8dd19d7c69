"""Organisation fields validated by ``full_clean``, with messages a person can act on."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from liaison.core.tests.factories import division
from liaison.orgs.actions import organisation_create
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind

from .factories import procuratorate, uscc

pytestmark = pytest.mark.usefixtures("divisions")


def build(**fields: object) -> Organisation:
    values: dict[str, object] = {
        "kind": OrganisationKind.LAW_FIRM,
        "level": Organisation.Level.COUNTY,
        "name": "内蒙古康巴什律师事务所",
        "division": division("150603"),
    }
    values.update(fields)
    return Organisation(**values)


def test_a_valid_uscc_passes() -> None:
    build(uscc=uscc()).full_clean()


def test_uscc_is_stored_upper_case_without_spaces() -> None:
    code = uscc()
    org = build(uscc=f" {code[:9].lower()} {code[9:]} ")
    org.full_clean()
    assert org.uscc == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91150603MA0N12345", "uscc_shape"),  # 17 characters
        ("91150603MA0N1234I5", "uscc_shape"),  # I is not in the code set
    ],
)
def test_uscc_shape(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build(uscc=value).full_clean()
    assert [e.code for e in caught.value.error_dict["uscc"]] == [code]


def test_uscc_check_character_is_enforced() -> None:
    good = uscc()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            build(uscc=wrong).full_clean()
        assert caught.value.message_dict["uscc"] == [
            "This unified social credit code's check character is wrong; please check it."
        ]


def test_uscc_unique_when_present() -> None:
    procuratorate("150603", kind=OrganisationKind.LAW_FIRM, uscc=uscc())
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            build(uscc=uscc().lower()).full_clean()
        assert caught.value.messages == [
            "Another organisation already has this unified social credit code."
        ]
    assert caught.value.error_dict["__all__"][0].code == "uscc_taken"


def test_uscc_may_be_empty_for_many() -> None:
    procuratorate("150603", uscc="")
    procuratorate("150603", uscc="")
    build(uscc="").full_clean()


def test_action_refuses_a_bad_uscc_and_saves_nothing() -> None:
    with pytest.raises(ValidationError):
        organisation_create(
            actor=None,
            parent=None,
            kind=OrganisationKind.LAW_FIRM,
            level=Organisation.Level.COUNTY,
            name="错误代码律师事务所",
            division=division("150603"),
            uscc="123",
        )
    assert not Organisation.objects.filter(name="错误代码律师事务所").exists()


def test_case_number_pattern_placeholders() -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            build(case_number_pattern="{abbr}{unknown}").full_clean()
        assert caught.value.message_dict["case_number_pattern"] == [
            "Use only the placeholders {abbr}, {code}, {year}, {seq}."
        ]


def test_messages_are_translated() -> None:
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as caught:
            build(case_number_pattern="{oops}").full_clean()
        assert caught.value.message_dict["case_number_pattern"] == [
            "只能使用占位符 {abbr}、{code}、{year}、{seq}。"
        ]
