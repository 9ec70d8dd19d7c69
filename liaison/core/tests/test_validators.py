"""Properties of the identifier validators, checked against check digits computed independently.

The check characters here are derived from the standards' definitions (ISO 7064 MOD 11-2 for
GB 11643, weights 3^i mod 31 for GB 32100) rather than from the validators' own tables, so a wrong
weight in ``liaison.core.validators`` fails these tests instead of agreeing with itself.
"""

import re
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st

from liaison.core.validators import (
    USCC_CHARSET,
    validate_mobile,
    validate_resident_id,
    validate_uscc,
)

DIGITS = "0123456789"


# --- independent check-character computations -------------------------------------------------


def gb11643_check(first17: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i (from the left, 1-based) is 2^(18-i) mod 11."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def gb32100_check(first17: str) -> str:
    """GB 32100: weight of position i (0-based) is 3^i mod 31; check = 31 - sum mod 31."""
    total = sum(USCC_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_CHARSET[(31 - total % 31) % 31]


def error_code(validator: Callable[[str], None], value: str) -> str | None:
    """The validator's error code for ``value``, or None when it accepts it."""
    try:
        validator(value)
    except ValidationError as error:
        return error.code
    return None


# --- strategies --------------------------------------------------------------------------------

birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date.today())


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    area = draw(st.text(DIGITS, min_size=6, max_size=6))
    born = draw(birth_dates).strftime("%Y%m%d")
    sequence = draw(st.text(DIGITS, min_size=3, max_size=3))
    first17 = area + born + sequence
    return first17 + gb11643_check(first17)


@st.composite
def usccs(draw: st.DrawFn) -> str:
    first17 = draw(st.text(USCC_CHARSET, min_size=17, max_size=17))
    return first17 + gb32100_check(first17)


def is_non_ascii_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd" and not char.isascii()


# Any character except non-ASCII decimal digits (tested on their own at the end), weighted towards
# the ones a typo produces.
replacement_chars = st.one_of(
    st.sampled_from(DIGITS + USCC_CHARSET + "IOZSVxX "),
    st.characters(codec="utf-8").filter(lambda c: not is_non_ascii_digit(c)),
)


# --- resident ID numbers (GB 11643) ------------------------------------------------------------


def expected_resident_id_code(value: str) -> str | None:
    """What GB 11643 and the documented normalisation (spaces, lower-case x) make of ``value``."""
    value = value.strip().replace(" ", "").upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return "resident_id_shape"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "resident_id_birth_date"
    if born.year < 1900 or born > date.today():
        return "resident_id_birth_date"
    if gb11643_check(value[:17]) != value[17]:
        return "resident_id_check_digit"
    return None


@given(resident_ids())
def test_generated_resident_ids_are_valid(value: str) -> None:
    validate_resident_id(value)


@given(resident_ids())
def test_resident_id_typed_with_lower_case_x_and_spaces(value: str) -> None:
    typed = f" {value[:6]} {value[6:14]} {value[14:].lower()} "
    validate_resident_id(typed)


@given(resident_ids(), st.integers(0, 17), replacement_chars)
def test_any_single_change_to_a_resident_id_is_rejected(
    value: str, position: int, char: str
) -> None:
    assume(char.upper() != value[position])
    changed = value[:position] + char + value[position + 1 :]
    expected = expected_resident_id_code(changed)
    assert expected is not None
    assert error_code(validate_resident_id, changed) == expected


@given(resident_ids(), st.integers(0, 16), st.sampled_from(DIGITS))
def test_a_digit_typo_in_a_resident_id_is_caught(value: str, position: int, digit: str) -> None:
    """A different digit keeps the shape, so the date or the check digit must catch it."""
    assume(digit != value[position])
    changed = value[:position] + digit + value[position + 1 :]
    assert error_code(validate_resident_id, changed) in {
        "resident_id_birth_date",
        "resident_id_check_digit",
    }


@given(resident_ids(), st.integers(0, 16))
def test_swapping_adjacent_digits_of_a_resident_id_is_caught(value: str, position: int) -> None:
    """MOD 11-2 also catches transpositions, the other common typo."""
    assume(value[position] != value[position + 1])
    swapped = value[:position] + value[position + 1] + value[position] + value[position + 2 :]
    assert error_code(validate_resident_id, swapped) is not None


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002X",  # the example in GB 11643-1999
        "11010519491231002x",
        "110105 19491231 002X",
    ],
)
def test_known_resident_ids(value: str) -> None:
    validate_resident_id(value)


def test_gb11643_examples_check_digits() -> None:
    """Both examples in GB 11643-1999 carry right check digits by this computation; the 1880 one
    is still refused, by the validator's deliberate floor of 1900 for a living person's birth."""
    assert gb11643_check("11010519491231002") == "X"
    assert gb11643_check("44052418800101001") == "4"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "resident_id_shape"),
        ("11010519491231002", "resident_id_shape"),
        ("11010519491231002XX", "resident_id_shape"),
        ("1101051949123100X2", "resident_id_shape"),
        ("110105194902300021", "resident_id_birth_date"),  # 30 February
        ("110105189912310021", "resident_id_birth_date"),  # before 1900
        ("440524188001010014", "resident_id_birth_date"),  # GB 11643's 1880 example
        ("110105194912310021", "resident_id_check_digit"),
    ],
)
def test_bad_resident_ids(value: str, code: str) -> None:
    assert error_code(validate_resident_id, value) == code


