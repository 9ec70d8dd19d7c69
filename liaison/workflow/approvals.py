"""Approval: a step that takes effect only once those the organisation names have approved it.

A ``Transition(approval=Approval(default_approvers=(...)))`` is not taken when its ``who`` takes
it. ``actions.apply_transition`` checks it as for any step (state, ``who``, form, guard) and then
hands it here (``submit``): the input is kept with an ``ApprovalRequest``, the matter is marked
``awaiting_approval`` (no step may be taken on it meanwhile), the timeline says so and the first
level's approvers are told. Each level is a role in the matter's owner organisation, in order
(the department head, then the chief procurator); an organisation sets its own levels for a step
with an ``ApprovalRule`` (the nearest one up the tree wins, as ``deadlines.PeriodOverride``
does), otherwise the step's declared default applies. The levels are copied into the request.

An approver of the level awaited (never the submitter) approves (``approval_approve``): after
the last level the engine takes the step with the stored input *as the submitter*, so its
effects, clocks, notifications and timeline are those of a step taken directly, and the
timeline entry names the approvers too. Or they return it with comments (``approval_return``):
the matter is free again, and the submitter corrects and submits anew (the page offers the step
with the returned input filled in). The submitter, and only they, may withdraw the step while it
awaits approval (``approval_withdraw``): the matter is freed as by a return, and the approvers
awaited are told it no longer awaits them. Two decisions at once (two approvers, or an approval
and a withdrawal): the request's conditional update lets exactly one win.

Reads (the matter page's panel, "my work") are at the end of this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access, access_for
from liaison.core.transactions import durable
from liaison.orgs.roles import Role

from .actions import _params, apply_transition, record_event
from .errors import TransitionConflict, TransitionForbidden, TransitionInvalid, WorkflowError
from .models import ApprovalLevel, ApprovalRequest, Matter
from .parts import Transition

if TYPE_CHECKING:
    from liaison.accounts.models import User

    from .selectors import TimelineEntry

SUBMIT_EVENT = "workflow.approval.submit"
APPROVE_EVENT = "workflow.approval.approve"
RETURN_EVENT = "workflow.approval.return"
WITHDRAW_EVENT = "workflow.approval.withdraw"
PENDING = ApprovalRequest.State.PENDING


# -- who approves --------------------------------------------------------------------------------


def approvers_for(matter: Matter, step: Transition) -> tuple[str, ...]:
    """The roles that approve ``step`` on ``matter``, level by level: the levels of the
    ``ApprovalRule`` set nearest above the matter's owner (the owner's own first), else the
    step's default for this matter (``Approval.defaults_for``). One query."""
    assert step.approval is not None
    path = matter.owner.path
    ancestors = [int(part) for part in path.strip("/").split("/") if part]
    rows = list(
        ApprovalLevel.objects.filter(
            rule__organisation_id__in=ancestors,
            rule__matter_type=matter.matter_type,
            rule__step=step.name,
        )
        .order_by("-rule__organisation__path", "position", "id")  # the longest path is nearest
        .values_list("rule_id", "role")
    )
    if not rows:
        return step.approval.defaults_for(matter)
    nearest = rows[0][0]
    return tuple(role for rule, role in rows if rule == nearest)


def _holders(matter: Matter, role: str, request: ApprovalRequest) -> QuerySet[User]:
    """The active people who hold ``role`` in the matter's owner, but not the submitter."""
    from liaison.accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=matter.owner_id,
            memberships__role=role,
            memberships__is_active=True,
        )
        .exclude(pk=request.submitted_by_id)
        .distinct()
    )


def may_decide(access: Access, matter: Matter, request: ApprovalRequest) -> bool:
    """Whether this user may approve or return ``request`` now: they hold the awaited level's
    role in the matter's owner, and did not submit it."""
    return (
        request.state == PENDING
        and access.user_id is not None
        and access.user_id != request.submitted_by_id
        and access.has_role(matter.owner_id, {request.current_role})
    )


