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

from django.db import transaction
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

from .definitions import ENGINE_EVENTS
from .errors import TransitionConflict, TransitionForbidden, TransitionInvalid, WorkflowError
from .forms import StepForm
from .models import (
    ApprovalRequest,
    Clock,
    Matter,
    TimelineEvent,
)
from .parts import Notify, Transition
from .registry import reactions_to, shared_events
from .selectors import may_comment, may_take, people_who_are

if TYPE_CHECKING:
    pass


def today() -> date:
    return timezone.localdate()


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
    if (
        action not in matter.workflow.events
        and action not in ENGINE_EVENTS
        and action not in shared_events()
    ):
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
