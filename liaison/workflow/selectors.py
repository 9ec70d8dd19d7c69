"""Reads about matters, and the one place that decides who sees and who may act on them.

``matters_visible_to`` is the visibility policy every list, page, export and API endpoint uses;
``get_matter_for`` answers 404 alike for a missing matter and a forbidden one (after Zulip's
``access_stream_by_id``), so nobody learns that a matter exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access

from .definitions import DEFAULT_SIGHTS, ENGINE_EVENTS, Sight, Transition, Who, Workflow
from .models import (
    OUTSIDE_RELATIONS,
    Clock,
    Matter,
    MatterParty,
    Relation,
    TimelineEvent,
)
from .registry import all_workflows, get_workflow

if TYPE_CHECKING:
    from liaison.accounts.models import User

# A filter condition: a Q, an Exists, or the two combined with & and |.
Condition = Any
_EMPTY = Q(pk__in=[])


def _party(relation: str, **lookups: object) -> Exists:
    return Exists(
        MatterParty.objects.filter(matter_id=OuterRef("pk"), relation=relation, **lookups)
    )


def _who_q(access: Access, who: Who) -> Condition:
    """The matters on which ``access`` is a ``who`` (without regard to state)."""
    if who.relation == Relation.OWNER_ORG:
        orgs = access.organisations_with(who.roles)
        return Q(owner_id__in=orgs) if orgs else _EMPTY
    if who.relation == Relation.PARTNER_ORG:
        orgs = access.organisations_with(who.roles)
        return _party(Relation.PARTNER_ORG, organisation_id__in=orgs) if orgs else _EMPTY
    if access.user_id is None:
        return _EMPTY
    person = _party(who.relation, person_id=access.user_id)
    if who.roles is not None:
        orgs = access.organisations_with(who.roles)
        return (Q(owner_id__in=orgs) & person) if orgs else _EMPTY
    return person


def matters_visible_to(access: Access) -> QuerySet[Matter]:
    """Matters this user may see, each in its current state: as staff of its owner or of a
    partner organisation, or personally party to it (``PERSONAL_RELATIONS``), where its
    workflow's sights let that relation see it in that state (``Workflow.sight_rules``: the
    addressee of a notice sees it once it is sent). ``sees`` answers the same for one matter."""
    if access.is_system:
        return Matter.objects.all()
    if not access.is_authenticated:
        return Matter.objects.none()
    return Matter.objects.filter(_visible(access))


def get_matter_for(access: Access, pk: int) -> Matter:
    """The matter with this id, as its mechanism's own model, or 404 if missing or not visible."""
    matter = matters_visible_to(access).select_related("owner").filter(pk=pk).first()
    if matter is None:
        raise Http404("No such matter.")
    return matter.concrete()


def outside_page_for(access: Access, pk: int) -> str | None:
    """The page where this user follows matter ``pk`` from outside (they hold one of the
    ``OUTSIDE_RELATIONS`` to it, and its workflow names a page for that relation in
    ``outside_pages``), or None. The matter's own page, which they may not see, sends them
    there instead of answering 404; nobody else learns anything from it."""
    if access.user_id is None:
        return None
    rows = MatterParty.objects.filter(
        matter_id=pk, person_id=access.user_id, relation__in=OUTSIDE_RELATIONS
    ).values_list("relation", "matter__matter_type")
    for relation, matter_type in rows:
        name = get_workflow(matter_type).outside_pages.get(relation)
        if name:
            return reverse(name, args=[pk])
    return None


PartyRow = tuple[str, int | None, int | None]


def _party_rows(access: Access, matter: Matter) -> list[PartyRow]:
    """The matter's parties that are this user or one of their organisations, in one query,
    so every ``Who`` on a page is answered from the same rows."""
    mine = Q(organisation_id__in=access.organisation_ids)
    if access.user_id is not None:
        mine |= Q(person_id=access.user_id)
    return list(
        MatterParty.objects.filter(matter=matter)
        .filter(mine)
        .values_list("relation", "organisation_id", "person_id")
    )


