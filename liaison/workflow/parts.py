"""The parts a matter type is declared from (``definitions.Workflow`` puts them together): who
stands to a matter (``Who``), what they see and may do there (``Sight``, ``Act``, ``Reading``), its
steps (``Transition``) with their clocks, notifications and approvals (``ClockSpec``, ``Notify``,
``Approval``), and how its page and its invitations are made (``Panel``, ``InvitationSpec``).

Each part checks itself when it is built; what needs the whole workflow (a state, a clock or an
event that must exist) ``Workflow.check`` checks. A mechanism's ``workflows.py`` imports them from
``definitions``, which re-exports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise

from liaison.orgs.roles import STAFF_ROLES

from .models import OUTSIDE_RELATIONS, PERSONAL_RELATIONS, Relation

if TYPE_CHECKING:
    from liaison.core.access import Access

    from .models import Matter

Label = str | Promise


@dataclass(frozen=True)
class Who:
    """A kind of user: one who stands to the matter in ``relation`` and, for the organisation
    relations, holds one of ``roles`` in that organisation (any role when None)."""

    relation: str
    roles: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.relation not in Relation.values:
            raise ValueError(f"unknown relation {self.relation!r}")
        if self.roles is not None and not isinstance(self.roles, frozenset):
            object.__setattr__(self, "roles", frozenset(self.roles))


@dataclass(frozen=True)
class ClockSpec:
    """A deadline clock: which period it runs (an administrator-editable ``Period`` row), the
    shorter period used when the matter is urgent, and who owes the act (reminders go to them).

    A period counts from the day of the step that starts the clock, unless ``counts_from`` names
    a date field of the matter: a petition's reply is owed within 7 days of its *receipt*, which
    staff may record some days after the letter arrived.

    ``on_expiry`` names an automatic transition the system takes once the clock has run past its
    due day (``reminders.take_expiry_steps``, run with the reminders): a recommendation whose
    reply period lapsed, an announcement that has run its thirty days. If that transition stops
    the clock, the clock stops on its due day: the period ran its course."""

    label: Label
    period: str
    urgent_period: str | None = None
    owed_by: tuple[Who, ...] = ()
    counts_from: str | None = None
    on_expiry: str | None = None

    def period_for(self, matter: Matter) -> str:
        return self.urgent_period if matter.urgent and self.urgent_period else self.period

    def start_day(self, matter: Matter, step_day: date) -> date:
        """The day the period counts from: ``counts_from`` on the matter, else the step's day."""
        if self.counts_from is None:
            return step_day
        value = getattr(matter, self.counts_from)
        if isinstance(value, datetime):
            return timezone.localtime(value).date()
        if not isinstance(value, date):
            raise ValueError(f"{self.counts_from!r} of {matter!r} is not a date")
        return value


@dataclass(frozen=True)
class Notify:
    """Tell ``who`` about a transition or an event (``Workflow.notifies``). ``text`` is an
    English msgid with placeholders %(actor)s, %(number)s, %(title)s and %(state)s, and any of
    the step's input or the event's data (e.g. %(until)s), shown in each recipient's language.

    ``subject`` tells, besides ``who``, the person the step or event is about: the one invited,
    answering, or whose invitation or relation was just ended (and who therefore no longer
    holds it: ``who`` would not find them)."""

    who: tuple[Who, ...]
    text: Label
    channels: tuple[str, ...] = ("email", "sms")
    subject: bool = False

    def __post_init__(self) -> None:
        if not self.who and not self.subject:
            raise ValueError("a notification tells somebody")


@dataclass(frozen=True)
class Reading:
    """What those who are ``who`` read of a matter's timeline: the entries of the steps and
    events named in ``texts`` (a transition's name or a declared event's id), each as its
    sentence, with %(number)s, %(title)s and the entry's data as parameters. Nothing else, not
    a note, not a typed reason: a lawyer of record reads a case's procedural events only
    (``workflow.timeline``). The same sentences serve as the notifications of those steps."""

    who: Who
    texts: Mapping[str, Label]


@dataclass(frozen=True)
class InvitationSpec:
    """How a workflow invites people to take part in its matters (``workflow/invitations.py``):
    the relation the invitee holds while invited, the event recorded on the timeline at each
    change (``invite``, ``accept``, ``decline``, ``withdraw``; a verb left out is recorded by
    the step that makes the change instead), and whether an invitee may change their answer
    while the matter is open (a hearing's participant may; a petition's lawyer answers once,
    and declining ends their relation)."""

    relation: str = Relation.PARTICIPANT
    events: Mapping[str, str] = field(default_factory=dict)
    may_change_answer: bool = False

    VERBS = frozenset({"invite", "accept", "decline", "withdraw"})


#: The relations held through an organisation (the others are held personally).
ORGANISATION_RELATIONS = (Relation.OWNER_ORG, Relation.PARTNER_ORG)


