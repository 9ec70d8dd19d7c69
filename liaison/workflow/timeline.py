"""What a relation that may not read a matter's whole timeline reads of it (``Workflow.readings``):
a lawyer of record reads a case's procedural events, each as its declared sentence with the
procedural particulars, never a note, a comment or anything else typed.

One reading for every page that shows it (a lawyer's feed of all their cases, one case's page),
so a second, hand-built feed is never needed: the timeline is the record, the declaration says
which of it a relation reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from liaison.notifications.models import format_message

from .models import Matter, MatterParty, TimelineEvent
from .registry import all_workflows


@dataclass(frozen=True)
class ReadEntry:
    """One timeline entry as the relation reads it."""

    event: TimelineEvent
    matter: Matter
    text: str


def _readable_actions(relation: str) -> list[str]:
    actions: set[str] = set()
    for workflow in all_workflows():
        actions |= set(workflow.reading_for(relation) or {})
    return sorted(actions)


def entries_read_by(
    person: Any, relation: str, *, matter: Matter | None = None, since_held: bool = True
) -> QuerySet[TimelineEvent]:
    """The timeline entries, newest first, that ``person`` reads as ``relation``: of the matters
    they hold it to now (or of ``matter`` only), the steps and events the workflows' readings
    name, and with ``since_held`` only those from the time they came to hold it. One query."""
    held = MatterParty.objects.filter(
        matter_id=OuterRef("matter_id"), relation=relation, person_id=person.pk
    )
    if since_held:
        held = held.filter(added_at__lte=OuterRef("at"))
    entries = TimelineEvent.objects.filter(Exists(held), action__in=_readable_actions(relation))
    if matter is not None:
        entries = entries.filter(matter_id=matter.pk)
    return entries.select_related("matter").order_by("-at", "-id")


def as_read(events: Any, relation: str) -> list[ReadEntry]:
    """``events`` (from ``entries_read_by``) as their declared sentences: the matter's number
    and title and the entry's data as parameters, in the reader's language."""
    read = []
    for event in events:
        matter = event.matter
        texts = matter.workflow.reading_for(relation) or {}
        text = texts.get(event.action)
        if text is None:  # pragma: no cover - entries_read_by asks for these actions only
            continue
        params = {**event.data, "number": matter.case_number or "", "title": matter.title}
        read.append(ReadEntry(event, matter, format_message(str(text), params)))
    return read
