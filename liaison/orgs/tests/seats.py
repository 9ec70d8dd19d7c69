"""What the tests of each page with an "acting for" chooser (``orgs.forms.ActingForForm``) ask:
whether the page shows it, and whether a refused choice says why."""

from __future__ import annotations

from html import escape
from typing import Any

from django.utils import translation

from liaison.orgs.forms import ACTING_FOR, NOT_YOUR_SEAT


def shows_chooser(response: Any) -> bool:
    """Whether the page asks which organisation the user acts for."""
    return f'name="{ACTING_FOR}"' in response.content.decode()


def refused_seat(response: Any) -> bool:
    """Whether the page came back (400) saying the organisation posted is not one of the
    user's seats that may do this (the pages are in Chinese)."""
    with translation.override("zh-hans"):
        message = escape(str(NOT_YOUR_SEAT))
    return bool(response.status_code == 400 and message in response.content.decode())
