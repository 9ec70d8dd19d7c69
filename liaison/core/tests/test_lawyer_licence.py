"""Properties of the practising-certificate number validator, against an independent reading of
the six groups (kind, province, prefecture, first year, category, sex, sequence)."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st

from liaison.core.validators import PROVINCE_CODES, validate_lawyer_licence

DIGITS = "0123456789"
THIS_YEAR = date.today().year


def error_code(value: str) -> str | None:
    try:
        validate_lawyer_licence(value)
    except ValidationError as error:
        return error.code
    return None


def expected_code(value: str) -> str | None:
    """What the numbering rule makes of ``value``, read group by group."""
    value = re.sub(r"[\s\-]", "", value.strip())
    if not re.fullmatch(r"[0-9]{17}", value):
        return "licence_shape"
    kind, province, year, category, sex = (
        value[0],
        value[1:3],
        int(value[5:9]),
        value[9],
        value[10],
    )
    if kind != "1":
        return "licence_kind"
    if province not in PROVINCE_CODES:
        return "licence_province"
    if not 1980 <= year <= THIS_YEAR:
        return "licence_year"
    if category == "0":
        return "licence_category"
    if sex not in "01":
        return "licence_sex"
    return None


@st.composite
def licences(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    prefecture = draw(st.text(DIGITS, min_size=2, max_size=2))
    year = draw(st.integers(1980, THIS_YEAR))
    category = draw(st.sampled_from("123456789"))
    sex = draw(st.sampled_from("01"))
    sequence = draw(st.text(DIGITS, min_size=6, max_size=6))
    return f"1{province}{prefecture}{year}{category}{sex}{sequence}"


@given(licences())
@example("11506201510123456")  # an Ordos full-time lawyer who began in 2015
def test_generated_licences_are_valid(value: str) -> None:
    validate_lawyer_licence(value)


@given(licences())
def test_licences_typed_in_groups_are_valid(value: str) -> None:
    validate_lawyer_licence(f" {value[:5]} {value[5:9]}-{value[9:11]} {value[11:]} ")


@given(licences(), st.integers(0, 16), st.characters(codec="utf-8"))
def test_any_single_change_is_judged_as_the_rule_reads_it(
    value: str, position: int, char: str
) -> None:
    assume(char != value[position])
    changed = value[:position] + char + value[position + 1 :]
    assert error_code(changed) == expected_code(changed)


@given(licences(), st.integers(1, 30).filter(lambda n: n != 17))
def test_wrong_lengths_are_refused(value: str, length: int) -> None:
    assert error_code((value * 2)[:length]) == "licence_shape"


@given(st.text(DIGITS, min_size=17, max_size=17))
def test_every_17_digit_string_is_judged_as_the_rule_reads_it(value: str) -> None:
    assert error_code(value) == expected_code(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "licence_shape"),
        ("1150620151012345", "licence_shape"),  # 16 digits
        ("115062015101234567", "licence_shape"),  # 18 digits
        ("1150620151012345X", "licence_shape"),
        ("１１５０６２０１５１０１２３４５６", "licence_shape"),  # full-width digits
        ("21506201510123456", "licence_kind"),
        ("19906201510123456", "licence_province"),  # 99 is no province
        ("11506197910123456", "licence_year"),
        ("11506201500123456", "licence_category"),
        ("11506201512123456", "licence_sex"),
    ],
)
def test_bad_licences(value: str, code: str) -> None:
    assert error_code(value) == code


def test_next_year_is_refused() -> None:
    value = f"11506{THIS_YEAR + 1}10123456"
    assert len(value) == 17
    assert error_code(value) == "licence_year"
