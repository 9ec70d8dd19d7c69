"""The coarse place the public may read: division names and a street, never a house number or
anything else the reporter typed. Properties over generated addresses, and the usual shapes."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.places.coarse import (
    NAME_MOST,
    ROAD_WORDS,
    SUBDISTRICT_WORDS,
    coarse_place,
    street_of,
)

DIVISION = ("山西省", "大同市", "平城区")

# Street names from characters that are neither road nor sub-district words.
_NAME_CHARS = "御河西文兴东南北中新建幸福人民和平解放青春山湖光明华"
name = st.text(alphabet=_NAME_CHARS, min_size=2, max_size=NAME_MOST)
road_word = st.sampled_from(ROAD_WORDS)
house_number = st.integers(min_value=1, max_value=99999).map(str)
digits_fullwidth = st.booleans()
# What may follow the house number: buildings, units, rooms, and free words with their own
# numbers and road words ("旁边的小路", "3号楼").
finer = st.lists(
    st.one_of(
        st.integers(min_value=1, max_value=999).map(lambda n: f"{n}号楼"),
        st.integers(min_value=1, max_value=30).map(lambda n: f"{n}单元"),
        st.integers(min_value=101, max_value=2999).map(lambda n: f"{n}室"),
        st.sampled_from(["旁边的小路", "院内", "门口东侧的巷子", "对面"]),
        st.text(alphabet="张王李家楼后面垃圾路街0123456789AB", max_size=12),
    ),
    max_size=4,
).map("".join)
anything = st.text(max_size=80)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


@settings(max_examples=400)
@given(name, road_word, house_number, finer, digits_fullwidth, st.booleans())
def test_the_street_is_kept_and_the_house_number_and_what_follows_are_not(
    street_name: str, word: str, number: str, rest: str, wide: bool, with_division: bool
) -> None:
    tail = f"{number}号{rest}"
    address = ("".join(DIVISION) if with_division else "") + street_name + word + tail
    if wide:
        address = _fullwidth(address)
    place = coarse_place(DIVISION, address)
    assert place == f"山西省大同市平城区 {street_name}{word}"
    assert number not in place and not re.search(r"\d", place)


@settings(max_examples=600)
@given(anything, st.lists(st.text(max_size=6), max_size=3))
def test_whatever_is_typed_only_a_short_run_of_characters_ending_in_a_road_word_is_kept(
    address: str, names: list[str]
) -> None:
    street = street_of(address, names)
    folded = "".join(unicodedata.normalize("NFKC", address).split())
    if street:
        assert street in folded  # a piece of the address, nothing invented
        assert street.endswith(ROAD_WORDS)
        assert len(street) <= NAME_MOST + 2
        assert all("\u4e00" <= c <= "\u9fff" or c == "\u3007" for c in street)
        assert not any(word in street for word in SUBDISTRICT_WORDS)
    place = coarse_place(DIVISION, address)
    assert place.startswith("山西省大同市平城区")
    assert not any(unicodedata.category(c) == "Nd" for c in place)


@settings(max_examples=300)
@given(anything)
def test_an_address_without_a_road_word_gives_the_division_alone(address: str) -> None:
    cleaned = address
    for word in ROAD_WORDS:
        cleaned = cleaned.replace(word, "")
    assert coarse_place(DIVISION, cleaned) == "山西省大同市平城区"


@pytest.mark.parametrize(
    ("address", "street"),
    [
        ("山西省大同市平城区御河西路123号小区5栋2单元501", "御河西路"),
        ("平城区新建南路街道御河西路12号", "新建南路"),
        ("内蒙古鄂尔多斯市康巴什区青春山街道青春山湿地公园东侧", ""),
        ("御河西路与文兴路交叉口东北角", "御河西路"),
        ("解放大道８８号", "解放大道"),
        ("南关南街甲3号", "南关南街"),
        ("某某镇西村后面的垃圾场", ""),
        ("13912345678", ""),
        ("", ""),
    ],
)
def test_usual_addresses(address: str, street: str) -> None:
    assert street_of(address, DIVISION) == street
