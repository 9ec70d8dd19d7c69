"""Reads about clues and cases, and the one place that decides who sees a reporter's identity.

The triage queue and the case list go through the engine's visibility policy
(``matters_visible_to``); the public progress page answers only about the clue whose query code
is given, and only what the reporter may see of it. The mechanism's figures are in
``figures.py``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from liaison.core.access import Access
from liaison.core.localcopy import LocalCopy
from liaison.orgs.roles import STAFF_ROLES, OrganisationKind, Role
from liaison.recommendations.models import Recommendation
from liaison.recommendations.selectors import recommendations_from, served_from
from liaison.volunteers.ages import old_enough_people, registration_minimum_age
from liaison.volunteers.selectors import rectification_supervisors
from liaison.workflow.models import Clock, Matter, MatterParty, Relation
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import (
    CaseKind,
    Clue,
    ClueAddition,
    Field,
    Observation,
    PILCase,
)
from .workflows import ADMIN_CASE, CASE_WORKFLOWS, CIVIL_CASE, CLUE

if TYPE_CHECKING:
    from liaison.accounts.models import User

#: How many transfers and merges the progress page follows (a loop guard; a real chain is one
#: or two).
MAX_TRANSFERS = 10


def triages_clues(access: Access) -> bool:
    """Whether the triage queue is for this user: a clue officer of a procuratorate."""
    return bool(access.organisations_with({Role.CLUE_OFFICER}))


def works_at_procuratorate(access: Access) -> bool:
    """Whether the case list is for this user: staff of a procuratorate (an agency served a
    recommendation sees that recommendation, never the case behind it)."""
    return any(
        seat.kind == OrganisationKind.PROCURATORATE and seat.role in STAFF_ROLES
        for seat in access.seats
    )


def active_fields() -> QuerySet[Field]:
    return Field.objects.filter(active=True)


#: The active fields by code, kept in each process's memory (``core.localcopy``) for the
#: report form's list and its check of the field chosen; a field saved or deleted through the
#: ORM drops them at once here and within a second in every other process.
ACTIVE_FIELDS = LocalCopy("publicinterest.active-fields")


def cached_active_fields() -> dict[str, Field]:
    """The active fields by code, in their order: no query while this process's copy is
    current. Shared by every request of the process: read it, never change it."""
    return ACTIVE_FIELDS.get("all", lambda: {field.code: field for field in active_fields()})


def active_field(code: str) -> Field | None:
    """The active field with this code, or None: no query while the copy is current."""
    return cached_active_fields().get(code)


def forget_fields(**kwargs: Any) -> None:
    """Drop the copies of the fields (a field changed), now and again after commit."""
    ACTIVE_FIELDS.forget()
    transaction.on_commit(ACTIVE_FIELDS.forget)


def open_cases_of(owner_id: int) -> QuerySet[PILCase]:
    """The procuratorate's cases still open (a further clue may join one)."""
    closed = Q()
    for workflow in CASE_WORKFLOWS:
        closed |= Q(matter_type=workflow.name, state__in=workflow.final_states)
    return PILCase.objects.filter(owner_id=owner_id).exclude(closed).order_by("-created_at")


def cases_visible_to(
    access: Access, *, kind: str | None = None, state: str | None = None
) -> QuerySet[PILCase]:
    """The public-interest cases this user may see (the engine's policy), the one whose clock
    falls due first coming first (a case waiting for the agency shows the reply's due day);
    one query for a page, whatever its length."""
    types = [w.name for w in CASE_WORKFLOWS]
    if kind:
        types = [ADMIN_CASE.name if kind == CaseKind.ADMINISTRATIVE else CIVIL_CASE.name]
    visible = matters_visible_to(access).filter(matter_type__in=types)
    cases = PILCase.objects.filter(pk__in=visible.values("pk"))
    if state:
        cases = cases.filter(state=state)
    running = Clock.State.RUNNING
    return (
        cases.select_related("field", "owner", "administrative_agency")
        .annotate(
            next_due=Coalesce(
                Min("clocks__due_on", filter=Q(clocks__state=running)),
                Min(
                    "recommendations__clocks__due_on",
                    filter=Q(recommendations__clocks__state=running),
                ),
            )
        )
        .order_by(F("next_due").asc(nulls_last=True), "-updated_at", "-pk")
    )


