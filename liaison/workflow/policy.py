"""One access policy per matter type, compiled once from its workflow's declarations.

A workflow names who takes each step (``Transition.who``), who sees its matters in which states
(``sights``), who owes each clock and who is told of each step (``Notify``), and the mechanism's
own named acts (``acts``). Each of those is a ``Who``, and a ``Who`` means one thing, stated once
here (``Holding``): a party row of the matter (of an organisation or of the person), and an
active seat with one of the roles (in the owner organisation or in that party organisation).
Three readings are derived from that one statement, so they cannot disagree:

- ``Holding.matters(access)``: the matters on which a user is that ``Who`` (SQL, for lists);
- ``Holding.holds(access, matter, rows)``: whether they are, for one matter already loaded;
- ``Holding.people(matter)``: everyone who is (SQL over users, for notifications, reminders).

``Policy`` reads them with the sights: which matters someone sees (``visible``, per relation
from which states), whether they see one (``sees``), may take a step on it (``may_take``) or
one of the mechanism's acts (``may``), which of its files they see (``attachments_for``), and
who receives a notification or reminder about it (``recipients``: active people, in active
seats of active organisations, roles respected for the personal relations too, and only those
who see the matter in its present state, or who follow it from outside). ``tests/
test_policy_property.py`` holds the three readings equal for every ``Who`` and every sight of
every registered workflow, on generated organisations, memberships and parties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, reduce
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from liaison.core.access import Access

from .models import OUTSIDE_RELATIONS, Matter, MatterParty, Relation
from .parts import DEFAULT_SIGHTS, Act, Sight, Transition, Who
from .registry import all_workflows, get_workflow, shared_events

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.attachments.models import Attachment
    from liaison.orgs.models import Membership

    from .definitions import Workflow

# A filter condition: a Q, an Exists, or the two combined with & and |.
Condition = Any
EMPTY = Q(pk__in=[])

#: The relations whose holders keep their privacy from one another: several people may report
#: one problem, and none of them learns who the others are or reads what they sent. Whoever sees
#: a matter only through one of these sees, of its files and contributions, only their own.
PRIVATE_RELATIONS = frozenset({Relation.REPORTER})

#: One party row of a matter, as the one-matter answers read it: (relation, organisation, person).
PartyRow = tuple[str, int | None, int | None]


def _all(conditions: Iterable[Condition]) -> Condition:
    return reduce(lambda a, b: a & b, conditions)


def _any(conditions: Iterable[Condition]) -> Condition:
    return reduce(lambda a, b: a | b, conditions, EMPTY)


def active_seats() -> QuerySet[Membership]:
    """The memberships that count: active, in an active organisation (as ``Access.seats``)."""
    from liaison.orgs.models import Membership

    return Membership.objects.filter(is_active=True, organisation__is_active=True)


@dataclass(frozen=True)
class Holding:
    """What it takes to be a ``Who`` to a matter, stated once.

    ``party``: the matter has a party row of ``relation`` naming the person (``personal``) or an
    organisation; ``seat_in``: the person holds an active seat with one of ``roles`` (any role
    when None) in the matter's owner (``"owner"``) or in that party organisation (``"party"``),
    or needs none (None). The owner organisation is held by a seat alone; a partner by a seat
    in a partner; a personal relation by the party row, and, when the ``Who`` names roles, a
    seat with one of them in the owner (a handler who left the procuratorate is no longer one).
    """

    relation: str
    roles: frozenset[str] | None
    party: bool
    personal: bool
    seat_in: str | None

    @classmethod
    def of(cls, who: Who) -> Holding:
        return _holding(who)

    # -- reading 1: the matters on which a user holds it (SQL) ---------------------------------

    def matters(self, access: Access) -> Condition:
        """The condition on ``Matter`` rows under which ``access`` holds this (state aside)."""
        if access.is_system:
            return Q()
        orgs = access.organisations_with(self.roles)
        if self.seat_in is not None and not orgs:
            return EMPTY
        if self.personal and access.user_id is None:
            return EMPTY
        parts: list[Condition] = []
        if self.seat_in == "owner":
            parts.append(Q(owner_id__in=orgs))
        if self.party:
            who = {"person_id": access.user_id} if self.personal else {"organisation_id__in": orgs}
            rows = MatterParty.objects.filter(
                matter_id=OuterRef("pk"), relation=self.relation, **who
            )
            parts.append(Exists(rows))
        return _all(parts)

    # -- reading 2: whether a user holds it on one matter --------------------------------------

    def holds(self, access: Access, matter: Matter, rows: Callable[[], list[PartyRow]]) -> bool:
        """Whether ``access`` holds this on ``matter``; ``rows`` gives the matter's party rows
        that are this user or one of their organisations (asked only when a party is needed)."""
        if access.is_system:
            return True
        if self.seat_in == "owner" and not access.has_role(matter.owner_id, self.roles):
            return False
        if not self.party:
            return True
        if self.personal:
            me = access.user_id
            return me is not None and any(
                rel == self.relation and person == me for rel, _, person in rows()
            )
        orgs = access.organisations_with(self.roles)
        return any(rel == self.relation and org in orgs for rel, org, _ in rows())

    # -- reading 3: everyone who holds it on one matter (SQL over users) ------------------------

    def people(self, matter: Matter) -> Q:
        """The condition on ``User`` rows of those who hold this on ``matter``."""
        seats = active_seats()
        if self.roles is not None:
            seats = seats.filter(role__in=self.roles)
        parties = MatterParty.objects.filter(matter_id=matter.pk, relation=self.relation)
        parts: list[Q] = []
        if self.seat_in == "owner":
            parts.append(
                Q(pk__in=seats.filter(organisation_id=matter.owner_id).values("person_id"))
            )
        if self.party and self.personal:
            parts.append(Q(pk__in=parties.values("person_id")))
        if self.seat_in == "party":
            in_party = seats.filter(organisation_id__in=parties.values("organisation_id"))
            parts.append(Q(pk__in=in_party.values("person_id")))
        return _all(parts)


def _covers(sight_who: Who, who: Who) -> bool:
    """Whether everyone who is ``who`` to a matter is also ``sight_who`` to it: the same
    relation, and ``sight_who`` asks no role or every role ``who`` may hold."""
    if sight_who.relation != who.relation:
        return False
    return sight_who.roles is None or (who.roles is not None and who.roles <= sight_who.roles)


@cache
def _holding(who: Who) -> Holding:
    if who.relation == Relation.OWNER_ORG:
        return Holding(who.relation, who.roles, party=False, personal=False, seat_in="owner")
    if who.relation == Relation.PARTNER_ORG:
        return Holding(who.relation, who.roles, party=True, personal=False, seat_in="party")
    seat = "owner" if who.roles is not None else None
    return Holding(who.relation, who.roles, party=True, personal=True, seat_in=seat)


def party_rows(access: Access, matter: Matter) -> list[PartyRow]:
    """The matter's parties that are this user or one of their organisations, in one query,
    so that every ``Who`` asked about one matter is answered from the same rows."""
    mine = Q(organisation_id__in=access.organisation_ids)
    if access.user_id is not None:
        mine |= Q(person_id=access.user_id)
    return list(
        MatterParty.objects.filter(matter_id=matter.pk)
        .filter(mine)
        .values_list("relation", "organisation_id", "person_id")
    )


@dataclass(frozen=True)
class PartyShown:
    """One party of a matter as a reader may see it: the row, and the masked name to show in
    place of the person's (empty when they may read it)."""

    party: MatterParty
    masked: str

    @property
    def holder(self) -> Any:
        return self.party.organisation or self.party.person


