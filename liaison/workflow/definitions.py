"""How a mechanism describes its matter type to the engine: as data.

A ``Workflow`` names the states, the transitions between them, who may take each (by role and by
relation to the matter), the input each requires (a form), the clocks each starts, stops, pauses
or resumes, and whom each notifies. The engine (``actions.transition``) reads this description;
a mechanism never re-implements any of it.

    NOTICE = Workflow(
        name="notices.notice", model="notices.InformationNotice", case_code="协",
        states={"draft": pgettext_lazy("state", "draft"), ...},
        clocks={"answer": ClockSpec(_("answer"), period="notices.answer", owed_by=(RECIPIENT,))},
        transitions=[Transition("acknowledge", "sent", "acknowledged", who=(RECIPIENT,), ...)],
    )
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import STAFF_ROLES

from .models import OUTSIDE_RELATIONS
from .parts import DEFAULT_SIGHTS, ORGANISATION_RELATIONS, Reading

# The parts of a workflow, re-exported: every mechanism's ``workflows.py`` imports them from here.
from .parts import Act as Act
from .parts import Approval as Approval
from .parts import ClockSpec as ClockSpec
from .parts import Effect as Effect
from .parts import InvitationSpec as InvitationSpec
from .parts import Label as Label
from .parts import Notify as Notify
from .parts import Panel as Panel
from .parts import Sight as Sight
from .parts import Transition as Transition
from .parts import Who as Who

if TYPE_CHECKING:
    from .models import Matter
    from .policy import Policy

#: The engine's own timeline events that are not transitions, with their labels. A mechanism's
#: own are declared in ``Workflow.events``.
ENGINE_EVENTS: Mapping[str, Label] = {
    "workflow.comment": _("Comment"),
    "workflow.clock.pause": _("Clock paused"),
    "workflow.clock.resume": _("Clock resumed"),
    "workflow.clock.extend": _("Clock extended"),
    # A step that needs approval (``Transition.approval``, ``approvals.py``).
    "workflow.approval.submit": _("Submitted for approval"),
    "workflow.approval.approve": _("Approved"),
    "workflow.approval.return": _("Returned with comments"),
    "workflow.approval.withdraw": _("Withdrawn from approval"),
}


@dataclass
class Workflow:
    """A matter type: its model, states, clocks, transitions and the periods it needs."""

    name: str
    label: Label
    model: str
    case_code: str
    states: Mapping[str, Label]
    initial: str
    final: frozenset[str]
    transitions: Sequence[Transition]
    clocks: Mapping[str, ClockSpec] = field(default_factory=dict)
    periods: Sequence[PeriodDefault] = ()
    opened_by: frozenset[str] = frozenset()
    version: int = 1
    #: The mechanism's own panel of the matter's page, first in its main column: its fields,
    #: its forms. The engine's template knows no mechanism's fields; it includes the panels.
    detail_template: str = ""
    #: More panels of the matter's page (``Panel``): e.g. a case's volunteer supervisors beside
    #: its deadlines. Each template reads ``matter`` and asks the policy what it may show.
    panels: Sequence[Panel] = ()
    #: The mechanism's own timeline events (``actions.record_event``), which are not transitions,
    #: with their labels, by action id: e.g. ``{"hearings.invitation.accept": _("Invitation
    #: accepted")}``. ``record_event`` refuses an action declared neither here nor among the
    #: engine's own (``ENGINE_EVENTS``).
    events: Mapping[str, Label] = field(default_factory=dict)
    #: Run whenever a step reaches one of the ``final`` states, after the step's own effect and
    #: its reactions, in its transaction: whoever followed the matter from outside is told how
    #: it ended, whichever of several closing steps ended it (a public-interest case tells the
    #: reporters of its clues and its volunteer supervisors).
    on_close: Effect | None = None
    #: For a relation of ``models.OUTSIDE_RELATIONS``, the name of the URL (taking the matter's
    #: id) of the page its holders see instead of the matter's own page, which they may not
    #: see: e.g. ``{Relation.SUPERVISOR: "publicinterest:supervision"}``. The matter's page and
    #: the links in their inbox send them there.
    outside_pages: Mapping[str, str] = field(default_factory=dict)
    #: Who sees its matters in which states, and may comment and attach there (``Sight``): e.g.
    #: the addressee of a notice sees it only once it is sent. Each relation named here is
    #: decided by these alone; the others keep the engine's default (``DEFAULT_SIGHTS``).
    sights: Sequence[Sight] = ()
    #: The purposes of the files its mechanism attaches to its matters (``Attachment.purpose``;
    #: the matter page's own, ``""``, goes without saying), so that a sight naming the files
    #: its holders see (``Sight.files``) names known ones: checked when the workflow is built.
    file_purposes: frozenset[str] = frozenset()
    #: The mechanism's named acts that are not transitions, by name: who may take each (a tuple
    #: of ``Who``, in every state) or an ``Act`` (who, and in which states). Asked through the
    #: workflow's ``policy`` (``policy.may(access, matter, "observe")``), never by a role test
    #: of the mechanism's own.
    acts: Mapping[str, Act | tuple[Who, ...]] = field(default_factory=dict)
    #: Whom each of the workflow's own ``events`` (or an engine event) tells, as a step's
    #: ``notifies`` do: e.g. a hearing invitation tells the invitee (``Notify(subject=True)``).
    notifies: Mapping[str, tuple[Notify, ...]] = field(default_factory=dict)
    #: What a relation reads of the timeline when it may not read all of it (``Reading``).
    readings: Sequence[Reading] = ()
    #: Whom and how its matters invite to take part (``InvitationSpec``), if they do.
    invitations: InvitationSpec | None = None

    def __post_init__(self) -> None:
        self.final = frozenset(self.final)
        self.opened_by = frozenset(self.opened_by)
        self._by_name = {t.name: t for t in self.transitions}
        self.acts = {
            name: act if isinstance(act, Act) else Act(tuple(act))
            for name, act in self.acts.items()
        }
        self.check()
        self.check_sights()

    def check(self) -> None:
        """Refuse a description that names a state, clock or transition twice or not at all."""
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"{self.name}: a transition name is used twice")
        if self.initial not in self.states:
            raise ValueError(f"{self.name}: initial state {self.initial!r} is not a state")
        for t in self.transitions:
            for state in (*t.source_states, t.target):
                if state not in self.states:
                    raise ValueError(f"{self.name}.{t.name}: unknown state {state!r}")
            for clock in (*t.starts, *t.stops, *t.pauses, *t.resumes):
                if clock not in self.clocks:
                    raise ValueError(f"{self.name}.{t.name}: unknown clock {clock!r}")
            if not t.who and not t.automatic:
                raise ValueError(f"{self.name}.{t.name}: nobody may take it")
            if t.who and t.automatic:
                raise ValueError(f"{self.name}.{t.name}: only the system takes an automatic step")
            if t.approval is not None and (t.automatic or _takes_files(t.form)):
                raise ValueError(f"{self.name}.{t.name}: approval keeps no files, no system step")
        for name, spec in self.clocks.items():
            if spec.on_expiry is not None and not (
                spec.on_expiry in self._by_name and self._by_name[spec.on_expiry].automatic
            ):
                raise ValueError(f"{self.name}: clock {name!r} expires into no automatic step")
        for action in self.events:
            if action in ENGINE_EVENTS:
                raise ValueError(f"{self.name}: event {action!r} is one of the engine's own")
        for relation in self.outside_pages:
            if relation not in OUTSIDE_RELATIONS:
                raise ValueError(f"{self.name}: {relation!r} sees the matter's own page")
        for action in self.notifies:
            if action not in self.events and action not in ENGINE_EVENTS:
                raise ValueError(f"{self.name}: notifies on undeclared event {action!r}")
        for sight in self.sights:
            for key in sight.reads or ():
                if key not in self._by_name and key not in self.events:
                    raise ValueError(f"{self.name}: {sight.who} reads unknown {key!r}")
        known_files = {"", *self.file_purposes}
        for sight in self.sights:
            for purpose in sight.files or ():
                if purpose not in known_files:
                    raise ValueError(f"{self.name}: {sight.who} sees unknown files {purpose!r}")
        for reading in self.readings:
            for key in reading.texts:
                if key not in self._by_name and key not in self.events:
                    raise ValueError(f"{self.name}: {reading.who} reads unknown {key!r}")
        if self.invitations is not None:
            for verb, action in self.invitations.events.items():
                if verb not in InvitationSpec.VERBS or action not in self.events:
                    raise ValueError(f"{self.name}: invitation event {verb}={action!r}")

    def reading_for(self, relation: str) -> dict[str, Label] | None:
        """The timeline a holder of ``relation`` reads, by action id (``TimelineEvent.action``)
        to sentence; None when the workflow declares no reading for it (they read it all)."""
        texts: dict[str, Label] | None = None
        for reading in self.readings:
            if reading.who.relation != relation:
                continue
            texts = texts or {}
            for key, text in reading.texts.items():
                texts[f"{self.name}.{key}" if key in self._by_name else key] = text
        return texts

    def check_sights(self) -> None:
        """Refuse a sight of a state the workflow does not have, and a step or a clock given to
        someone who does not see the matter where it is theirs: one rule, so that a relation
        whose sight starts at "sent" is never handed a step in "draft" (nor reminded of a clock
        running there). Declaration bugs, caught when the workflow is built."""
        for sight in self.sights:
            unknown = sight.states - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}: {sight.who} sees unknown states {unknown}")
        for t in self.transitions:
            for who in t.who:
                blind = self.unseen_states(who, t.source_states)
                if blind:
                    raise ValueError(f"{self.name}.{t.name}: {who} does not see it in {blind}")
        for name, spec in self.clocks.items():
            running = self.clock_states(name)
            for who in spec.owed_by:
                blind = self.unseen_states(who, running)
                if blind:
                    raise ValueError(f"{self.name}: clock {name!r} owed by {who}, blind in {blind}")
        for name, act in self.named_acts.items():
            if not act.who:
                raise ValueError(f"{self.name}: nobody may {name!r}")
            states = set(self.states) if act.states is None else set(act.states)
            if states - set(self.states):
                raise ValueError(f"{self.name}: act {name!r} in unknown states {states}")
            for who in act.who:
                blind = self.unseen_states(who, states)
                if blind and who.relation not in OUTSIDE_RELATIONS:
                    raise ValueError(f"{self.name}: act {name!r} given to {who}, blind in {blind}")

    @property
    def named_acts(self) -> Mapping[str, Act]:
        """``acts``, each as an ``Act`` (normalised when the workflow is built)."""
        return {n: a if isinstance(a, Act) else Act(tuple(a)) for n, a in self.acts.items()}

    @cached_property
    def policy(self) -> Policy:
        """The one access policy of this matter type (``policy.Policy``), compiled once."""
        from .policy import Policy

        return Policy(self)

    def unseen_states(self, who: Who, states: Iterable[str]) -> set[str]:
        """Those of ``states`` in which some holder of ``who`` does not see the matter, by the
        workflow's own ``sights`` (a relation they do not name keeps the default: every state).
        Through an organisation only staff see, so a ``who`` naming no roles there is read as
        its staff; the engine still refuses anyone else when the step is taken."""
        if who.relation not in self.sighted_relations:
            return set()
        wanted = who.roles
        if wanted is None and who.relation in ORGANISATION_RELATIONS:
            wanted = STAFF_ROLES
        blind = set()
        for state in states:
            seeing = [
                s.who.roles
                for s in self.sights
                if s.who.relation == who.relation and state in s.states
            ]
            if any(roles is None for roles in seeing):
                continue  # everyone in the relation sees it there
            seen_by: set[str] = set()
            for roles in seeing:
                seen_by |= roles or set()
            if wanted is None or not wanted <= seen_by:
                blind.add(state)
        return blind

    def clock_states(self, clock: str) -> set[str]:
        """The states in which clock ``clock`` may be running: from the target of each step that
        starts it, through every step that does not stop it."""
        running: set[str] = set()
        todo = [t.target for t in self.transitions if clock in t.starts]
        while todo:
            state = todo.pop()
            if state in running:
                continue
            running.add(state)
            todo.extend(
                t.target
                for t in self.transitions_from(state)
                if clock not in t.stops and clock not in t.starts
            )
        return running

    @property
    def sighted_relations(self) -> frozenset[str]:
        """The relations whose sight of this workflow's matters its ``sights`` decide."""
        return frozenset(s.who.relation for s in self.sights)

    @property
    def sight_rules(self) -> tuple[Sight, ...]:
        """Every sight of this workflow's matters: its own ``sights``, and the engine's default
        (every state) for each relation of ``DEFAULT_SIGHTS`` they do not name. The one answer
        the visibility queryset and the one-matter questions (``selectors.sees``) both read."""
        named = self.sighted_relations
        every = frozenset(self.states)
        return (
            *self.sights,
            *(Sight(who, every) for who in DEFAULT_SIGHTS if who.relation not in named),
        )

    def panels_in(self, column: str) -> list[Panel]:
        """The panels of the matter's page in ``column``: the mechanism's ``detail_template``
        first in the main one, then its ``panels`` in the order declared, then those every
        matter's page shows (``registry.add_shared_panel``)."""
        from .registry import shared_panels

        own = [Panel(self.detail_template)] if self.detail_template else []
        return [p for p in (*own, *self.panels, *shared_panels()) if p.column == column]

    @property
    def main_panels(self) -> list[Panel]:
        return self.panels_in("main")

    @property
    def side_panels(self) -> list[Panel]:
        return self.panels_in("side")

    @property
    def final_states(self) -> frozenset[str]:
        return self.final

    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise LookupError(f"{self.name} has no transition {name!r}") from None

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source_states]

    def state_label(self, state: str) -> Label:
        return self.states.get(state, state)

    def state(self, name: str) -> str:
        """``name``, checked: code names a state through this (``CLUE.state("transferred")``),
        never as a bare string, so a misspelt or removed state is a ``LookupError`` where it is
        named instead of a comparison that is quietly never true."""
        if name not in self.states:
            raise LookupError(f"{self.name} has no state {name!r}")
        return name

    def states_named(self, *names: str) -> frozenset[str]:
        """Several states, each checked as by ``state``."""
        return frozenset(self.state(name) for name in names)

    def model_class(self) -> type[Matter]:
        return apps.get_model(self.model)


def _takes_files(form: type[forms.Form] | None) -> bool:
    """Whether a step's form takes files, which an approval request cannot keep until approved."""
    return form is not None and any(
        isinstance(f, forms.FileField) for f in form.base_fields.values()
    )
