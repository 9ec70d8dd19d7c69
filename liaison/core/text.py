"""What a typed text says: the one normaliser every free-text input goes through.

A description of thirty zero-width spaces looks filled in to a length check and blank to the
reader who triages it; a name wrapped in bidi overrides reads backwards to the official who
sees it. So text is normalised before it is checked, stored or counted, and every limit counts
the characters that remain (``visible_length``).

**NFC for text, NFKC for identifiers.** NFC only joins what Unicode says is the same character
(``e`` + combining acute is ``é``) and leaves Chinese as written. NFKC would also fold the
full-width forms into ASCII: Chinese punctuation (，（）：！？) would become ASCII punctuation and
the ideographic space a narrow one, which changes how a Chinese text reads. For identifiers
(mobile, resident ID, credit and query codes) that folding is what we want: ``１３９…`` typed
with a Chinese input method is the ASCII number. (NFC does map the few CJK *compatibility*
ideographs, U+F900–U+FAFF, to their unified twins; they look the same and Chinese input methods
do not produce them.)

What goes: control characters (Cc) but a multi-line text's newlines and tabs (CR LF and CR
become LF; U+2028/U+2029 a newline), format characters (Cf: zero-width spaces and joiners, the
BOM, soft hyphens, and the bidi embeddings, overrides and isolates U+202A–U+202E,
U+2066–U+2069, a spoofing device), private-use (Co), unassigned (Cn) and surrogate (Cs) code
points, and the Hangul fillers and the blank braille pattern, letters that draw nothing. A run
of spaces of any width inside a line becomes one space (a run of ideographic spaces one
ideographic space; a line's indent is kept), the ends (U+3000 included) are stripped, and in a
multi-line text so is every line's end, and runs of blank lines become one. A text with
nothing left to see (only spaces, combining marks or variation selectors) is empty.

Removing the zero-width joiner splits emoji sequences (a family becomes its members) and
"unassigned" is as of Python's Unicode tables (emoji newer than them are dropped): both are the
price of refusing invisible text, and neither matters to the words of a report.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

#: Categories removed from every text (Cc is handled separately: newlines may stay).
_REMOVED_CATEGORIES = frozenset({"Cf", "Co", "Cn", "Cs"})
#: Letters and symbols that draw nothing, used to make a blank look filled in.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Code points that add to a character but are nothing alone: combining marks, and the
#: variation selectors (Mn too, but also the supplementary ones).
_NON_SPACING = frozenset({"Mn", "Me"})
_IDEOGRAPHIC_SPACE = "\u3000"
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_HORIZONTAL_RUN = re.compile(r"[^\S\n]+")  # whitespace other than newlines
_BLANK_LINES = re.compile(r"\n{3,}")


def _kept(char: str, *, multiline: bool) -> bool:
    """Whether a character survives: not invisible, not a control (but a line's newline/tab)."""
    if char in _BLANK_LETTERS:
        return False
    category = unicodedata.category(char)
    if category == "Cc":
        return multiline and char in "\n\t"
    return category not in _REMOVED_CATEGORIES


def _space_run(run: str) -> str:
    """A run of spaces is one space; one of ideographic spaces only stays one ideographic."""
    return _IDEOGRAPHIC_SPACE if set(run) == {_IDEOGRAPHIC_SPACE} else " "


def _says_something(text: str) -> bool:
    return any(
        not char.isspace() and unicodedata.category(char) not in _NON_SPACING for char in text
    )


def normalise_text(
    value: str, *, multiline: bool = False, form: Literal["NFC", "NFKC"] = "NFC"
) -> str:
    """The text as it is stored and counted: see the module's docstring for what goes."""
    text = _LINE_BREAKS.sub("\n", str(value))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = "".join(char for char in text if _kept(char, multiline=multiline))
    text = unicodedata.normalize(form, text)
    if multiline:
        lines = []
        for line in text.split("\n"):
            body = line.lstrip()
            indent = line[: len(line) - len(body)]
            lines.append(indent + _HORIZONTAL_RUN.sub(lambda m: _space_run(m.group()), body))
        text = "\n".join(line.rstrip() for line in lines)
        text = _BLANK_LINES.sub("\n\n", text)
    else:
        text = _HORIZONTAL_RUN.sub(lambda m: _space_run(m.group()), text)
    text = text.strip()
    return text if _says_something(text) else ""


def normalise_identifier(value: str) -> str:
    """A code, number or name typed to be matched: NFKC (full-width digits and letters become
    ASCII), nothing invisible, one line, spaces collapsed."""
    return normalise_text(value, multiline=False, form="NFKC")


def visible_length(value: str, *, multiline: bool = False) -> int:
    """How many characters a text has once normalised: what every length limit counts."""
    return len(normalise_text(value, multiline=multiline))


def invisible_characters(value: str) -> list[str]:
    """The controls and format, private-use, unassigned and surrogate code points in a value
    that is kept as typed (a password), as ``U+200B`` names for a message."""
    found = []
    for char in str(value):
        if char in _BLANK_LETTERS or unicodedata.category(char) in _REMOVED_CATEGORIES | {"Cc"}:
            name = f"U+{ord(char):04X}"
            if name not in found:
                found.append(name)
    return found
