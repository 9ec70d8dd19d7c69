"""Reads about matters. Who sees and who may act on them is decided by each matter type's policy
(``policy.py``, ``Workflow.policy``); the functions here are its entry points for callers.

``matters_visible_to`` is the visibility every list, page, export and API endpoint uses;
``get_matter_for`` answers 404 alike for a missing matter and a forbidden one (after Zulip's
``access_stream_by_id``), so nobody learns that a matter exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, overload

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access

from .definitions import ENGINE_EVENTS, Workflow
from .models import OUTSIDE_RELATIONS, Clock, Matter, MatterParty, TimelineEvent
from .parts import Transition, Who
from .policy import EMPTY, Reading, matters_held, visible
from .registry import all_workflows, get_workflow, shared_events

if TYPE_CHECKING:
    from liaison.accounts.models import User

# A filter condition: a Q, an Exists, or the two combined with & and |.
Condition = Any
_EMPTY = EMPTY


def matters_visible_to(access: Access) -> QuerySet[Matter]:
    """Matters this user may see, each in its current state: as staff of its owner or of a
    partner organisation, or personally party to it (``PERSONAL_RELATIONS``), where its
    workflow's sights let that relation see it in that state (``Workflow.sight_rules``: the
    addressee of a notice sees it once it is sent). ``sees`` answers the same for one matter."""
    if access.is_system:
        return Matter.objects.all()
    if not access.is_authenticated:
        return Matter.objects.none()
    return Matter.objects.filter(visible(access))


M = TypeVar("M", bound=Matter)


@overload
def get_matter_for(access: Access, pk: int) -> Matter: ...


@overload
def get_matter_for(access: Access, pk: int, model: type[M]) -> M: ...


def get_matter_for(access: Access, pk: int, model: type[Matter] | None = None) -> Matter:
    """The matter with this id, as its mechanism's own model, or 404 if missing or not visible,
    or (a mechanism's own page) not a ``model``."""
    matter = matters_visible_to(access).select_related("owner").filter(pk=pk).first()
    if matter is None:
        raise Http404("No such matter.")
    concrete = matter.concrete()
    if model is not None and not isinstance(concrete, model):
        raise Http404("No such matter.")
    return concrete


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


def stands_as(access: Access, matter: Matter, whos: Iterable[Who]) -> bool:
    """Whether this user is any of ``whos`` to ``matter`` (state and sight aside): at most one
    query. A mechanism's own acts are declared in ``Workflow.acts`` and asked with
    ``policy.may``; this stays for the questions that are not acts."""
    if access.is_system:
        return True
    return matter.workflow.policy.reading(access, matter).stands_as(whos)


def may_take(access: Access, matter: Matter, transition: Transition) -> bool:
    """Whether this user may take ``transition`` on ``matter`` (whether the state is one of its
    sources aside): one of its ``who`` who sees the matter in its present state (the policy's
    ``may_take``). At most one query."""
    return matter.workflow.policy.may_take(access, matter, transition)


def may_open(access: Access, workflow: Workflow) -> bool:
    """Whether this user may open a matter of this type for one of their organisations: the
    question ``opening.apply_open`` asks of one organisation (its ``opened_by`` roles, any role
    when it names none), asked before a page offers the button."""
    return bool(access.organisations_with(workflow.opened_by or None))


def available_transitions(
    access: Access, matter: Matter, reading: Reading | None = None
) -> list[Transition]:
    """The transitions this user may take now, in the order the workflow declares them; one
    query for all of them, however many steps and relations the state has. None while a step
    awaits approval (``approvals.py``): the approvers decide it on the page instead."""
    if matter.awaiting_approval:
        return []
    steps = matter.workflow.transitions_from(matter.state)
    reading = reading or matter.workflow.policy.reading(access, matter)
    return [t for t in steps if reading.may_take(t)]


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
            if not t.in_my_work:
                continue
            for state in t.source_states:
                whos_by_state[state].update(t.who)
        for state, whos in whos_by_state.items():
            who_condition: Condition = _EMPTY
            for who in whos:
                who_condition = who_condition | matters_held(access, who)
            condition = condition | (Q(matter_type=workflow.name, state=state) & who_condition)
    condition = (Q(awaiting_approval=False) & condition) | awaiting_decision_by(access)
    return (
        Matter.objects.filter(condition & visible(access))
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
    """Whom a notification or reminder about ``matter`` reaches among ``whos``: the policy's
    ``recipients`` (active people in active seats, roles respected, who see it now)."""
    return matter.workflow.policy.recipients(matter, whos)


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
            label = (
                workflow.events.get(event.action)
                or ENGINE_EVENTS.get(event.action)
                or shared_events().get(event.action, "")
            )
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
    """Whether this user sees ``matter`` only as one of its reporters: reporters keep their
    privacy from one another, so such a user is shown no other reporter and only the files
    they sent themselves (the policy's ``sees_only_own``)."""
    return matter.workflow.policy.reading(access, matter).sees_only_own()


def attachments_for(access: Access, matter: Matter) -> QuerySet[Any]:
    """The matter's files this user may see and fetch (the policy's ``attachments_for``)."""
    return matter.workflow.policy.attachments_for(access, matter)


def clocks_of(matter: Matter) -> QuerySet[Clock]:
    return matter.clocks.prefetch_related("extensions").order_by("state", "due_on")


# -- sight: who sees a matter in which state, and may comment on it and attach to it ---------------
#
# Read from the matter type's policy (``policy.py``), which compiles the workflow's ``sights``
# once; ``test_sight.py`` and ``test_policy_property.py`` hold the list and the one-matter
# answers equal.


def sees(access: Access, matter: Matter) -> bool:
    """Whether this user sees ``matter`` in its current state: ``matters_visible_to`` for one
    matter already loaded (at most one query)."""
    return matter.workflow.policy.reading(access, matter).sees()


def may_comment(access: Access, matter: Matter) -> bool:
    """Whether this user may comment on ``matter`` in its current state, as its workflow's
    sights declare (wherever they see it, unless a sight says less)."""
    return matter.workflow.policy.reading(access, matter).may_comment()


def may_attach(access: Access, matter: Matter) -> bool:
    """Whether this user may attach files to ``matter`` in its current state, as its
    workflow's sights declare (wherever they see it, unless a sight says less)."""
    return matter.workflow.policy.reading(access, matter).may_attach()