@dataclass(frozen=True)
class Sight:
    """In which ``states`` those who are ``who`` to a matter see it, and in which of those they
    may comment on it (``comments``) and attach files to it (``attachments``); each of the two
    is every state in ``states`` unless given.

    A workflow that names a relation in one of its ``sights`` decides that relation's sight of
    its matters alone: whoever holds the relation and is none of the sights' ``who`` does not
    see them at all. A relation it names in none keeps the engine's default (``DEFAULT_SIGHTS``).
    A sight narrows and never widens: through an organisation only its staff see a matter
    (``orgs.roles.STAFF_ROLES``, the roles when none are named), and an outside relation never
    sees the matter's own page (``Workflow.outside_pages``)."""

    who: Who
    states: frozenset[str]
    comments: frozenset[str] | None = None
    attachments: frozenset[str] | None = None
    #: The timeline entries its holders read on the matter's page (steps by name, events by
    #: id), None for all of it: a court that judges a suit reads the suit's steps, not the
    #: procuratorate's notes and internal steps (``policy.Reading.timeline_reads``).
    reads: frozenset[str] | None = None
    #: The files (``Attachment.purpose``, among the workflow's ``file_purposes``) its holders
    #: see and fetch, None for every file: the court before which a suit is brought sees the
    #: suit's files and its judgment, not the procuratorate's investigation file
    #: (``policy.Reading.file_purposes``).
    files: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.who.relation in OUTSIDE_RELATIONS:
            raise ValueError(f"{self.who.relation!r} follows a matter from outside its page")
        if self.who.relation in ORGANISATION_RELATIONS:
            roles = STAFF_ROLES if self.who.roles is None else self.who.roles
            if not roles <= STAFF_ROLES:
                raise ValueError(f"only staff see a matter through an organisation: {roles}")
            object.__setattr__(self, "who", Who(self.who.relation, roles))
        states = frozenset(self.states)
        object.__setattr__(self, "states", states)
        for name in ("comments", "attachments"):
            value = getattr(self, name)
            value = states if value is None else frozenset(value)
            if not value <= states:
                raise ValueError(f"{name} in states where the matter is not seen: {value - states}")
            object.__setattr__(self, name, value)
        if self.reads is not None:
            object.__setattr__(self, "reads", frozenset(self.reads))
        if self.files is not None:
            object.__setattr__(self, "files", frozenset(self.files))

    def allows(self, purpose: str, state: str) -> bool:
        """Whether ``state`` is one where this sight lets its holders ``purpose`` (``"states"``:
        see the matter, ``"comments"``, ``"attachments"``)."""
        allowed: frozenset[str] = getattr(self, purpose)
        return state in allowed


#: What each relation sees of a matter whose workflow does not name it in ``sights``: staff of
#: the owner and of a partner organisation, and each personal relation, see it in every state and
#: may comment on it and attach files to it in every state (``Workflow.sight_rules``).
DEFAULT_SIGHTS: tuple[Who, ...] = (
    Who(Relation.OWNER_ORG, STAFF_ROLES),
    Who(Relation.PARTNER_ORG, STAFF_ROLES),
    *(Who(relation) for relation in PERSONAL_RELATIONS),
)


@dataclass(frozen=True)
class Act:
    """A mechanism's own act on a matter that is not a step (``Workflow.acts``): who may do it,
    and in which ``states`` (every state when None). ``Policy.may`` answers it: one of ``who``
    who sees the matter in its present state (or follows it from outside, an outside relation),
    where the state is one of ``states``. E.g. filing an on-site observation, revealing who
    reported a clue, releasing a case file to the lawyers of record."""

    who: tuple[Who, ...]
    states: frozenset[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", tuple(self.who))
        if self.states is not None:
            object.__setattr__(self, "states", frozenset(self.states))


@dataclass(frozen=True)
class Panel:
    """A part of the matter's shared page that a mechanism adds (``Workflow.panels``): its
    template, and the column it stands in ("main", beside the steps and timeline, or "side",
    with the deadlines, parties and files)."""

    template: str
    column: str = "main"

    def __post_init__(self) -> None:
        if self.column not in ("main", "side"):
            raise ValueError(f"a panel stands in the main or the side column, not {self.column!r}")


@dataclass(frozen=True)
class Approval:
    """A step that takes effect only once approved (``approvals.py``): taking it submits it, with
    its input, to the approvers, level by level, in the owner organisation; each level is a role
    (``default_approvers``, e.g. the department head, then the chief procurator). An organisation
    configures its own levels for a step (``ApprovalRule``, the nearest in the tree wins); the
    declared default applies where none is configured."""

    default_approvers: tuple[str, ...]

    def defaults_for(self, matter: Matter) -> tuple[str, ...]:
        """The levels that approve on ``matter`` when its organisation configured none: the
        declared default. A mechanism whose matters differ (a recommendation's kind says whether
        the chief procurator approves too) overrides this in a subclass."""
        return self.default_approvers

    def __post_init__(self) -> None:
        from liaison.orgs.roles import Role

        if not self.default_approvers:
            raise ValueError("an approval needs at least one level")
        for role in self.default_approvers:
            if role not in Role.values:
                raise ValueError(f"unknown role {role!r}")


Guard = Callable[["Matter", "Access"], "Label | None"]
Effect = Callable[["Matter", Mapping[str, Any], "Access"], None]


@dataclass(frozen=True)
class Transition:
    """A named step from one of ``sources`` to ``target``.

    An ``automatic`` step names nobody in ``who``: only the system takes it, from another
    matter's effect or a scheduled job (a public-interest case moves to follow-up when the agency
    answers the recommendation, which is a matter of its own). It is never offered as a button
    and never puts the matter in anyone's "my work".

    A step with an ``approval`` is not taken when its ``who`` takes it: it is submitted for
    approval with its input, and taken, as if by the submitter, once the last level approves."""

    name: str
    sources: str | tuple[str, ...]
    target: str
    label: Label
    who: tuple[Who, ...]
    form: type[forms.Form] | None = None
    guard: Guard | None = None
    effect: Effect | None = None
    starts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    pauses: tuple[str, ...] = ()
    resumes: tuple[str, ...] = ()
    notifies: tuple[Notify, ...] = ()
    style: str = "primary"
    automatic: bool = False
    approval: Approval | None = None
    #: Whether the step puts the matter in its takers' "my work" while it may be taken. A step
    #: that stays possible for as long as the matter lasts and is nobody's next work (ending
    #: an agreement in force) says False: it is offered on the page, never queued.
    in_my_work: bool = True

    @property
    def source_states(self) -> tuple[str, ...]:
        return (self.sources,) if isinstance(self.sources, str) else self.sources
