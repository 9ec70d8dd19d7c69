"""Opening matters: the case number, the matter's row, its parties, its first timeline entry and
audit record, and (``start``) the step it takes at once. Adding and removing parties later, in a
step's effect or an action, is here too (``add_parties``, ``remove_parties``).

``matter_open`` is its own durable transaction; ``apply_open`` runs in the caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.batching import insert_row
from liaison.core.transactions import durable

from . import actions as engine
from .actions import apply_transition
from .definitions import Workflow
from .errors import TransitionForbidden
from .models import (
    OUTSIDE_RELATIONS,
    PERSONAL_RELATIONS,
    CaseNumberSequence,
    Matter,
    MatterParty,
    Relation,
    TimelineEvent,
)
from .parts import Transition
from .registry import get_workflow

if TYPE_CHECKING:
    from liaison.orgs.models import Organisation


# -- case numbers -------------------------------------------------------------------------------


def allocate_case_number(
    *, organisation: Organisation, workflow: Workflow, year: int
) -> tuple[int, str]:
    """The next sequence value and the formatted case number, e.g. ``康检协〔2026〕3号``.

    One statement: the sequence's row is inserted at 1 or, when it exists, incremented under
    its row lock (``INSERT … ON CONFLICT DO UPDATE … RETURNING``, PostgreSQL and SQLite alike),
    so two openings at once queue on it and get consecutive numbers; a rolled-back opening
    rolls its number back too.
    """
    type_code = organisation.case_type_codes.get(workflow.name, workflow.case_code)
    fields = {f.name: f for f in CaseNumberSequence._meta.concrete_fields}
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    columns = [
        connection.ops.quote_name(str(fields[name].column))
        for name in ("organisation", "type_code", "year", "last_value")
    ]
    last = columns[3]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT ({', '.join(columns[:3])}) "
            f"DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}",
            [organisation.pk, type_code, year],
        )
        seq = int(cursor.fetchone()[0])
    number = organisation.case_number_pattern.format(
        abbr=organisation.abbreviation or organisation.name, code=type_code, year=year, seq=seq
    )
    return seq, number


# -- opening ------------------------------------------------------------------------------------


@durable
def matter_open(
    *,
    workflow: Workflow | str,
    owner: Organisation,
    access: Access,
    fields: Mapping[str, Any],
    partners: Iterable[Organisation] = (),
    handlers: Iterable[Any] = (),
    reporters: Iterable[Any] = (),
    applicants: Iterable[Any] = (),
    start: str | None = None,
    data: Mapping[str, Any] | None = None,
    note: str = "",
) -> Matter:
    """Open a matter of ``workflow`` owned by ``owner`` and, if ``start`` names a transition,
    take it at once (e.g. a notice is opened and sent in one step). ``applicants`` are the people
    who asked for the matter (a lawyer's booking or complaint): they see it and may be named in
    its transitions' ``who``."""
    return apply_open(
        workflow=workflow,
        owner=owner,
        access=access,
        fields=fields,
        partners=partners,
        handlers=handlers,
        reporters=reporters,
        applicants=applicants,
        start=start,
        data=data,
        note=note,
    )


@transaction.atomic(savepoint=False)
def apply_open(
    *,
    workflow: Workflow | str,
    owner: Organisation,
    access: Access,
    fields: Mapping[str, Any],
    partners: Iterable[Organisation] = (),
    handlers: Iterable[Any] = (),
    reporters: Iterable[Any] = (),
    applicants: Iterable[Any] = (),
    start: str | None = None,
    data: Mapping[str, Any] | None = None,
    note: str = "",
    constraints_by_database: bool = False,
) -> Matter:
    """``matter_open`` inside a caller's transaction: for an action that stores more than the
    matter in one transaction (a clue and its photos), and for a transition's effect that opens
    a matter (a clue transferred to another procuratorate opens a new clue there). Whatever
    fails afterwards in the caller's transaction rolls the opening back with it.

    The fields are checked as the model checks them (``full_clean``), except what costs a
    query and cannot be wrong: related rows given as loaded objects, and the case number the
    engine allocated. ``constraints_by_database`` leaves the model's unique and check
    constraints to the database too (an ``IntegrityError`` for the caller to handle), for a
    caller that generates those values or checked them itself."""
    if isinstance(workflow, str):
        workflow = get_workflow(workflow)
    if not access.is_system and not access.has_role(owner.pk, workflow.opened_by or None):
        raise TransitionForbidden(_("You may not open this kind of matter for this organisation."))
    model = workflow.model_class()
    matter = model(
        matter_type=workflow.name,
        workflow_version=workflow.version,
        state=workflow.initial,
        owner=owner,
        created_by=access.user,
        **fields,
    )
    matter.case_year = engine.today().year
    matter.case_seq, matter.case_number = allocate_case_number(
        organisation=owner, workflow=workflow, year=matter.case_year
    )
    # The case number is allocated above; created_by is None when the system opens a matter.
    matter.full_clean(
        exclude=["case_number", "case_year", "case_seq", "created_by", *_loaded_relations(matter)],
        validate_unique=not constraints_by_database,
        validate_constraints=not constraints_by_database,
    )
    first = _first_step_stored(workflow, start, access)
    if first is not None:
        # Nobody else sees the row before this transaction commits: it is written in the
        # first step's state at once, instead of inserted and then updated.
        matter.state, matter.version = first.target, 1
        matter.closed_at = timezone.now() if first.target in workflow.final_states else None
    matter.save()
    add_parties(
        matter=matter,
        partners=partners,
        handlers=handlers,
        reporters=reporters,
        applicants=applicants,
    )
    insert_row(
        TimelineEvent(
            matter=matter,
            actor=access.user,
            action=f"{workflow.name}.open",
            to_state=workflow.initial,
            note=note if start is None else "",
        )
    )
    audit_record(
        actor=access.user,
        action=f"{workflow.name}.open",
        obj=matter,
        payload={"case_number": matter.case_number, "owner": owner.pk},
    )
    if start is not None:
        apply_transition(
            matter=matter,
            name=start,
            access=access,
            data=data,
            note=note,
            just_opened=True,
            stored_in_target=first is not None,
        )
    return matter


def _first_step_stored(workflow: Workflow, start: str | None, access: Access) -> Transition | None:
    """The step an opening takes at once, when the opening row can be written in its target
    state: the system takes it (no permission to ask of a matter not yet stored), from the
    initial state, with no input, guard or approval. None otherwise, and the step is taken
    as any other."""
    if start is None or not access.is_system:
        return None
    try:
        t = workflow.transition(start)
    except LookupError:
        return None
    if (
        workflow.initial not in t.source_states
        or t.form is not None
        or t.guard is not None
        or t.approval is not None
    ):
        return None
    return t


def _loaded_relations(matter: Matter) -> list[str]:
    """The foreign keys of ``matter`` set to objects read from the database: ``full_clean``
    would query each again to see that it exists (the database's constraint holds anyway)."""
    loaded = []
    for field in matter._meta.concrete_fields:
        if field.remote_field is None or field.remote_field.parent_link:
            continue
        related = field.get_cached_value(matter, default=None)  # type: ignore[attr-defined]
        if (
            related is not None and not related._state.adding and not field.get_limit_choices_to()  # type: ignore[attr-defined]
        ):
            loaded.append(field.name)
    return loaded


def add_parties(
    *,
    matter: Matter,
    partners: Iterable[Organisation] = (),
    handlers: Iterable[Any] = (),
    reporters: Iterable[Any] = (),
    applicants: Iterable[Any] = (),
    participants: Iterable[Any] = (),
    supervisors: Iterable[Any] = (),
) -> None:
    """Add organisations and people to ``matter`` in their relations, inside the caller's
    transaction (an opening, or a step's effect: the prosecutor who files a case handles it,
    a person invited to a hearing takes part in it, a volunteer supervises a case's
    rectification from outside). A party the matter already has in that relation is left as
    it is."""
    people = (
        (Relation.HANDLER, handlers),
        (Relation.REPORTER, reporters),
        (Relation.APPLICANT, applicants),
        (Relation.PARTICIPANT, participants),
        (Relation.SUPERVISOR, supervisors),
    )
    rows = [
        MatterParty(matter=matter, relation=Relation.PARTNER_ORG, organisation=o) for o in partners
    ] + [
        MatterParty(matter=matter, relation=relation, person=p)
        for relation, persons in people
        for p in persons
    ]
    if rows:
        MatterParty.objects.bulk_create(rows, ignore_conflicts=True)


def remove_parties(*, matter: Matter, relation: str, people: Iterable[Any]) -> int:
    """Take people out of their personal ``relation`` to ``matter``, inside the caller's
    transaction (a volunteer supervisor withdrawn from a case); returns how many were. The
    timeline keeps that they were there: record the removal with ``record_event``."""
    if relation not in PERSONAL_RELATIONS and relation not in OUTSIDE_RELATIONS:
        raise ValueError(f"{relation!r} is not a personal relation")
    removed, _by_model = MatterParty.objects.filter(
        matter=matter, relation=relation, person__in=list(people)
    ).delete()
    return removed
