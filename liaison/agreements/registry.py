"""Hooks other apps fill, so that agreements depend on none of them.

``last_meeting_provider``: the day of the agreement's last joint meeting held, or None. The
meetings app sets it in its ``AppConfig.ready()``; by default nobody has met."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Agreement


def _never_met(agreement: Agreement) -> date | None:
    return None


last_meeting_provider: Callable[[Agreement], date | None] = _never_met


def set_last_meeting_provider(provider: Callable[[Agreement], date | None] | None) -> None:
    """Set (or, with None, reset) the provider of the last joint meeting's day."""
    global last_meeting_provider
    last_meeting_provider = provider or _never_met


#: For lists: the days of the last joint meeting of several agreements at once, by id (absent:
#: none held), in a constant number of queries. Optional: when unset, lists ask
#: ``last_meeting_provider`` for each agreement.
last_meetings_provider: Callable[[list[Agreement]], dict[int, date]] | None = None


def set_last_meetings_provider(
    provider: Callable[[list[Agreement]], dict[int, date]] | None,
) -> None:
    global last_meetings_provider
    last_meetings_provider = provider