def clues_of_case(case: Matter) -> QuerySet[Clue]:
    """The clues that went into ``case`` (accepted into it, or added to it when it was open):
    whose reporters are told when it closes."""
    return Clue.objects.filter(case_id=case.pk).order_by("pk")


# -- rectification supervision ------------------------------------------------------------------


def _supervises(access: Access) -> Exists:
    return Exists(
        MatterParty.objects.filter(
            matter_id=OuterRef("pk"), relation=Relation.SUPERVISOR, person_id=access.user_id
        )
    )


def cases_supervised_by(access: Access) -> QuerySet[PILCase]:
    """The cases whose rectification this person supervises, open ones first, then the latest."""
    if access.user_id is None:
        return PILCase.objects.none()
    return (
        PILCase.objects.filter(_supervises(access))
        .select_related("field", "division__parent__parent", "administrative_agency")
        .order_by(F("closed_at").desc(nulls_first=True), "-updated_at", "-pk")
    )


def get_case_for_supervision(access: Access, pk: int) -> PILCase:
    """The case's supervision page is for its volunteer supervisors, and for whoever may see
    the case itself (its staff, checking what the supervisors read); 404 for anyone else, and
    for a missing case alike."""
    if access.user_id is None:
        raise Http404("No such case.")
    visible = matters_visible_to(access).filter(pk=OuterRef("pk"))
    case = (
        PILCase.objects.filter(Q(_supervises(access)) | Q(Exists(visible)), pk=pk)
        .select_related("field", "division__parent__parent", "owner", "administrative_agency")
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    return case


def supervisors_of(case: Matter) -> QuerySet[User]:
    """The volunteers assigned to supervise the case's rectification, in the order assigned."""
    from liaison.accounts.models import User

    return User.objects.filter(
        pk__in=MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).values(
            "person_id"
        )
    ).order_by("name", "pk")


def supervisor_candidates(case: Matter) -> QuerySet[User]:
    """Whom the handling prosecutors may assign: rectification supervisors not yet on it, of an
    age some volunteer organisation takes (the action asks each person's own minimum)."""
    people = old_enough_people(rectification_supervisors(), registration_minimum_age())
    return people.exclude(
        pk__in=MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).values(
            "person_id"
        )
    )


def recommendations_of(case: Matter) -> QuerySet[Recommendation]:
    """The case's recommendations, drafts included, with their reply's due day."""
    return recommendations_from(case)


def served_recommendations(case: Matter) -> QuerySet[Recommendation]:
    """The recommendations served on the case's agency: what it must correct, and its reply
    (never a draft, nor a draft withdrawn: not the agency's nor a supervisor's to read)."""
    return served_from(case)


def sites_of(case: Matter) -> QuerySet[Clue]:
    """Where the problem is, for those who go and look: each clue's place, address and point,
    and nothing else of it (not what the reporter wrote, nor who they are)."""
    return (
        clues_of_case(case)
        .select_related("division__parent__parent")
        .only("division", "address", "latitude", "longitude", "coordinate_system")
    )


def observations_for_supervision(case: Matter) -> QuerySet[Observation]:
    """The case's on-site observations with their authors and how many photos each has (the
    supervision page lists photos by number: they are in the case's file)."""
    return (
        Observation.objects.filter(case_id=case.pk)
        .select_related("author")
        .annotate(photo_count=Count("photos"))
        .order_by("-observed_on", "-pk")
    )


def clue_for_submission(key: uuid.UUID | str) -> Clue | None:
    """The clue already stored for this submission key (a retried or double-tapped send)."""
    return Clue.objects.filter(submission_key=key).select_related("owner").first()


def addition_for_submission(key: uuid.UUID | str) -> ClueAddition | None:
    """The addition already stored for this submission key ("I see this too", sent twice)."""
    return ClueAddition.objects.filter(submission_key=key).select_related("clue__owner").first()