class Reading:
    """One user's questions about one matter, answered from its party rows loaded once, and
    only when a question needs them (the owner's seats cost no query)."""

    def __init__(self, policy: Policy, access: Access, matter: Matter) -> None:
        self.policy, self.access, self.matter = policy, access, matter
        self._rows: list[PartyRow] | None = None

    def rows(self) -> list[PartyRow]:
        if self._rows is None:
            self._rows = party_rows(self.access, self.matter)
        return self._rows

    def stands_as(self, whos: Iterable[Who]) -> bool:
        """Whether the user is any of ``whos`` to the matter (state and sight aside)."""
        return any(_holding(w).holds(self.access, self.matter, self.rows) for w in whos)

    def _allowed(self, purpose: str) -> bool:
        if self.access.is_system:
            return True
        if not self.access.is_authenticated:
            return False
        state = self.matter.state
        return any(
            s.allows(purpose, state) and _holding(s.who).holds(self.access, self.matter, self.rows)
            for s in self.policy.sights
        )

    def sees(self) -> bool:
        """Whether the user sees the matter in its present state (``Policy.visible``)."""
        return self._allowed("states")

    def may_comment(self) -> bool:
        return self._allowed("comments")

    def may_attach(self) -> bool:
        return self._allowed("attachments")

    def _acts_as(self, whos: Iterable[Who]) -> bool:
        """One of ``whos`` who sees the matter now, or who follows it from outside."""
        if self.access.is_system:
            return True
        if not self.access.is_authenticated:
            return False
        held = [w for w in whos if _holding(w).holds(self.access, self.matter, self.rows)]
        if any(w.relation in OUTSIDE_RELATIONS for w in held):
            return True
        return bool(held) and self.sees()

    def may_take(self, transition: Transition) -> bool:
        """Whether the user may take ``transition`` (whether the state is one of its sources
        aside): one of its ``who`` who sees the matter in its present state. Only the system
        takes an automatic step (its ``who`` is empty)."""
        if self.access.is_system:
            return True
        return bool(transition.who) and self._acts_as(transition.who)

    def stands_for(self, act: str) -> bool:
        """Whether the user is one of those who may take ``act`` (in some state)."""
        return self.access.is_system or self.stands_as(self.policy.act(act).who)

    def may(self, act: str) -> bool:
        """Whether the user may take the mechanism's named ``act`` on the matter now: one of
        its ``who``, in one of its states, seeing the matter (or following it from outside)."""
        declared = self.policy.act(act)
        if declared.states is not None and self.matter.state not in declared.states:
            return False
        return self._acts_as(declared.who)

    def timeline_reads(self) -> frozenset[str] | None:
        """The timeline entries (steps by name, events by id) the user reads on the matter's
        page: all of them (None), unless every sight through which they see it now names what
        its holders read (``Sight.reads``) and the events other mechanisms record on any
        matter for both their sides (``registry.add_shared_event``)."""
        if self.access.is_system or not self.access.is_authenticated:
            return None
        state = self.matter.state
        held = [
            s
            for s in self.policy.sights
            if s.allows("states", state)
            and _holding(s.who).holds(self.access, self.matter, self.rows)
        ]
        if not held or any(s.reads is None for s in held):
            return None
        return frozenset().union(*(s.reads or () for s in held), shared_events())

    def file_purposes(self) -> frozenset[str] | None:
        """The purposes of the matter's files the user sees and fetches: all of them (None),
        unless every sight through which they see it now names its holders' files
        (``Sight.files``)."""
        if self.access.is_system or not self.access.is_authenticated:
            return None
        state = self.matter.state
        held = [
            s
            for s in self.policy.sights
            if s.allows("states", state)
            and _holding(s.who).holds(self.access, self.matter, self.rows)
        ]
        if not held or any(s.files is None for s in held):
            return None
        return frozenset().union(*(s.files or () for s in held))

    def sees_only_own(self) -> bool:
        """Whether the user sees the matter only through a private relation (a reporter who is
        nothing else to it): then they see only the files and contributions they sent."""
        if self.access.is_system or not self.access.is_authenticated:
            return False
        state = self.matter.state
        held = [
            s.who.relation
            for s in self.policy.sights
            if s.allows("states", state)
            and _holding(s.who).holds(self.access, self.matter, self.rows)
        ]
        return bool(held) and all(relation in PRIVATE_RELATIONS for relation in held)

    def parties(self) -> list[PartyShown]:
        """The matter's parties as the user may read them: the holder of a private relation (a
        reporter) is named only to themselves and masked to everyone else who sees the matter;
        to a user who sees it only through such a relation, the other holders are not shown at
        all. The matter's page lists these; its template decides nothing."""
        if not self.sees():
            return []
        only_own = self.sees_only_own()
        shown = []
        for party in self.matter.parties.select_related("organisation", "person").order_by(
            "relation", "id"
        ):
            private = party.relation in PRIVATE_RELATIONS and party.organisation_id is None
            theirs = party.person_id is not None and party.person_id == self.access.user_id
            if private and only_own and not theirs:
                continue
            masked = party.person.masked_name if private and not theirs and party.person else ""
            shown.append(PartyShown(party, masked))
        return shown

    def shows_file(self, attachment: Attachment) -> bool:
        """Whether the user may see and fetch one of the matter's files (``attachments``)."""
        if not self.sees():
            return False
        purposes = self.file_purposes()
        if purposes is not None and attachment.purpose not in purposes:
            return False
        return not self.sees_only_own() or attachment.uploaded_by_id == self.access.user_id

    def attachments(self) -> QuerySet[Attachment]:
        """The matter's files the user may see and fetch: all of them for whoever sees the
        matter, except one whose sights name the files they see (``Sight.files``), and one who
        sees it only as a reporter, who sees the files they sent; none for whoever does not
        see it."""
        files = self.matter.attachments.select_related("uploaded_by")
        if not self.sees():
            return files.none()
        purposes = self.file_purposes()
        if purposes is not None:
            files = files.filter(purpose__in=sorted(purposes))
        if self.sees_only_own():
            files = files.filter(uploaded_by_id=self.access.user_id)
        return files