def _holds(access: Access, matter: Matter, who: Who, rows: list[PartyRow]) -> bool:
    """Whether ``access`` is ``who`` to ``matter`` — the per-matter reading of ``_who_q``."""
    if who.relation == Relation.OWNER_ORG:
        return access.has_role(matter.owner_id, who.roles)
    if who.relation == Relation.PARTNER_ORG:
        orgs = access.organisations_with(who.roles)
        return any(rel == Relation.PARTNER_ORG and org in orgs for rel, org, _ in rows)
    if access.user_id is None:
        return False
    if who.roles is not None and not access.has_role(matter.owner_id, who.roles):
        return False
    return any(rel == who.relation and person == access.user_id for rel, _, person in rows)


def _stands(
    access: Access, matter: Matter, whos: Iterable[Who], rows: list[PartyRow] | None
) -> bool:
    if access.is_system:
        return True
    whos = list(whos)
    if rows is None and any(w.relation != Relation.OWNER_ORG for w in whos):
        rows = _party_rows(access, matter)
    return any(_holds(access, matter, who, rows or []) for who in whos)


def stands_as(access: Access, matter: Matter, whos: Iterable[Who]) -> bool:
    """Whether this user is any of ``whos`` to ``matter``: the question ``may_take`` asks of a
    transition, for a mechanism's own acts that are not transitions (an on-site observation).
    At most one query."""
    return _stands(access, matter, whos, None)


def may_take(
    access: Access, matter: Matter, transition: Transition, rows: list[PartyRow] | None = None
) -> bool:
    """Whether this user may take ``transition`` on ``matter`` (whether the state is one of its
    sources aside): they are one of its ``who`` *and* see the matter in its present state
    (``sees``), so that nobody acts, by a posted form, on a matter they cannot see. Only the
    system takes an automatic transition (its ``who`` is empty). At most one query, none when
    the party ``rows`` are given (``available_transitions`` loads them once for every step)."""
    if access.is_system:
        return True
    if not transition.who or not access.is_authenticated:
        return False
    party_rows = _lazy_rows(access, matter, rows)
    return any(_holds_lazily(access, matter, w, party_rows) for w in transition.who) and _sees(
        access, matter, party_rows
    )


def _lazy_rows(
    access: Access, matter: Matter, rows: list[PartyRow] | None
) -> Callable[[], list[PartyRow]]:
    """The party rows, loaded on first need only: a question answered by the owner
    organisation's seats alone costs no query."""
    loaded = rows

    def get() -> list[PartyRow]:
        nonlocal loaded
        if loaded is None:
            loaded = _party_rows(access, matter)
        return loaded

    return get


def _holds_lazily(
    access: Access, matter: Matter, who: Who, rows: Callable[[], list[PartyRow]]
) -> bool:
    return _holds(access, matter, who, [] if who.relation == Relation.OWNER_ORG else rows())


def _sees(access: Access, matter: Matter, rows: Callable[[], list[PartyRow]]) -> bool:
    """``sees`` for a user neither the system nor a visitor, from the given party rows."""
    return any(
        s.allows("states", matter.state) and _holds_lazily(access, matter, s.who, rows)
        for s in matter.workflow.sight_rules
    )


def may_open(access: Access, workflow: Workflow) -> bool:
    """Whether this user may open a matter of this type for one of their organisations: the
    question ``actions.apply_open`` asks of one organisation (its ``opened_by`` roles, any role
    when it names none), asked before a page offers the button."""
    return bool(access.organisations_with(workflow.opened_by or None))


def available_transitions(access: Access, matter: Matter) -> list[Transition]:
    """The transitions this user may take now, in the order the workflow declares them; one
    query for all of them, however many steps and relations the state has. None while a step
    awaits approval (``approvals.py``): the approvers decide it on the page instead."""
    if matter.awaiting_approval:
        return []
    if access.is_system:
        return list(matter.workflow.transitions_from(matter.state))
    rows = _party_rows(access, matter)
    steps = matter.workflow.transitions_from(matter.state)
    return [t for t in steps if may_take(access, matter, t, rows)]


