"""Validators for Chinese identifiers: resident ID numbers, unified social credit codes, mobiles.

Each raises ``ValidationError`` with a message in the user's language and a stable ``code`` so
forms and the API can show it next to the field without losing what was typed.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: weights of the first 17 digits and the check character for each sum mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")

# GB 32100-2015: the 31 characters of the code set (no I, O, Z, S, V) and the position weights.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(rf"^[{USCC_CHARSET}]{{18}}$")

# Mainland mobile numbers: 11 digits starting 13-19, optionally written with +86 / 86.
_MOBILE_SHAPE = re.compile(r"^1[3-9][0-9]{9}$")


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalise_resident_id(value: str) -> str:
    """Strip spaces and upper-case the final ``x``, as people type it both ways."""
    return value.strip().replace(" ", "").upper()


def validate_resident_id(value: str) -> None:
    """An 18-character resident identity number with a real birth date and a right check digit."""
    value = normalise_resident_id(value)
    if not _ID_SHAPE.match(value):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a digit or X."),
            code="resident_id_shape",
        )
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(
            _("The birth date in this resident ID number does not exist."),
            code="resident_id_birth_date",
        ) from None
    if born.year < 1900 or born > date.today():
        raise ValidationError(
            _("The birth date in this resident ID number does not exist."),
            code="resident_id_birth_date",
        )
    if resident_id_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("This resident ID number's check digit is wrong; please check it for a typo."),
            code="resident_id_check_digit",
        )


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """An 18-character unified social credit code with a right check character."""
    value = value.strip().upper()
    if not _USCC_SHAPE.match(value):
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters: digits and capital letters "
                "other than I, O, Z, S and V."
            ),
            code="uscc_shape",
        )
    if uscc_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("This unified social credit code's check character is wrong; please check it."),
            code="uscc_check_digit",
        )


def normalise_mobile(value: str) -> str:
    """Drop spaces, dashes and a +86 country prefix."""
    digits = re.sub(r"[\s\-]", "", value.strip())
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def validate_mobile(value: str) -> None:
    """A mainland China mobile number: 11 digits beginning with 13 to 19."""
    if not _MOBILE_SHAPE.match(normalise_mobile(value)):
        raise ValidationError(
            _("A mobile number has 11 digits and begins with 13 to 19."), code="mobile_shape"
        )


# Lawyers' practising-certificate numbers (律师执业证号), as the Ministry of Justice numbers them.
#: GB/T 2260 province-level codes: the provinces, autonomous regions and municipalities whose
#: judicial departments issue practising certificates.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65"}
)
#: The year China's lawyers were re-established (《律师暂行条例》, 1980): no practice began before.
FIRST_PRACTICE_YEAR = 1980
_LICENCE_SHAPE = re.compile(r"^[0-9]{17}$")


def normalise_lawyer_licence(value: str) -> str:
    """Drop the spaces and dashes people put between the groups of digits."""
    return re.sub(r"[\s\-]", "", value.strip())


def validate_lawyer_licence(value: str) -> None:
    """A lawyer's practising-certificate number (律师执业证号): 17 digits in six groups.

    ======== ====== =================================================================
    position digits meaning
    ======== ====== =================================================================
    1        1      kind of certificate: 1, the practising certificate (律师执业证, and
                    the 律师工作证 of public-sector and company lawyers)
    2–3      2      province of the holder's law firm, as the GB/T 2260 code (15 is
                    Inner Mongolia)
    4–5      2      its prefecture, or the district of a municipality (06 is Ordos);
                    not checked, the issuing department assigns them
    6–9      4      year the holder first practised: 1980 (lawyers re-established) up
                    to this year
    10       1      category: 1 full-time, 2 part-time, 3 Hong Kong, 4 Macao and 5
                    Taiwan residents, 6 public-sector, 7 company, 8 legal-aid, 9
                    military lawyer
    11       1      sex: 1 male, 0 female
    12–17    6      sequence number of the certificate in the issuing region
    ======== ====== =================================================================

    This is the numbering the Ministry of Justice introduced with the 2008 certificates; the
    older 12-digit numbers were all replaced and are refused. The number has no check digit,
    so a typo in the sequence number cannot be caught here: verification against the judicial
    bureau's register (the registration matter) is what confirms a number belongs to the person.
    The sex digit's coding (1/0) is as the Ministry's rule is quoted in secondary sources and
    should be confirmed against the rule before a valid number is ever refused for it.
    """
    value = normalise_lawyer_licence(value)
    if not _LICENCE_SHAPE.match(value):
        raise ValidationError(
            _("A lawyer's practising-certificate number has 17 digits."), code="licence_shape"
        )
    if value[0] != "1":
        raise ValidationError(
            _("A practising-certificate number begins with 1."), code="licence_kind"
        )
    if value[1:3] not in PROVINCE_CODES:
        raise ValidationError(
            _("Digits 2 and 3 of a practising-certificate number are a province's code."),
            code="licence_province",
        )
    year = int(value[5:9])
    if not FIRST_PRACTICE_YEAR <= year <= date.today().year:
        raise ValidationError(
            _(
                "Digits 6 to 9 of a practising-certificate number are the year practice "
                "began, between %(first)s and this year."
            ),
            code="licence_year",
            params={"first": FIRST_PRACTICE_YEAR},
        )
    if value[9] == "0":
        raise ValidationError(
            _("Digit 10 of a practising-certificate number is the category, 1 to 9."),
            code="licence_category",
        )
    if value[10] not in "01":
        raise ValidationError(
            _("Digit 11 of a practising-certificate number is 1 (male) or 0 (female)."),
            code="licence_sex",
        )