class Policy:
    """Who sees a matter type's matters, may take its steps and its acts, and is told of them:
    compiled once from its workflow (``Workflow.policy``, ``policy_for``)."""

    def __init__(self, workflow: Workflow) -> None:
        self.workflow = workflow
        self.sights: tuple[Sight, ...] = workflow.sight_rules
        self.acts: dict[str, Act] = dict(workflow.named_acts)

    def act(self, name: str) -> Act:
        try:
            return self.acts[name]
        except KeyError:
            raise LookupError(f"{self.workflow.name} declares no act {name!r}") from None

    def reading(self, access: Access, matter: Matter) -> Reading:
        """The questions one user asks about one matter, sharing one load of its parties."""
        return Reading(self, access, matter)

    # -- lists ---------------------------------------------------------------------------------

    def visible(self, access: Access) -> Condition:
        """The condition on ``Matter`` rows of this type that ``access`` sees, each in its
        present state: per sight, its holders in its states."""
        if access.is_system:
            return Q(matter_type=self.workflow.name)
        every = frozenset(self.workflow.states)
        condition = _any(
            _holding(s.who).matters(access)
            & (Q() if s.states == every else Q(state__in=sorted(s.states)))
            for s in self.sights
        )
        return Q(matter_type=self.workflow.name) & condition

    # -- one matter ----------------------------------------------------------------------------

    def sees(self, access: Access, matter: Matter) -> bool:
        return self.reading(access, matter).sees()

    def may_take(self, access: Access, matter: Matter, transition: Transition) -> bool:
        return self.reading(access, matter).may_take(transition)

    def may(self, access: Access, matter: Matter, act: str) -> bool:
        return self.reading(access, matter).may(act)

    def stands_for(self, access: Access, matter: Matter, act: str) -> bool:
        return self.reading(access, matter).stands_for(act)

    def attachments_for(self, access: Access, matter: Matter) -> QuerySet[Attachment]:
        return self.reading(access, matter).attachments()

    # -- whom to tell --------------------------------------------------------------------------

    def seers(self, matter: Matter) -> Q:
        """The condition on ``User`` rows of those who see ``matter`` in its present state."""
        return _any(
            _holding(s.who).people(matter) for s in self.sights if s.allows("states", matter.state)
        )

    def recipients(self, matter: Matter, whos: Iterable[Who]) -> QuerySet[User]:
        """The active people who are any of ``whos`` to ``matter`` and see it in its present
        state (or follow it from outside, an outside relation): whom a notification or a
        reminder reaches. One query when evaluated."""
        from liaison.accounts.models import User

        seeing = [s.who for s in self.sights if s.allows("states", matter.state)]
        inside: list[Q] = []
        sure: list[Q] = []
        for who in whos:
            people = _holding(who).people(matter)
            # Whoever holds an outside relation, or a ``Who`` that a sight of the present state
            # covers, sees the matter already: no need to ask every sight again (the common
            # case, and the cheaper query on the busiest write, the clue's first notice).
            covered = who.relation in OUTSIDE_RELATIONS or any(_covers(s, who) for s in seeing)
            (sure if covered else inside).append(people)
        condition = _any(sure)
        if inside:
            condition = condition | (_any(inside) & self.seers(matter))
        return User.objects.filter(condition, is_active=True)


