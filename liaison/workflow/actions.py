"""Every change to a matter. ``transition`` is the only way a matter's state changes.

Each public action is ``@durable`` (``core/transactions.py``: ``transaction.atomic(durable=True)``
keeping the files stored inside only if it commits): the permission check, the conditional
state update, the mechanism's own changes and files, the timeline event, the clocks, the queued
notifications and the audit record commit together or not at all. Notifications are
queued as rows in the same transaction and sent after commit by a task.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.batching import insert_row
from liaison.core.transactions import durable
from liaison.deadlines.calculator import clock_due, remind_day
from liaison.deadlines.calendar import current_calendar
from liaison.deadlines.periods import get_period

from .definitions import ENGINE_EVENTS, Notify, Transition, Workflow
from .errors import TransitionConflict, TransitionForbidden, TransitionInvalid, WorkflowError
from .forms import StepForm
from .models import (
    OUTSIDE_RELATIONS,
    PERSONAL_RELATIONS,
    ApprovalRequest,
    CaseNumberSequence,
    Clock,
    Matter,
    MatterParty,
    Relation,
    TimelineEvent,
)
from .registry import get_workflow, reactions_to
from .selectors import may_comment, may_take, people_who_are

if TYPE_CHECKING:
    from liaison.orgs.models import Organisation


def today() -> date:
    return timezone.localdate()


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
    matter.case_year = today().year
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


# -- transitions --------------------------------------------------------------------------------


@durable
def transition(
    *,
    matter: Matter,
    name: str,
    access: Access,
    data: Mapping[str, Any] | None = None,
    files: Mapping[str, Any] | None = None,
    note: str = "",
) -> Matter:
    """Take the transition ``name`` on ``matter`` as the user behind ``access``.

    Raises ``TransitionForbidden`` (not this user's step), ``TransitionInvalid`` (input, with
    the bound form), ``TransitionConflict`` (someone changed the matter first) or
    ``WorkflowError`` (a guard refused). Returns the matter in its new state.
    """
    return apply_transition(
        matter=matter, name=name, access=access, data=data, files=files, note=note
    )


def bound_form(
    t: Transition,
    data: Mapping[str, Any] | None = None,
    files: Any = None,
    *,
    matter: Matter | None = None,
    initial: Mapping[str, Any] | None = None,
) -> Any:
    """The transition's input form, bound when data is given. A ``StepForm`` is also given the
    matter, so its choices and checks can depend on it. Ids carry the step's name: a page shows
    several steps' forms at once, and two "note" fields must not share one id. ``initial``
    fills an unbound form (a step returned with comments, offered again for correction)."""
    if t.form is None:
        return None
    kwargs: dict[str, Any] = {"auto_id": f"id_{t.name}_%s"}
    if initial:
        kwargs["initial"] = dict(initial)
    if issubclass(t.form, StepForm):
        kwargs["matter"] = matter
    if data is not None:
        return t.form(data=data, files=files, **kwargs)
    return t.form(**kwargs)


@transaction.atomic(savepoint=False)
def apply_transition(
    *,
    matter: Matter,
    name: str,
    access: Access,
    data: Mapping[str, Any] | None = None,
    files: Mapping[str, Any] | None = None,
    note: str = "",
    approval: ApprovalRequest | None = None,
    just_opened: bool = False,
    stored_in_target: bool = False,
) -> Matter:
    """``transition`` inside a caller's transaction (for actions that open and move at once;
    ``just_opened`` says the matter was opened in this transaction, so it has no clocks yet,
    and ``stored_in_target`` that ``apply_open`` wrote it in this step's target state).

    A step that needs approval (``Transition.approval``) is checked here as any other, then
    submitted for approval instead of taken (``approvals.submit``); ``approvals`` takes it
    once approved, passing the ``approval`` request. While a step awaits approval, no step
    may be taken on the matter."""
    matter = matter.concrete()  # the mechanism's effects get its own model; no query if it is
    workflow = matter.workflow
    try:
        t = workflow.transition(name)
    except LookupError:
        raise WorkflowError(_("This step does not exist for this kind of matter.")) from None
    if matter.awaiting_approval and approval is None:
        raise TransitionConflict(
            _("A step on this matter awaits approval: nothing else is done until it is decided.")
        )
    source = workflow.initial if stored_in_target else matter.state
    if source not in t.source_states:
        raise TransitionConflict(
            _("This step is not possible while the matter is “%(state)s”.")
            % {"state": workflow.state_label(source)}
        )
    if not may_take(access, matter, t):
        raise TransitionForbidden()
    cleaned: dict[str, Any] = {}
    if t.form is not None:
        form = bound_form(t, data or {}, files, matter=matter)
        if not form.is_valid():
            raise TransitionInvalid(form)
        cleaned = dict(form.cleaned_data)
    if t.guard is not None:
        refusal = t.guard(matter, access)
        if refusal:
            raise WorkflowError(refusal)
    if t.approval is not None and approval is None:
        from .approvals import submit

        submit(matter=matter, step=t, access=access, data=data or {}, note=note)
        return matter

    if stored_in_target:
        closed_at = matter.closed_at
    else:
        now = timezone.now()
        closed_at = now if t.target in workflow.final_states else None
        changed = Matter.objects.filter(
            pk=matter.pk,
            state=source,
            version=matter.version,
            awaiting_approval=approval is not None,
        ).update(
            state=t.target,
            version=F("version") + 1,
            updated_at=now,
            closed_at=closed_at,
            awaiting_approval=False,
        )
        if changed != 1:
            raise TransitionConflict()
        matter.state, matter.version, matter.updated_at = t.target, matter.version + 1, now
        matter.closed_at, matter.awaiting_approval = closed_at, False

    _subjects(matter).clear()
    if t.effect is not None:
        t.effect(matter, cleaned, access)
    for reaction in reactions_to(workflow.name, t.name):
        reaction(matter, cleaned, access)
    if closed_at is not None and workflow.on_close is not None:
        workflow.on_close(matter, cleaned, access)
    _move_clocks(matter, t, access, has_clocks=not just_opened)
    insert_row(
        TimelineEvent(
            matter=matter,
            actor=access.user,
            action=f"{workflow.name}.{t.name}",
            transition=t.name,
            from_state=source,
            to_state=t.target,
            note=note or str(cleaned.get("note", "")),
            data=_json_safe(cleaned) | _approved_by(approval),
        )
    )
    _notify(
        matter,
        t.notifies,
        event=f"{workflow.name}.{t.name}",
        access=access,
        data=cleaned,
        subjects=_subjects(matter),
    )
    audit_record(
        actor=access.user,
        action=f"{workflow.name}.{t.name}",
        obj=matter,
        payload={"from": source, "to": t.target}
        | ({"approval": approval.pk} if approval is not None else {}),
    )
    return matter


def _approved_by(approval: ApprovalRequest | None) -> dict[str, Any]:
    """For the timeline entry of an approved step: who approved it, level by level."""
    if approval is None:
        return {}
    return {"approved_by": [level["name"] for level in approval.approved]}


def _json_safe(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keep what a timeline can show (strings, numbers, dates as text); drop files and objects."""
    safe: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or isinstance(value, bool | int | float | str):
            safe[key] = value
        elif isinstance(value, datetime):
            safe[key] = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, date):
            safe[key] = value.isoformat()
        elif hasattr(value, "pk"):
            safe[key] = str(value)
    return safe


