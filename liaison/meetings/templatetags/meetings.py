"""What a joint meeting's or action item's page shows the user looking at it; each answer is a
selector or the workflow's policy (no template decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from liaison.core.access import Access

from .. import selectors
from ..forms import AgendaForm, InviteForm, ProgressForm, ResolutionForm
from ..models import ActionItem, JointMeeting
from ..workflows import ACTION_ITEM, MEETING

register = template.Library()


@register.simple_tag
def meeting_panel(meeting: JointMeeting, access: Access, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    may_invite = MEETING.policy.may(access, meeting, "invite")
    return {
        "invitations": list(selectors.invitations_of(meeting)),
        "mine": selectors.invitation_of(meeting, access.user),
        "open": meeting.state == selectors.SCHEDULED,
        "may_invite": may_invite,
        "invite_form": forms.get("invite")
        or (InviteForm(candidates=selectors.party_staff(meeting)) if may_invite else None),
    }


@register.simple_tag
def agenda_panel(meeting: JointMeeting, access: Access, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    return {
        "may_propose": MEETING.policy.may(access, meeting, "propose"),
        "agenda": selectors.agenda_of(meeting, access),
        "form": forms.get("agenda") or AgendaForm(),
    }


@register.simple_tag
def minutes_panel(meeting: JointMeeting, access: Access) -> dict[str, Any]:
    approvals = selectors.approvals_of(meeting)
    party = selectors.hosting_party(access, meeting.under_agreement)
    drafted = meeting.state in MEETING.states_named("minutes_drafted", "minutes_approved")
    return {
        "parties": [(p, approvals.get(p.pk)) for p in selectors.parties_of_meeting(meeting)],
        "drafted": drafted,
        "may_approve": party is not None
        and party.pk not in approvals
        and MEETING.policy.may(access, meeting, "approve_minutes"),
        "approved_by_mine": party is not None and party.pk in approvals,
    }


@register.simple_tag
def resolutions_panel(meeting: JointMeeting, access: Access, forms: Any = None) -> dict[str, Any]:
    forms = forms or {}
    may_resolve = MEETING.policy.may(access, meeting, "resolve")
    return {
        "resolutions": list(selectors.resolutions_of(meeting)),
        "may_resolve": may_resolve,
        "form": forms.get("resolution")
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


@register.simple_tag
def agreement_meetings(matter: Any, access: Access) -> dict[str, Any] | None:
    """On an agreement's page: its joint meetings, whether the next is overdue, and whether
    this user may schedule it (a party's liaison person)."""
    from liaison.agreements.models import Agreement

    if not isinstance(matter, Agreement):
        return None
    today = timezone.localdate()
    overdue = {
        a.pk: due for a, due in selectors.overdue_agreements_among(access, [matter.pk], today)
    }
    return {
        "meetings": list(selectors.meetings_visible_to(access).filter(under_agreement=matter)[:20]),
        "overdue_since": overdue.get(matter.pk),
        "may_schedule": selectors.may_schedule(access, matter),
        "suggested": selectors.suggested_start(matter, today),
    }


@register.filter
def handler_name(item: ActionItem) -> str:
    person = selectors.handler_of(item)
    return person.display_name if person is not None else ""


@register.simple_tag
def overdue_meetings(access: Access) -> list[Any]:
    """For "my work": the agreements whose joint meeting is overdue, to their parties' liaison
    persons (who schedule it)."""
    if not access.staff_organisation_ids:
        return []
    return selectors.overdue_meetings_for_liaison(access, timezone.localdate())