def reading_for(request: Any, matter: Matter) -> Reading:
    """The reading of ``matter`` for ``request.access``, kept on the request: a page and the
    template tags it includes (``{% may %}``) ask their questions of one load of the parties.
    Built at render time, after the request's action, so it reads the parties as they are."""
    readings: dict[int, Reading] = request.__dict__.setdefault("_policy_readings", {})
    reading = readings.get(matter.pk)
    if reading is None or reading.matter is not matter:
        reading = readings[matter.pk] = matter.workflow.policy.reading(request.access, matter)
    return reading


def policy_for(matter_type: str | Matter) -> Policy:
    """The policy of a matter type, by name or of a matter."""
    name = matter_type if isinstance(matter_type, str) else matter_type.matter_type
    return get_workflow(name).policy


# -- every matter type at once: the visibility filter of lists, exports, the API, my work -------
#
# One condition per ``Who`` of the sight rules of every registered workflow, OR-ed: a ``Who``
# of the engine's default reaches every matter of a type that does not declare its relation
# (so also of a type no workflow of this process registers); each ``Who`` the states its sights
# name per declaring type. Equal to the OR of every ``Policy.visible``, grouped by ``Who`` so
# that the query stays one ``Exists`` per relation however many types there are.

#: (types whose sight of the relation is declared, or None for none) and the (type, states)
#: pairs a ``Who`` sees explicitly.
_Reach = tuple[frozenset[str] | None, frozenset[tuple[str, frozenset[str] | None]]]