def may_withdraw(access: Access, request: ApprovalRequest) -> bool:
    """Whether this user may withdraw ``request`` now: they submitted it, and it still awaits
    approval."""
    return (
        request.state == PENDING
        and access.user_id is not None
        and access.user_id == request.submitted_by_id
    )


# -- submitting ----------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return str(value)


def _kept_input(step: Transition, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The step's input as JSON, each of its form's fields with its values as given, so that
    the form reads them again when the step is taken (a ``MultiValueDict`` keeps every value
    of a multiple choice; anything else in a request, e.g. the CSRF token, is left out)."""
    if step.form is None:
        return {}
    names = set(step.form.base_fields)
    if isinstance(data, MultiValueDict):
        items: Iterable[tuple[str, Any]] = data.lists()
    else:
        items = data.items()
    kept: dict[str, list[Any]] = {}
    for key, values in items:
        if key in names:
            values = values if isinstance(values, list | tuple) else [values]
            kept[key] = [_json_value(v) for v in values]
    return kept


@transaction.atomic(savepoint=False)
def submit(
    *,
    matter: Matter,
    step: Transition,
    access: Access,
    data: Mapping[str, Any],
    note: str = "",
) -> ApprovalRequest:
    """Submit ``step``, checked by ``actions.apply_transition``, for approval (in its
    transaction): keep its input, mark the matter awaiting approval (a conditional update: of
    two submissions at once, one wins), record it and tell the first level's approvers."""
    if access.user is None:
        raise TransitionForbidden(_("A step that needs approval is submitted by a person."))
    levels = approvers_for(matter, step)
    now = timezone.now()
    changed = Matter.objects.filter(
        pk=matter.pk, state=matter.state, version=matter.version, awaiting_approval=False
    ).update(awaiting_approval=True, version=F("version") + 1, updated_at=now)
    if changed != 1:
        raise TransitionConflict()
    matter.awaiting_approval, matter.version, matter.updated_at = True, matter.version + 1, now
    request = ApprovalRequest.objects.create(
        matter=matter,
        step=step.name,
        data=_kept_input(step, data),
        levels=list(levels),
        current_role=levels[0],
        submitted_by=access.user,
    )
    record_event(
        matter=matter,
        access=access,
        action=SUBMIT_EVENT,
        note=note,
        data={"step": step.name, "request": request.pk},
    )
    _tell_approvers(matter, request, access)
    return request


def _tell_approvers(matter: Matter, request: ApprovalRequest, access: Access) -> None:
    from liaison.notifications.actions import notify

    notify(
        recipients=_holders(matter, request.current_role, request),
        event=f"{matter.matter_type}.approval",
        text=_("%(actor)s asks for your approval on %(number)s: %(title)s"),
        params=_params(matter, access),
        matter=matter,
        actor=access.user,
        channels=("email",),
    )


# -- deciding ------------------------------------------------------------------------------------


def _pending_request(matter: Matter) -> ApprovalRequest:
    """The matter's request awaiting approval, or the conflict of one decided meanwhile."""
    request = (
        ApprovalRequest.objects.select_related("submitted_by")
        .filter(matter_id=matter.pk, state=PENDING)
        .first()
    )
    if request is None:
        raise TransitionConflict(_("Nothing on this matter awaits approval (any more)."))
    return request


def _pending(matter: Matter, access: Access) -> ApprovalRequest:
    """The matter's request awaiting approval, which this user may decide; the matter's state
    read again (nothing but a decision changes it while it awaits approval)."""
    request = _pending_request(matter)
    if access.user_id is not None and access.user_id == request.submitted_by_id:
        raise TransitionForbidden(_("You submitted this step: someone else approves it."))
    if not may_decide(access, matter, request):
        raise TransitionForbidden(
            _("Only a %(role)s of the owner organisation may decide on this step now.")
            % {"role": Role(request.current_role).label}
        )
    matter.refresh_from_db(fields=["state", "version", "awaiting_approval", "updated_at"])
    return request


def _decide(request: ApprovalRequest, update: Mapping[str, Any]) -> None:
    """Record a decision on the level awaited, if nobody decided it first: of two approvers
    deciding at once, exactly one's conditional update changes the row."""
    awaited = ApprovalRequest.objects.filter(pk=request.pk, state=PENDING, level=request.level)
    if awaited.update(**update) != 1:
        raise TransitionConflict()
    for key, value in update.items():
        setattr(request, key, value)


@durable
def approval_approve(*, matter: Matter, access: Access, comment: str = "") -> ApprovalRequest:
    """Approve the level awaited. After the last level the step is taken with its stored
    input, as the submitter took it: its effects, clocks and notifications run as if taken
    directly, and its timeline entry names the approvers."""
    request = _pending(matter, access)
    assert access.user is not None
    now = timezone.now()
    level, last = request.level, request.level + 1 >= len(request.levels)
    approved = [
        *request.approved,
        {
            "level": level + 1,
            "role": request.current_role,
            "user": access.user.pk,
            "name": access.user.display_name,
            "at": now.isoformat(),
        },
    ]
    update: dict[str, Any] = {"approved": approved, "level": level + 1}
    if last:
        update.update(state=ApprovalRequest.State.APPROVED, current_role="")
        update.update(decided_by=access.user, decided_at=now, comment=comment.strip())
    else:
        update["current_role"] = request.levels[level + 1]
    _decide(request, update)
    record_event(
        matter=matter,
        access=access,
        action=APPROVE_EVENT,
        note=comment,
        data={"step": request.step, "level": level + 1, "levels": len(request.levels)},
    )
    if not last:
        _tell_approvers(matter, request, access)
        return request
    try:
        apply_transition(
            matter=matter,
            name=request.step,
            access=access_for(request.submitted_by),
            data=MultiValueDict(request.data),
            approval=request,
        )
    except TransitionInvalid:
        raise WorkflowError(
            _(
                "What was submitted is no longer valid (something it names has changed): "
                "return it with a comment, so that it is corrected."
            )
        ) from None
    except TransitionForbidden:
        raise WorkflowError(
            _(
                "%(name)s may no longer take this step: return it with a comment, so that "
                "someone who may submits it."
            )
            % {"name": request.submitted_by.display_name}
        ) from None
    return request


def _end(
    matter: Matter,
    request: ApprovalRequest,
    access: Access,
    state: str,
    action: str,
    note: str,
    *,
    tell: Iterable[User],
    text: Any,
) -> None:
    """End ``request`` without taking its step (returned or withdrawn), if nobody decided it
    first: the matter is free again (nothing of the step has taken effect), the timeline says
    so, and ``tell`` are told ``text`` (by e-mail, after commit)."""
    now = timezone.now()
    update = {
        "state": state,
        "current_role": "",
        "decided_by": access.user,
        "decided_at": now,
        "comment": note,
    }
    _decide(request, update)
    Matter.objects.filter(pk=matter.pk, awaiting_approval=True).update(
        awaiting_approval=False, version=F("version") + 1, updated_at=now
    )
    matter.awaiting_approval, matter.version = False, matter.version + 1
    record_event(
        matter=matter,
        access=access,
        action=action,
        note=note,
        data={"step": request.step, "request": request.pk},
    )
    from liaison.notifications.actions import notify

    notify(
        recipients=tell,
        event=f"{matter.matter_type}.approval_{state}",
        text=text,
        params=_params(matter, access),
        matter=matter,
        actor=access.user,
        channels=("email",),
    )


@durable
def approval_return(*, matter: Matter, access: Access, comment: str) -> ApprovalRequest:
    """Return the step to the submitter with comments (what needs correcting): the matter is
    free again, and nothing of the step has taken effect."""
    if not comment.strip():
        raise WorkflowError(_("Say what needs correcting."))
    request = _pending(matter, access)
    _end(
        matter,
        request,
        access,
        ApprovalRequest.State.RETURNED,
        RETURN_EVENT,
        comment.strip(),
        tell=[request.submitted_by],
        text=_("%(actor)s returned your step on %(number)s with comments: %(title)s"),
    )
    return request


@durable
def approval_withdraw(*, matter: Matter, access: Access) -> ApprovalRequest:
    """The submitter withdraws their step while it awaits approval (to correct it, or because
    it is no longer wanted): the matter is free again, as after a return, and the approvers
    awaited are told it no longer awaits them. Of a withdrawal and an approval at the same
    moment, the request's conditional update lets exactly one win."""
    request = _pending_request(matter)
    if not may_withdraw(access, request):
        raise TransitionForbidden(_("Only the one who submitted this step may withdraw it."))
    matter.refresh_from_db(fields=["state", "version", "awaiting_approval", "updated_at"])
    awaited = _holders(matter, request.current_role, request)
    _end(
        matter,
        request,
        access,
        ApprovalRequest.State.WITHDRAWN,
        WITHDRAW_EVENT,
        "",
        tell=awaited,
        text=_("%(actor)s withdrew their step on %(number)s: it no longer awaits your approval"),
    )
    return request


# -- reads ---------------------------------------------------------------------------------------


def awaiting_decision_by(access: Access) -> Any:
    """A condition on matters: a step of it awaits this user's approval (they hold the awaited
    level's role in its owner and did not submit it). For ``selectors.my_work``'s one query."""
    condition: Any = Q(pk__in=[])
    if access.user_id is None:
        return condition
    roles_by_org: dict[int, set[str]] = defaultdict(set)
    for seat in access.seats:
        roles_by_org[seat.organisation_id].add(seat.role)
    by_roles: dict[frozenset[str], list[int]] = defaultdict(list)
    for org, held in roles_by_org.items():
        by_roles[frozenset(held)].append(org)
    for roles, orgs in by_roles.items():
        awaited = ApprovalRequest.objects.filter(
            matter_id=OuterRef("pk"), state=PENDING, current_role__in=sorted(roles)
        ).exclude(submitted_by_id=access.user_id)
        condition |= Q(awaiting_approval=True, owner_id__in=orgs) & Exists(awaited)
    return condition


@dataclass
class AwaitingApproval:
    """What the matter's page says of a step awaiting approval."""

    request: ApprovalRequest
    step_label: str
    level: int
    levels: list[str]
    approvers: list[User]
    may_decide: bool
    may_withdraw: bool

    @property
    def role_label(self) -> str:
        return self.levels[self.level - 1]


def awaiting_approval(access: Access, matter: Matter) -> AwaitingApproval | None:
    """The step awaiting approval on ``matter``, who must approve it now and whether this user
    may: no query for a matter awaiting none, two for one that does."""
    if not matter.awaiting_approval:
        return None
    request = (
        ApprovalRequest.objects.select_related("submitted_by")
        .filter(matter_id=matter.pk, state=PENDING)
        .first()
    )
    if request is None:
        return None
    return AwaitingApproval(
        request=request,
        step_label=str(matter.workflow.transition(request.step).label),
        level=request.level + 1,
        levels=[str(Role(role).label) for role in request.levels],
        approvers=list(_holders(matter, request.current_role, request).order_by("name")),
        may_decide=may_decide(access, matter, request),
        may_withdraw=may_withdraw(access, request),
    )


def returned_input(
    matter: Matter, step: Transition, timeline: list[TimelineEntry]
) -> dict[str, Any] | None:
    """The input of ``step`` as last returned with comments or withdrawn, to offer it again for
    correction: no query unless the timeline shows a return or withdrawal of this step."""
    if step.approval is None or step.form is None:
        return None
    returns = [
        entry
        for entry in timeline
        if entry.event.action in (RETURN_EVENT, WITHDRAW_EVENT)
        and entry.event.data.get("step") == step.name
    ]
    if not returns:
        return None
    request = ApprovalRequest.objects.filter(pk=returns[-1].event.data.get("request")).first()
    if request is None:
        return None
    return {key: values[0] if len(values) == 1 else values for key, values in request.data.items()}