def my_work(access: Access, workflows: Iterable[Workflow] | None = None) -> QuerySet[Matter]:
    """Every matter, of every type, on which this user can take a step now and which they see
    (``matters_visible_to``); the one whose running clock falls due first comes first, overdue
    ones before all.

    Built from the workflow descriptions as one query: for each (type, state) the conditions
    under which somebody may act, OR-ed together; a matter awaiting approval is its approvers'
    work instead (``approvals.awaiting_decision_by``).
    """
    from .approvals import awaiting_decision_by

    if not access.is_authenticated:
        return Matter.objects.none()
    condition: Condition = _EMPTY
    for workflow in workflows if workflows is not None else all_workflows():
        whos_by_state: dict[str, set[Who]] = defaultdict(set)
        for t in workflow.transitions:
            for state in t.source_states:
                whos_by_state[state].update(t.who)
        for state, whos in whos_by_state.items():
            who_condition: Condition = _EMPTY
            for who in whos:
                who_condition = who_condition | _who_q(access, who)
            condition = condition | (Q(matter_type=workflow.name, state=state) & who_condition)
    condition = (Q(awaiting_approval=False) & condition) | awaiting_decision_by(access)
    return (
        Matter.objects.filter(condition & _visible(access))
        .select_related("owner")
        .annotate(next_due=next_due())
        .order_by(F("next_due").asc(nulls_last=True), "-updated_at")
    )


def next_due() -> Subquery:
    """The due day of the matter's running clock that falls due first, as an annotation: a
    subquery per matter on the clocks' index rather than a grouped join, so that a queue of
    thousands is neither grouped nor, when counted, grouped again."""
    running = Clock.objects.filter(matter_id=OuterRef("pk"), state=Clock.State.RUNNING)
    return Subquery(running.order_by("due_on").values("due_on")[:1])


def people_who_are(matter: Matter, whos: Iterable[Who]) -> QuerySet[User]:
    """The active people who stand to ``matter`` as any of ``whos`` (for notifications)."""
    from liaison.accounts.models import User

    condition = _EMPTY
    for who in whos:
        if who.relation == Relation.OWNER_ORG:
            q = Q(memberships__organisation_id=matter.owner_id, memberships__is_active=True)
            if who.roles is not None:
                q &= Q(memberships__role__in=who.roles)
        elif who.relation == Relation.PARTNER_ORG:
            partner_orgs = MatterParty.objects.filter(
                matter=matter, relation=Relation.PARTNER_ORG
            ).values("organisation_id")
            q = Q(memberships__organisation_id__in=partner_orgs, memberships__is_active=True)
            if who.roles is not None:
                q &= Q(memberships__role__in=who.roles)
        else:
            q = Q(
                pk__in=MatterParty.objects.filter(matter=matter, relation=who.relation).values(
                    "person_id"
                )
            )
        condition |= q
    return User.objects.filter(condition, is_active=True).distinct()


@dataclass
class TimelineEntry:
    event: TimelineEvent
    label: str
    to_state: str


def timeline_of(matter: Matter) -> list[TimelineEntry]:
    """The matter's timeline with each event named in the reader's language."""
    workflow = matter.workflow
    entries = []
    for event in matter.timeline.select_related("actor").order_by("at", "id"):
        if event.transition:
            label = workflow.transition(event.transition).label
        elif event.action.endswith(".open"):
            label = _("Opened")
        else:
            label = workflow.events.get(event.action) or ENGINE_EVENTS.get(event.action, "")
            label = label or event.action
            if event.action.startswith("workflow.approval.") and event.data.get("step"):
                step = workflow.transition(event.data["step"]).label
                if event.data.get("levels"):  # an approval: which level of how many
                    label = _("Approved (level %(level)s of %(levels)s)") % event.data
                label = _("%(event)s: %(step)s") % {"event": label, "step": step}
        to_state = workflow.state_label(event.to_state) if event.to_state else ""
        entries.append(TimelineEntry(event, str(label), str(to_state)))
    return entries


def only_reports_to(access: Access, matter: Matter) -> bool:
    """Whether this user stands to ``matter`` only as one of its reporters: not the system, not
    staff of its owner or of a partner. Reporters keep their privacy from one another (several
    people may report one problem), so such a user is shown no other reporter and only the
    files they sent themselves (``attachments_for``)."""
    if access.is_system or access.user_id is None or access.is_staff_of(matter.owner_id):
        return False
    partners = MatterParty.objects.filter(
        matter=matter,
        relation=Relation.PARTNER_ORG,
        organisation_id__in=access.staff_organisation_ids,
    )
    if partners.exists():
        return False
    return MatterParty.objects.filter(
        matter=matter, relation=Relation.REPORTER, person_id=access.user_id
    ).exists()


