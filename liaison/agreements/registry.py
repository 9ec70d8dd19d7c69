"""Hooks other apps fill, so that agreements depend on none of them.

``meetings_provider``: what the meetings app knows of the joint meetings under several
agreements at once (the day the last was held, whether one is scheduled), in a constant number
of queries. The meetings app sets it in its ``AppConfig.ready()``; by default nobody has met
and nothing is scheduled."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Agreement


@dataclass(frozen=True)
class MeetingsRecord:
    """The joint meetings under one agreement, as far as its meeting clock cares."""

    last_held_on: date | None = None
    #: A meeting is scheduled and not yet held: the next one is on its way, not overdue.
    scheduled: bool = False


NO_MEETINGS = MeetingsRecord()

MeetingsProvider = Callable[[Sequence["Agreement"]], Mapping[int, MeetingsRecord]]


def _nobody_met(agreements: Sequence[Agreement]) -> Mapping[int, MeetingsRecord]:
    return {}


meetings_provider: MeetingsProvider = _nobody_met


def set_meetings_provider(provider: MeetingsProvider | None) -> None:
    """Set (or, with None, reset) the provider of the agreements' meeting records."""
    global meetings_provider
    meetings_provider = provider or _nobody_met
