"""The registry of matter types, and of reactions to their steps.

Each mechanism registers its workflows from ``AppConfig.ready``. A *reaction* is an effect that
another app attaches to a step of a workflow it does not own: volunteers' points for an accepted
clue are the volunteers app's business, declared there, yet they must be awarded in the same
transaction as the acceptance (a rolled-back acceptance awards nothing). The engine runs a step's
reactions right after the step's own effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core import checks

from liaison.deadlines.declarations import declare_periods, use_periods

from .definitions import Workflow
from .parts import Effect, Label, Panel

_WORKFLOWS: dict[str, Workflow] = {}
_REACTIONS: dict[tuple[str, str], list[Effect]] = {}
_SHARED_PANELS: list[Panel] = []
_MY_WORK_PANELS: list[str] = []
_SHARED_EVENTS: dict[str, Label] = {}


def register(workflow: Workflow) -> Workflow:
    """Register a matter type, with the periods it declares and those its clocks run (the
    deadlines app syncs and checks them: ``deadlines.declarations``)."""
    existing = _WORKFLOWS.get(workflow.name)
    if existing is not None and existing is not workflow:
        raise ValueError(f"workflow {workflow.name!r} is registered twice")
    _WORKFLOWS[workflow.name] = workflow
    declare_periods(workflow.periods, by=workflow.name)
    codes = [(spec.period, spec.urgent_period) for spec in workflow.clocks.values()]
    use_periods((code for pair in codes for code in pair if code), by=workflow.name)
    return workflow


def get_workflow(name: str) -> Workflow:
    try:
        return _WORKFLOWS[name]
    except KeyError:
        raise LookupError(f"no workflow named {name!r} is registered") from None


def all_workflows() -> list[Workflow]:
    return list(_WORKFLOWS.values())


def add_shared_panel(panel: Panel) -> Panel:
    """A panel every matter's page shows, whatever its type, after the workflow's own (e.g.
    the agreements a matter runs under, from the agreements app). Its template reads
    ``matter`` and asks that app's selectors what it may show. Adding it again changes
    nothing (``ready()`` may run more than once)."""
    if panel not in _SHARED_PANELS:
        _SHARED_PANELS.append(panel)
    return panel


def shared_panels() -> list[Panel]:
    return list(_SHARED_PANELS)


def add_shared_event(action: str, label: Label) -> str:
    """An event another mechanism records on a matter of any type (``actions.record_event``),
    with its label: e.g. the opinion the procuratorate gave on a case at the court's
    adjudication committee, recorded on that case's timeline by the committees app. Whoever
    reads the matter's timeline reads it, also a relation whose sight names what it reads
    (``Sight.reads``): both sides of the mechanism that records it see the matter. Adding it
    again changes nothing."""
    _SHARED_EVENTS.setdefault(action, label)
    return action


def shared_events() -> dict[str, Label]:
    return dict(_SHARED_EVENTS)


def add_my_work_panel(template: str) -> str:
    """A template "my work" shows above the matters awaiting the user: what is due that is not
    one matter's step (e.g. a joint meeting overdue under an agreement, from the meetings app).
    It reads ``request`` and asks its own app's selectors. Adding it again changes nothing."""
    if template not in _MY_WORK_PANELS:
        _MY_WORK_PANELS.append(template)
    return template


def my_work_panels() -> list[str]:
    return list(_MY_WORK_PANELS)


def react(matter_type: str, transitions: str | Iterable[str], effect: Effect) -> Effect:
    """Run ``effect`` (same signature as ``Transition.effect``) whenever one of ``transitions``
    of ``matter_type`` is taken, inside that step's transaction. A name may also be one of the
    workflow's declared ``events`` (a dotted action id, e.g. an accepted supervision report),
    which ``actions.record_event`` writes: the effect then runs in the event's transaction with
    the event's data. Registering the same effect for the same step again changes nothing
    (``ready()`` may run more than once)."""
    for name in [transitions] if isinstance(transitions, str) else transitions:
        effects = _REACTIONS.setdefault((matter_type, name), [])
        if effect not in effects:
            effects.append(effect)
    return effect


def unreact(matter_type: str, transition: str, effect: Effect) -> None:
    """Remove a reaction (for tests that attach one of their own)."""
    effects = _REACTIONS.get((matter_type, transition), [])
    if effect in effects:
        effects.remove(effect)


def reactions_to(matter_type: str, transition: str) -> list[Effect]:
    return list(_REACTIONS.get((matter_type, transition), ()))


def check_reactions(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A reaction to a step or event that does not exist would silently never run: refuse to
    start."""
    errors: list[checks.CheckMessage] = []
    for (matter_type, name), effects in _REACTIONS.items():
        if not effects:
            continue
        workflow = _WORKFLOWS.get(matter_type)
        if workflow is None or (
            name not in {t.name for t in workflow.transitions} and name not in workflow.events
        ):
            errors.append(
                checks.Error(
                    f"a reaction is registered to {matter_type}.{name}, which does not exist",
                    id="workflow.E001",
                )
            )
    return errors