def attachments_for(access: Access, matter: Matter) -> QuerySet[Any]:
    """The matter's files this user may see and fetch: all of them, except for a user who is
    only one of its reporters (``only_reports_to``), who sees the files they sent."""
    files = matter.attachments.select_related("uploaded_by")
    if only_reports_to(access, matter):
        files = files.filter(uploaded_by_id=access.user_id)
    return files


def clocks_of(matter: Matter) -> QuerySet[Clock]:
    return matter.clocks.prefetch_related("extensions").order_by("state", "due_on")


def parties_of(matter: Matter) -> QuerySet[MatterParty]:
    return matter.parties.select_related("organisation", "person").order_by("relation", "id")


# -- sight: who sees a matter in which state, and may comment on it and attach to it ---------------
#
# A workflow's ``sights`` (``definitions.Sight``) declare, per relation, the states in which its
# holders see a matter and may comment and attach; ``Workflow.sight_rules`` adds the engine's
# default for the relations it leaves alone. ``_visible`` reads those rules as one filter for
# lists, exports, the API and "my work"; ``sees``, ``may_comment`` and ``may_attach`` read the
# same rules for one matter. ``test_sight.py`` holds the two readings equal for every relation
# and state of every registered workflow.

#: (types whose sight of the relation is declared, or None for none) and the (type, states)
#: pairs a ``Who`` sees explicitly: the structure of one ``Who``'s type-and-state condition.
_Reach = tuple[frozenset[str] | None, frozenset[tuple[str, frozenset[str] | None]]]


def _reaches() -> dict[Who, _Reach]:
    """For each ``Who`` of any workflow's sight rules, where it sees: a default ``Who`` every
    matter of a type that does not declare its relation (so also a type no workflow of this
    process declares), and each ``Who`` the states its sights name per declaring type."""
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
    condition: Condition = _EMPTY
    if excluded is not None:
        condition = ~Q(matter_type__in=sorted(excluded)) if excluded else Q()
    for matter_type, states in sorted(pairs, key=lambda p: p[0]):
        pair = Q(matter_type=matter_type)
        if states is not None:
            pair &= Q(state__in=sorted(states))
        condition = condition | pair
    return condition


def _visible(access: Access) -> Condition:
    """The filter of ``matters_visible_to``: one condition per ``Who`` of the sight rules (the
    personal relations no workflow narrows share one ``Exists``, as before sights existed)."""
    if access.is_system:
        return Q()
    condition: Condition = _EMPTY
    unnarrowed: list[str] = []
    for who, reach in _reaches().items():
        if reach == (frozenset(), frozenset()) and who in DEFAULT_SIGHTS and who.roles is None:
            unnarrowed.append(who.relation)
            continue
        subject = _who_q(access, who)
        if subject is _EMPTY:
            continue
        condition = condition | (subject & _reach_q(reach))
    if unnarrowed and access.user_id is not None:
        condition = condition | Exists(
            MatterParty.objects.filter(
                matter_id=OuterRef("pk"), relation__in=unnarrowed, person_id=access.user_id
            )
        )
    return condition


def _sights_held(access: Access, matter: Matter, rows: list[PartyRow] | None = None) -> list[Sight]:
    """The sight rules of ``matter``'s workflow whose ``who`` this user is (one query)."""
    if rows is None:
        rows = _party_rows(access, matter)
    return [s for s in matter.workflow.sight_rules if _holds(access, matter, s.who, rows)]


def _allowed(access: Access, matter: Matter, purpose: str) -> bool:
    if access.is_system:
        return True
    if not access.is_authenticated:
        return False
    return any(s.allows(purpose, matter.state) for s in _sights_held(access, matter))


def sees(access: Access, matter: Matter) -> bool:
    """Whether this user sees ``matter`` in its current state: ``matters_visible_to`` for one
    matter already loaded (at most one query)."""
    return _allowed(access, matter, "states")


def may_comment(access: Access, matter: Matter) -> bool:
    """Whether this user may comment on ``matter`` in its current state, as its workflow's
    sights declare (wherever they see it, unless a sight says less)."""
    return _allowed(access, matter, "comments")


def may_attach(access: Access, matter: Matter) -> bool:
    """Whether this user may attach files to ``matter`` in its current state, as its
    workflow's sights declare (wherever they see it, unless a sight says less)."""
    return _allowed(access, matter, "attachments")
