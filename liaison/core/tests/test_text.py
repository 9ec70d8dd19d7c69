"""The normaliser every typed text goes through (``core/text.py``), property-tested."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from liaison.core.text import (
    invisible_characters,
    normalise_identifier,
    normalise_text,
    visible_length,
)

#: Characters that draw nothing: format, control, private-use, unassigned code points, spaces
#: of every width, line and paragraph separators, and the fillers.
invisible = st.one_of(
    st.characters(categories=["Cf", "Cc", "Co", "Cn", "Zs", "Zl", "Zp"]),
    st.sampled_from("\u115f\u1160\u3164\uffa0\u2800\ufe0f\u034f"),
)
chinese = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("，。、；：？！“”‘’（）《》〔〕【】—…·０１２３４５６７８９"),
    ),
    min_size=1,
)
ascii_words = st.from_regex(r"[A-Za-z0-9.,;:!?'\"()-]+( [A-Za-z0-9.,;:!?'\"()-]+)*", fullmatch=True)
anything = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from("\r\n\u202e\u2066\u200b\u3000\ufeff\u0958\u2adc\ufb1d")
)


@given(anything, st.booleans())
def test_normalising_twice_changes_nothing(text: str, multiline: bool) -> None:
    once = normalise_text(text, multiline=multiline)
    assert normalise_text(once, multiline=multiline) == once


@given(anything)
def test_an_identifier_normalised_twice_changes_nothing(text: str) -> None:
    once = normalise_identifier(text)
    assert normalise_identifier(once) == once


@given(anything, st.booleans())
def test_a_normalised_text_is_never_longer(text: str, multiline: bool) -> None:
    # Than the text in NFC: a few characters Unicode excludes from composition (क़ U+0958)
    # decompose in every normal form, so NFC alone can lengthen a text by them.
    typed = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    assert len(normalise_text(text, multiline=multiline)) <= len(typed)


def test_only_composition_exclusions_grow_in_nfc() -> None:
    assert normalise_text("\u0958") == "\u0915\u093c"


@given(anything, st.booleans())
def test_a_normalised_text_holds_no_format_or_control_character(text: str, multiline: bool) -> None:
    kept = "\n\t" if multiline else ""
    for char in normalise_text(text, multiline=multiline):
        category = unicodedata.category(char)
        assert category not in {"Cf", "Co", "Cn", "Cs"}
        assert category != "Cc" or char in kept
        assert char not in "\r\u2028\u2029"


@given(chinese, st.booleans())
def test_chinese_text_is_kept_as_written(text: str, multiline: bool) -> None:
    # Full-width punctuation and digits stay full-width: NFC, not NFKC.
    assert normalise_text(text, multiline=multiline) == text


@given(ascii_words, st.booleans())
def test_plain_ascii_text_is_kept_as_written(text: str, multiline: bool) -> None:
    assert normalise_text(text, multiline=multiline) == text


@given(st.text(alphabet=invisible), st.booleans())
def test_a_text_of_only_invisible_characters_is_empty(text: str, multiline: bool) -> None:
    assert normalise_text(text, multiline=multiline) == ""
    assert visible_length(text, multiline=multiline) == 0


def test_thirty_zero_width_spaces_say_nothing() -> None:
    assert normalise_text("\u200b" * 30) == ""
    assert visible_length("\u200b" * 30, multiline=True) == 0


def test_bidi_controls_are_removed_from_inside_a_text() -> None:
    spoof = "付款给\u202e0021\u202c元 \u2066张三\u2069"
    assert normalise_text(spoof) == "付款给0021元 张三"


def test_a_multiline_text_keeps_its_paragraphs_and_indents() -> None:
    typed = (
        "\u3000\u3000第一段。  \r\n\u3000\u3000第二段，\t有  空格。\r\n\r\n\r\n\r\n第三段\u200b。\n"
    )
    assert normalise_text(typed, multiline=True) == (
        "第一段。\n\u3000\u3000第二段， 有 空格。\n\n第三段。"
    )


def test_one_line_collapses_spaces_and_keeps_one_ideographic_space() -> None:
    assert normalise_text("  关于\u3000\u3000某事 \u00a0\t 的通报\n ") == "关于\u3000某事 的通报"


def test_combining_marks_compose_and_count_once() -> None:
    assert normalise_text("Cafe\u200b\u0301") == "Café"
    assert visible_length("Cafe\u0301") == 4


def test_an_identifier_folds_full_width_digits() -> None:
    assert normalise_identifier(" １３９\u200b００００ ００００\u3000") == "1390000 0000"


def test_invisible_characters_are_named_for_a_message() -> None:
    assert invisible_characters("pass\u200bword\u200b\x07") == ["U+200B", "U+0007"]
    assert invisible_characters("correct horse 电池") == []
