"""The coarse place of a clue: what the public may read of where another person saw something.

A reporter deciding whether to add "I see this too" to an open clue needs to recognise the
place, not to find the house: the division's names and the street or road the address names,
never the house number, the building, the room or anything else the reporter typed.

``street_of`` is deliberately narrow. It keeps only a run of Chinese characters (no digits,
letters or punctuation, at most ``NAME_MOST`` of them) that ends in a road word (路, 街, 大道,
巷 …), the first one before the first digit of the address (house numbers follow the road in a
Chinese address). Sub-district words (街道, 镇, 乡, 村, 社区) and the division names end a run, so
"新建南路街道御河西路12号" gives 新建南路 and "平城区御河西路" gives 御河西路. An address that
names no road gives nothing, and the place is the division alone: coarser is always allowed.
``tests/test_coarse.py`` holds the properties.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Words that end a street or road name, longest first so that 大街 wins over 街.
ROAD_WORDS = ("大道", "大街", "胡同", "路", "街", "巷", "弄")
#: Words for units between the county and the street; a street name never runs across them.
SUBDISTRICT_WORDS = ("街道", "社区", "镇", "乡", "村")
#: The most characters a street name keeps before its road word.
NAME_MOST = 6

_SEPARATOR = "|"
_IDEOGRAPH = "[\u3007\u4e00-\u9fff]"
_STREET = re.compile(
    rf"{_IDEOGRAPH}{{1,{NAME_MOST}}}?(?:{'|'.join(ROAD_WORDS)})(?!道)",
)
_DIGIT = re.compile(r"\d")


def _folded(text: str) -> str:
    """NFKC (full-width digits become digits) without any white space."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def street_of(address: str, division_names: Iterable[str] = ()) -> str:
    """The street or road ``address`` names, or "" when it names none (see the module)."""
    text = _folded(address)
    for name in sorted({_folded(n) for n in division_names if n}, key=len, reverse=True):
        text = text.replace(name, _SEPARATOR)
    for word in SUBDISTRICT_WORDS:
        text = text.replace(word, _SEPARATOR)
    first_digit = _DIGIT.search(text)
    before_number = text[: first_digit.start()] if first_digit else text
    found = _STREET.search(before_number)
    return found.group(0) if found else ""


def coarse_place(division_names: Iterable[str], address: str) -> str:
    """The division's names, province first, then the street the address names, if any:
    e.g. 山西省大同市平城区 御河西路 for 平城区御河西路12号院3单元501."""
    names = [n for n in division_names if n]
    street = street_of(address, names)
    place = "".join(names)
    return f"{place} {street}" if street else place