def _move_clocks(matter: Matter, t: Transition, access: Access, *, has_clocks: bool) -> None:
    if not (t.starts or t.stops or t.pauses or t.resumes):
        return  # most steps touch no clock: no query for them
    day = today()
    live = (
        {c.name: c for c in Clock.objects.filter(matter=matter).exclude(state=Clock.State.STOPPED)}
        if has_clocks
        else {}
    )
    for name in t.stops:
        if name in live:
            _stop_clock(live.pop(name), day)
    for name in t.pauses:
        if name in live and live[name].state == Clock.State.RUNNING:
            _pause_clock(live[name], day)
    for name in t.resumes:
        if name in live and live[name].state == Clock.State.PAUSED:
            _resume_clock(live[name], day)
    for name in t.starts:
        if name in live:
            _stop_clock(live.pop(name), day)
        spec = matter.workflow.clocks[name]
        start_clock(matter=matter, name=name, started_on=spec.start_day(matter, day))


def start_clock(*, matter: Matter, name: str, started_on: date) -> Clock:
    """Start the matter's clock ``name`` from ``started_on`` (inside a transaction)."""
    spec = matter.workflow.clocks[name]
    period = get_period(spec.period_for(matter), organisation=matter.owner)
    calendar = current_calendar()
    due = clock_due(started_on, period.amount, period.unit, calendar)
    return Clock.objects.create(
        matter=matter,
        name=name,
        period_code=period.code,
        amount=period.amount,
        unit=period.unit,
        remind_before_days=period.remind_before_days,
        started_on=started_on,
        due_on=due,
        remind_on=remind_day(due, period.remind_before_days, calendar, started=started_on),
    )


def recompute_due(clock: Clock) -> date:
    extensions = [(e.amount, e.unit) for e in clock.extensions.all()]
    return clock_due(
        clock.started_on,
        clock.amount,
        clock.unit,
        current_calendar(),
        paused_days=clock.paused_days,
        extensions=extensions,
    )


def _stop_clock(clock: Clock, day: date) -> None:
    if clock.state == Clock.State.PAUSED and clock.paused_since:
        clock.paused_days += (day - clock.paused_since).days
        clock.paused_since = None
    clock.state, clock.stopped_on, clock.remind_on = Clock.State.STOPPED, day, None
    clock.save(update_fields=["state", "stopped_on", "paused_days", "paused_since", "remind_on"])


def _pause_clock(clock: Clock, day: date) -> None:
    clock.state, clock.paused_since, clock.remind_on = Clock.State.PAUSED, day, None
    clock.save(update_fields=["state", "paused_since", "remind_on"])