def clue_words_visible_to(access: Access, clue: Clue) -> bool:
    """Whether this reader may read the clue's own words (its description, address and point):
    the staff of its procuratorate and partners, and the person who wrote it. A reporter who
    only added to it ("I see this too") or whose clue was merged into it reads their own words
    and, of this clue, what the public may (``duplicates.PublicClue``): a clue's text reaches
    the public only when the procuratorate publishes it."""
    if not CLUE.policy.reading(access, clue).sees_only_own():
        return True
    return clue.reported_by_id is not None and clue.reported_by_id == access.user_id


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def clues_for_triage(
    access: Access,
    *,
    field: Field | None = None,
    state: str | None = CLUE.state("submitted"),
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Clue]:
    """The clues of the procuratorates where this user is a clue officer, within what the
    visibility policy lets them see; the one whose assessment falls due first comes first.

    One query for the page whatever its length: field, place and owner are joined, the due
    day is read for each clue from its running clock (a subquery on the clock's index, not a
    grouped join, so that counting the queue does not group it). The queue's filters and
    order are served by ``workflow_matter_queue_idx`` (owner, type, state, reported); at a
    million clues see ``make bench``.
    """
    officer_of = access.organisations_with({Role.CLUE_OFFICER})
    if not officer_of:
        return Clue.objects.none()
    visible = matters_visible_to(access).filter(matter_type=CLUE.name, owner_id__in=officer_of)
    clues = Clue.objects.filter(
        pk__in=visible.values("pk"), owner_id__in=officer_of, matter_type=CLUE.name
    ).exclude(state=CLUE.state("new"))
    if field is not None:
        clues = clues.filter(field=field)
    if state:
        clues = clues.filter(state=state)
    # Whole local days as a range of the column itself, which the index can read.
    if since is not None:
        clues = clues.filter(created_at__gte=_start_of(since))
    if until is not None:
        clues = clues.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    return (
        clues.select_related("field", "division__parent__parent", "owner")
        .annotate(next_due=next_due())
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
    case_state: str = ""
    case_state_label: str = ""
    #: The report was merged into another clue (by a clue officer), or added to one by its
    #: reporter ("I see this too"): the state shown is that clue's.
    merged: bool = False
    added: bool = False
    #: How many others reported the same problem (additions and merged clues), never who.
    others: int = 0


def _following(clue: Clue) -> Clue | None:
    """The clue that carries ``clue`` on: where it was transferred or merged to."""
    if clue.state == CLUE.state("merged") and clue.merged_into_id:
        return Clue.objects.filter(pk=clue.merged_into_id).select_related("owner").first()
    if clue.state == CLUE.state("transferred"):
        return Clue.objects.filter(transferred_from=clue).select_related("owner").first()
    return None


def progress_for_code(code: str) -> Progress | None:
    """The progress of the clue with this (normalised) query code, following transfers and
    merges to the clue that carries it now; the code of an addition shows the progress of the
    clue it was added to. None when no clue or addition has the code."""
    first = (
        Clue.objects.filter(query_code=code)
        .select_related("field", "division__parent__parent", "owner")
        .first()
    )
    addition = None
    if first is None:
        addition = (
            ClueAddition.objects.filter(query_code=code)
            .select_related("clue__field", "clue__division__parent__parent", "clue__owner")
            .first()
        )
        if addition is None:
            return None
        first = addition.clue
    current = first
    merged = False
    for _hop in range(MAX_TRANSFERS):
        following = _following(current)
        if following is None:
            break
        merged = merged or current.state == CLUE.state("merged")
        current = following
    case = (
        PILCase.objects.filter(pk=current.case_id).only("matter_type", "state").first()
        if current.case_id
        else None
    )
    others = ClueAddition.objects.filter(clue=current).count() + (
        Clue.objects.filter(merged_into=current).count()
    )
    return Progress(
        case_state=case.state if case else "",
        case_state_label=case.state_label if case else "",
        query_code=(addition or first).query_code_display,
        field=first.field.label,
        place=first.division.full_name,
        reported_on=timezone.localtime((addition or first).created_at).date(),
        state=current.state,
        state_label=current.state_label,
        procuratorate=current.owner.name,
        reason=current.public_reason,
        transferred=current.owner_id != first.owner_id,
        merged=merged,
        added=addition is not None,
        others=max(others - (1 if addition is not None or merged else 0), 0),
    )