def _reaches() -> dict[Who, _Reach]:
    declaring: dict[str, set[str]] = defaultdict(set)
    explicit: dict[Who, set[tuple[str, frozenset[str] | None]]] = defaultdict(set)
    for workflow in all_workflows():
        every = frozenset(workflow.states)
        for relation in workflow.sighted_relations:
            declaring[relation].add(workflow.name)
        for sight in workflow.sights:
            states = None if sight.states == every else sight.states
            explicit[sight.who].add((workflow.name, states))
    reaches: dict[Who, _Reach] = {}
    for who in DEFAULT_SIGHTS:
        reaches[who] = (frozenset(declaring[who.relation]), frozenset(explicit.pop(who, ())))
    for who, pairs in explicit.items():
        reaches[who] = (None, frozenset(pairs))
    return reaches


def _reach_q(reach: _Reach) -> Condition:
    excluded, pairs = reach
    condition: Condition = EMPTY
    if excluded is not None:
        condition = ~Q(matter_type__in=sorted(excluded)) if excluded else Q()
    for matter_type, states in sorted(pairs, key=lambda p: p[0]):
        pair = Q(matter_type=matter_type)
        if states is not None:
            pair &= Q(state__in=sorted(states))
        condition = condition | pair
    return condition


def visible(access: Access) -> Condition:
    """The condition on ``Matter`` rows of any type that ``access`` sees (the personal
    relations no workflow narrows share one ``Exists``)."""
    if access.is_system:
        return Q()
    condition: Condition = EMPTY
    unnarrowed: list[str] = []
    for who, reach in _reaches().items():
        holding = _holding(who)
        if reach == (frozenset(), frozenset()) and holding.personal and who.roles is None:
            unnarrowed.append(who.relation)
            continue
        subject = holding.matters(access)
        if subject is EMPTY:
            continue
        condition = condition | (subject & _reach_q(reach))
    if unnarrowed and access.user_id is not None:
        condition = condition | Exists(
            MatterParty.objects.filter(
                matter_id=OuterRef("pk"), relation__in=unnarrowed, person_id=access.user_id
            )
        )
    return condition


def matters_held(access: Access, who: Who) -> Condition:
    """The condition on ``Matter`` rows on which ``access`` is ``who`` (state aside)."""
    return _holding(who).matters(access)


__all__ = [
    "EMPTY",
    "PRIVATE_RELATIONS",
    "Holding",
    "Policy",
    "Reading",
    "matters_held",
    "party_rows",
    "policy_for",
    "reading_for",
    "visible",
]
