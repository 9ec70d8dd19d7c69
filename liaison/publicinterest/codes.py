"""Query codes: what an anonymous reporter keeps to follow a clue.

Ten characters from an alphabet without the look-alikes 0/O, 1/I/L (people copy them from a
phone screen onto paper and back), drawn with ``secrets``: 31¹⁰ ≈ 8×10¹⁴ codes, so guessing one
that exists is hopeless, and the code is all the progress page asks for.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10
_SEPARATORS = re.compile(r"[\s\-_.·]+")
_SHAPE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_query_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_query_code(text: str) -> str | None:
    """The code as stored, from what someone typed ("k7m2q-9xprt", with spaces or dashes), or
    None when it cannot be a code at all."""
    code = _SEPARATORS.sub("", (text or "").strip()).upper()
    return code if _SHAPE.match(code) else None


def display_query_code(code: str) -> str:
    """Grouped for reading aloud and copying: ``K7M2Q-9XPRT``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == LENGTH else code
