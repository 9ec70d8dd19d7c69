"""Reads about clues, and the one place that decides who sees a reporter's identity.

The triage queue goes through the engine's visibility policy (``matters_visible_to``); the
public progress page answers only about the clue whose query code is given, and only what the
reporter may see of it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone

from liaison.core.access import Access
from liaison.orgs.roles import Role
from liaison.workflow.models import Clock
from liaison.workflow.selectors import matters_visible_to

from .models import Clue, Field
from .workflows import CLUE

#: How many transfers the progress page follows (a loop guard; a real chain is one or two).
MAX_TRANSFERS = 10


def active_fields() -> QuerySet[Field]:
    return Field.objects.filter(active=True)


def clue_for_submission(key: uuid.UUID | str) -> Clue | None:
    """The clue already stored for this submission key (a retried or double-tapped send)."""
    return Clue.objects.filter(submission_key=key).select_related("owner").first()


def may_see_reporter(access: Access, clue: Clue) -> bool:
    """Whether this user may see who reported ``clue``: the clue officers of the procuratorate
    that handles it. Once transferred, the first procuratorate no longer handles it, and its
    officers see the masked name like everyone else."""
    if access.is_system:
        return True
    return clue.state != "transferred" and access.has_role(clue.owner_id, {Role.CLUE_OFFICER})


def clues_for_triage(
    access: Access,
    *,
    field: Field | None = None,
    state: str | None = "submitted",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Clue]:
    """The clues of the procuratorates where this user is a clue officer, within what the
    visibility policy lets them see; the one whose assessment falls due first comes first.

    One query for the page whatever its length: field, place and owner are joined, the due
    day is an aggregate over the clocks.
    """
    officer_of = access.organisations_with({Role.CLUE_OFFICER})
    if not officer_of:
        return Clue.objects.none()
    visible = matters_visible_to(access).filter(matter_type=CLUE.name, owner_id__in=officer_of)
    clues = Clue.objects.filter(pk__in=visible.values("pk"), owner_id__in=officer_of).exclude(
        state="new"
    )
    if field is not None:
        clues = clues.filter(field=field)
    if state:
        clues = clues.filter(state=state)
    if since is not None:
        clues = clues.filter(created_at__date__gte=since)
    if until is not None:
        clues = clues.filter(created_at__date__lte=until)
    return (
        clues.select_related("field", "division__parent", "owner")
        .annotate(next_due=Min("clocks__due_on", filter=Q(clocks__state=Clock.State.RUNNING)))
        .order_by(F("next_due").asc(nulls_last=True), "created_at", "pk")
    )


@dataclass(frozen=True)
class Progress:
    """What the holder of a query code learns: never the description, the reporter or the
    photos, so that a code that leaks exposes nothing about anyone."""

    query_code: str
    field: str
    place: str
    reported_on: date
    state: str
    state_label: str
    procuratorate: str
    reason: str
    transferred: bool


def progress_for_code(code: str) -> Progress | None:
    """The progress of the clue with this (normalised) query code, following transfers to the
    procuratorate that handles it now; None when no clue has the code."""
    first = (
        Clue.objects.filter(query_code=code)
        .select_related("field", "division__parent", "owner")
        .first()
    )
    if first is None:
        return None
    current = first
    for _hop in range(MAX_TRANSFERS):
        if current.state != "transferred":
            break
        following = Clue.objects.filter(transferred_from=current).select_related("owner").first()
        if following is None:
            break
        current = following
    return Progress(
        query_code=first.query_code_display,
        field=first.field.label,
        place=first.division.full_name,
        reported_on=timezone.localtime(first.created_at).date(),
        state=current.state,
        state_label=current.state_label,
        procuratorate=current.owner.name,
        reason=current.public_reason,
        transferred=current.pk != first.pk,
    )