def test_resident_id_born_in_the_future_is_rejected() -> None:
    next_year = date.today().year + 1
    first17 = f"110105{next_year}0101002"
    assert error_code(validate_resident_id, first17 + gb11643_check(first17)) == (
        "resident_id_birth_date"
    )


# --- unified social credit codes (GB 32100) ----------------------------------------------------


def expected_uscc_code(value: str) -> str | None:
    value = value.strip().upper()
    if not re.fullmatch(f"[{USCC_CHARSET}]{{18}}", value):
        return "uscc_shape"
    if gb32100_check(value[:17]) != value[17]:
        return "uscc_check_digit"
    return None


def test_uscc_weights_are_powers_of_three() -> None:
    """The weights GB 32100 prints are 3^i mod 31; the charset has 31 characters, no I O Z S V."""
    assert [pow(3, i, 31) for i in range(17)] == [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ]  # fmt: skip
    assert len(USCC_CHARSET) == 31
    assert not set("IOZSV") & set(USCC_CHARSET)


@given(usccs())
@example("91350100M000100Y43")
def test_generated_usccs_are_valid(value: str) -> None:
    validate_uscc(value)
    validate_uscc(value.lower())


@given(usccs(), st.integers(0, 17), replacement_chars)
def test_any_single_change_to_a_uscc_is_rejected(value: str, position: int, char: str) -> None:
    assume(char.upper() != value[position])
    changed = value[:position] + char + value[position + 1 :]
    expected = expected_uscc_code(changed)
    assert expected is not None
    assert error_code(validate_uscc, changed) == expected


@given(usccs(), st.integers(0, 17), st.sampled_from(USCC_CHARSET))
def test_a_typo_in_the_code_set_is_caught_by_the_check(
    value: str, position: int, char: str
) -> None:
    assume(char != value[position])
    changed = value[:position] + char + value[position + 1 :]
    assert error_code(validate_uscc, changed) == "uscc_check_digit"


def test_known_uscc_examples() -> None:
    """GB 32100's example 91350100M000100Y43, its check character recomputed here."""
    assert gb32100_check("91350100M000100Y4") == "3"
    validate_uscc("91350100M000100Y43")
    validate_uscc(" 91350100m000100y43 ")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "uscc_shape"),
        ("91350100M000100Y4", "uscc_shape"),
        ("91350100M000100Y433", "uscc_shape"),
        ("91350100I000100Y43", "uscc_shape"),  # I is not in the code set
        ("91350100M000100Y44", "uscc_check_digit"),
        ("91350100M000100Y34", "uscc_check_digit"),  # transposition
    ],
)
def test_bad_usccs(value: str, code: str) -> None:
    assert error_code(validate_uscc, value) == code


# --- mobile numbers ----------------------------------------------------------------------------

mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(DIGITS, min_size=9, max_size=9),
)


@st.composite
def written_mobiles(draw: st.DrawFn) -> str:
    """A valid mobile as people write it: +86 or 86 in front, spaces or dashes between groups."""
    number = draw(mobiles)
    separator = draw(st.sampled_from(["", " ", "-", " - "]))
    grouped = separator.join([number[:3], number[3:7], number[7:]])
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "86", "86 "]))
    return prefix + grouped


@given(written_mobiles())
def test_mobiles_as_written_are_accepted(value: str) -> None:
    validate_mobile(value)


@pytest.mark.parametrize(
    "value",
    ["13800138000", "+86 138 0013 8000", "+86-138-0013-8000", "8613800138000", "199 9999 9999"],
)
def test_known_mobiles(value: str) -> None:
    validate_mobile(value)


@given(st.sampled_from("0123456789"), st.text(DIGITS, min_size=9, max_size=9))
def test_mobiles_must_begin_13_to_19(second: str, rest: str) -> None:
    code = error_code(validate_mobile, "1" + second + rest)
    assert (code is None) == (second in "3456789")


@given(st.integers(1, 20).filter(lambda n: n != 11), st.text(DIGITS, min_size=18, max_size=18))
def test_mobiles_of_the_wrong_length_are_rejected(length: int, digits: str) -> None:
    value = ("13" + digits)[:length]
    assert error_code(validate_mobile, value) == "mobile_shape"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "138001380001",  # 12 digits
        "1380013800",  # 10 digits
        "12800138000",  # begins 12
        "10800138000",
        "+86 128 0013 8000",
        "1380013800a",
        "+1 138 0013 8000",
    ],
)
def test_bad_mobiles(value: str) -> None:
    assert error_code(validate_mobile, value) == "mobile_shape"


# --- a bug these properties found (Unicode digits passed \\d); fixed with [0-9] ----------------


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_resident_id, "１１０１０５１９４９１２３１００２X"),  # full-width digits
        (validate_resident_id, "11010519491231002X".replace("0", "٠")),  # Arabic-Indic zero
        (validate_mobile, "13８００１３８０００"),
    ],
)
def test_non_ascii_digits_are_rejected(validator: Callable[[str], None], value: str) -> None:
    assert error_code(validator, value) is not None
