"""Clocks managed by hand: the owner organisation's staff pause a running clock (waiting for an
authentication), resume it, or extend it with the reason the law wants recorded. Each change is
one transaction with its timeline entry and audit record (``actions.record_event``). The clocks
the steps start, stop, pause and resume are moved by ``actions.apply_transition``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.core.transactions import durable

from . import actions as engine
from .actions import record_event
from .errors import TransitionConflict, TransitionForbidden, WorkflowError
from .models import Clock, ClockExtension, Matter


def may_manage_clocks(access: Access, matter: Matter) -> bool:
    """Whether this user may pause, resume and extend ``matter``'s clocks by hand: the owner
    organisation's staff (the one rule the page's buttons and the actions both ask)."""
    return access.is_system or access.is_staff_of(matter.owner_id)


def _clock_action(clock: Clock, access: Access, verb: str) -> None:
    if not may_manage_clocks(access, clock.matter):
        raise TransitionForbidden(_("Only the owner organisation's staff may change this clock."))


def _clock_event(clock: Clock, access: Access, action: str, note: str, **data: Any) -> None:
    record_event(
        matter=clock.matter,
        access=access,
        action=f"workflow.clock.{action}",
        note=note,
        data={"clock": clock.name, "due_on": clock.due_on.isoformat(), **data},
    )


def _locked_clock(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().select_related("matter").get(pk=clock.pk)


@durable
def clock_pause(*, clock: Clock, access: Access, reason: str) -> Clock:
    """Pause a running clock (e.g. while waiting for an authentication), with the reason."""
    clock = _locked_clock(clock)
    _clock_action(clock, access, "pause")
    if clock.state != Clock.State.RUNNING:
        raise TransitionConflict(_("This clock is not running."))
    engine._pause_clock(clock, engine.today())
    _clock_event(clock, access, "pause", reason)
    return clock


@durable
def clock_resume(*, clock: Clock, access: Access, reason: str = "") -> Clock:
    """Resume a paused clock; the days it was paused push its due day back."""
    clock = _locked_clock(clock)
    _clock_action(clock, access, "resume")
    if clock.state != Clock.State.PAUSED:
        raise TransitionConflict(_("This clock is not paused."))
    engine._resume_clock(clock, engine.today())
    _clock_event(clock, access, "resume", reason, paused_days=clock.paused_days)
    return clock


@durable
def clock_extend(*, clock: Clock, access: Access, amount: int, unit: str, reason: str) -> Clock:
    """Extend a live clock by ``amount`` ``unit`` with the recorded reason."""
    clock = _locked_clock(clock)
    _clock_action(clock, access, "extend")
    if clock.state == Clock.State.STOPPED:
        raise TransitionConflict(_("This clock has stopped and cannot be extended."))
    if amount < 1:
        raise WorkflowError(_("An extension must be at least one day or month."))
    if not reason.strip():
        raise WorkflowError(_("Give the reason for the extension."))
    if access.user is None:
        raise TransitionForbidden(_("An extension is recorded with the person who granted it."))
    ClockExtension.objects.create(
        clock=clock, amount=amount, unit=unit, reason=reason, actor=access.user
    )
    before = clock.due_on
    engine._move_due(clock)  # the due day and the day of its reminder
    clock.save(update_fields=list(engine._DUE_FIELDS))
    _clock_event(
        clock, access, "extend", reason, before=before.isoformat(), amount=amount, unit=unit
    )
    return clock