def _resume_clock(clock: Clock, day: date) -> None:
    clock.paused_days += (day - (clock.paused_since or day)).days
    clock.state, clock.paused_since = Clock.State.RUNNING, None
    _move_due(clock)
    clock.save(update_fields=["state", "paused_since", "paused_days", *_DUE_FIELDS])


_DUE_FIELDS = ("due_on", "remind_on", "reminded_on")


def _move_due(clock: Clock) -> None:
    """Recompute the due day after a pause or an extension, and the day of its reminder; a
    reminder already sent for the old due day is sent again for the new one."""
    due = recompute_due(clock)
    if due != clock.due_on:
        clock.due_on, clock.reminded_on = due, None
    clock.remind_on = remind_day(
        due, clock.remind_before_days, current_calendar(), started=clock.started_on
    )


def _subjects(matter: Matter) -> list[Any]:
    """The people the step being taken on ``matter`` is about (``Notify(subject=True)``): those
    its effect invited, or whose invitation or relation it ended (``add_subject``)."""
    found: list[Any] | None = matter.__dict__.get("_step_subjects")
    if found is None:
        found = matter.__dict__["_step_subjects"] = []
    return found


def add_subject(matter: Matter, person: Any) -> None:
    """Mark ``person`` as someone the step now being taken on ``matter`` is about, so that its
    ``Notify(subject=True)`` reaches them even when the step ended their relation."""
    _subjects(matter).append(person)


def _notify(
    matter: Matter,
    rules: Iterable[Notify],
    *,
    event: str,
    access: Access,
    data: Mapping[str, Any],
    subjects: Iterable[Any] = (),
) -> None:
    """Send the declared notifications of a step or an event. Parameters: the matter's (actor,
    number, title, state) and the step's input or the event's data (dates as days)."""
    from liaison.notifications.actions import notify

    rules = list(rules)
    if not rules:
        return
    given = {k: "" if v is None else str(v) for k, v in _json_safe(data).items()}
    for rule in rules:
        # Only what the sentence names is kept with the notification, never the rest typed.
        named = set(re.findall(r"%\((\w+)\)", str(rule.text)))
        params = {k: v for k, v in given.items() if k in named} | _params(matter, access)
        recipients = list(people_who_are(matter, rule.who)) if rule.who else []
        if rule.subject:
            known = {p.pk for p in recipients}
            recipients += [p for p in subjects if p.pk not in known and p.is_active]
        notify(
            recipients=recipients,
            event=event,
            text=rule.text,
            params=params,
            matter=matter,
            actor=access.user,
            channels=rule.channels,
        )


def _params(matter: Matter, access: Access) -> dict[str, str]:
    actor = access.user.display_name if access.user is not None else ""
    return {
        "actor": actor,
        "number": matter.case_number or "",
        "title": matter.title,
        "state": matter.state,
    }


# -- a mechanism's own events ------------------------------------------------------------------


@transaction.atomic(savepoint=False)
def record_event(
    *,
    matter: Matter,
    access: Access,
    action: str,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    subject: Any = None,
) -> TimelineEvent:
    """Put on the timeline (and in the audit log) something that happened to a matter without
    changing its state: a comment, a participant accepting a hearing invitation, an on-site
    observation of a public-interest case. Runs in the caller's transaction. ``action`` must be
    one of the workflow's declared ``events`` or one of the engine's own (``ENGINE_EVENTS``), so
    the timeline can name it in the reader's language. Reactions registered to ``action``
    (``registry.react``) run after the entry is written, with ``data`` as given (a volunteer's
    points for an accepted supervision report); then whoever the workflow's ``notifies``
    declares for ``action`` is told, ``subject`` (the person the event is about) included
    where a rule says so."""
    if action not in matter.workflow.events and action not in ENGINE_EVENTS:
        raise ValueError(f"{matter.matter_type} declares no event {action!r}")
    payload = _json_safe(data or {})
    event = TimelineEvent.objects.create(
        matter=matter, actor=access.user, action=action, note=note.strip(), data=payload
    )
    audit_record(actor=access.user, action=action, obj=matter, payload=payload)
    for reaction in reactions_to(matter.matter_type, action):
        reaction(matter, dict(data or {}), access)
    _notify(
        matter,
        matter.workflow.notifies.get(action, ()),
        event=action,
        access=access,
        data=data or {},
        subjects=[subject] if subject is not None else [],
    )
    return event


# -- comments -----------------------------------------------------------------------------------


@durable
def matter_comment(*, matter: Matter, access: Access, text: str) -> TimelineEvent:
    """Add a comment to the timeline: whoever the matter's workflow lets comment in its state
    (``selectors.may_comment``; by default, whoever sees it)."""
    if not may_comment(access, matter):
        raise TransitionForbidden(_("You may not comment on this matter in its present state."))
    if not text.strip():
        raise WorkflowError(_("A comment cannot be empty."))
    return record_event(matter=matter, access=access, action="workflow.comment", note=text)
