"""What a joint meeting's or action item's page shows the user looking at it; each answer is a
selector or the workflow's policy (no template decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors
from ..forms import AgendaForm, InviteForm, ProgressForm, ResolutionForm
from ..models import ActionItem, JointMeeting
from ..workflows import ACTION_ITEM, MEETING

register = template.Library()


@register.simple_tag
def meeting_panel(meeting: JointMeeting, access: Access, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    policy = MEETING.policy
    may_invite = policy.may(access, meeting, "invite")
    may_resolve = policy.may(access, meeting, "resolve")
    parties = list(selectors.parties_of_meeting(meeting))
    approvals = selectors.approvals_of(meeting)
    party = selectors.hosting_party(access, meeting.agreement)
    return {
        "invitations": list(selectors.invitations_of(meeting)),
        "mine": selectors.invitation_of(meeting, access.user),
        "open": meeting.state == selectors.SCHEDULED,
        "may_invite": may_invite,
        "invite_form": forms.get("invite")
        or (InviteForm(candidates=selectors.party_staff(meeting)) if may_invite else None),
        "may_propose": policy.may(access, meeting, "propose"),
        "agenda": selectors.agenda_of(meeting, access),
        "agenda_form": forms.get("agenda") or AgendaForm(),
        "parties": [(p, approvals.get(p.pk)) for p in parties],
        "may_approve": party is not None
        and party.pk not in approvals
        and policy.may(access, meeting, "approve_minutes"),
        "approved_by_mine": party is not None and party.pk in approvals,
        "has_minutes": bool(meeting.minutes),
        "resolutions": list(selectors.resolutions_of(meeting)),
        "may_resolve": may_resolve,
        "resolution_form": forms.get("resolution")
        or (
            ResolutionForm(
                parties=selectors.parties_of_meeting(meeting),
                people=selectors.party_staff_all(meeting),
            )
            if may_resolve
            else None
        ),
    }


@register.simple_tag
def item_panel(item: ActionItem, access: Access, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    return {
        "meeting": item.resolution.meeting,
        "handler": selectors.handler_of(item),
        "may_progress": ACTION_ITEM.policy.may(access, item, "progress"),
        "progress_form": forms.get("progress") or ProgressForm(),
        "carried_onto": list(item.carried_onto.select_related("meeting")),
    }


@register.filter
def handler_name(item: ActionItem) -> str:
    person = selectors.handler_of(item)
    return person.display_name if person is not None else ""
