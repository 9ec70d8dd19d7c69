"""Scheduling joint meetings, invitations and answers, the agenda, the parties' approvals of the
minutes, resolutions and their action items, progress notes. Every change of a meeting's or an
item's state is a workflow transition (``workflows.py``); these are the changes around them,
each in one transaction with its timeline event, notification and audit record."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agreements.models import Agreement
from liaison.agreements.selectors import liaison_persons_of, party_ids
from liaison.agreements.workflows import AGREEMENT
from liaison.core.access import SYSTEM, Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.workflow.actions import apply_transition, record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.invitations import invitation_answer, invitation_send
from liaison.workflow.models import Invitation, Matter
from liaison.workflow.opening import apply_open

from .carrying import carry_pending
from .models import ActionItem, AgendaItem, JointMeeting, MinutesApproval, Resolution
from .selectors import hosting_party, is_party_staff, matters_by_number
from .workflows import (
    ACTION_ITEM,
    AGENDA_EVENT,
    APPROVE_EVENT,
    MEETING,
    PROGRESS_EVENT,
    RESOLUTION_EVENT,
)

if TYPE_CHECKING:
    from liaison.accounts.models import User

NOT_A_LIAISON = _(
    "Only a party's liaison person schedules a joint meeting under this agreement, and you are "
    "not the liaison person of any of its parties."
)
NO_OWNER = _(
    "A resolution needs an owner: name the party organisation and the person who carry it out."
)


def _when(meeting: JointMeeting) -> str:
    return timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")


def _invite(meeting: JointMeeting, person: User, access: Access) -> Invitation:
    return invitation_send(
        matter=meeting,
        person=person,
        access=access,
        note=person.display_name,
        data={"owner": meeting.owner.name, "time": _when(meeting), "place": meeting.place},
    )


@durable
def meeting_schedule(
    *,
    access: Access,
    agreement: Agreement,
    title: str,
    starts_at: datetime,
    place: str,
    **_ignored: Any,
) -> JointMeeting:
    """Schedule a joint meeting under ``agreement``, hosted by the party whose liaison person
    the user is; the other parties' liaison persons are invited, and every overdue action item
    of the agreement goes onto its agenda. Refused to anyone who is not a party's liaison
    person, under an agreement not in force, and for a time already past."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.state != AGREEMENT.state("in_force"):
        raise WorkflowError(_("Joint meetings are held under an agreement in force."))
    host = hosting_party(access, agreement)
    if host is None or access.user is None:
        raise TransitionForbidden(NOT_A_LIAISON)
    if starts_at <= timezone.now():
        raise ValidationError(
            {
                "starts_at": _(
                    "A joint meeting cannot be scheduled in the past: choose a later time."
                )
            },
            code="past",
        )
    partners = Organisation.objects.filter(pk__in=party_ids(agreement) - {host.pk})
    meeting = apply_open(
        workflow=MEETING,
        owner=host,
        access=access,
        fields={
            "title": title,
            "under_agreement": agreement,
            "starts_at": starts_at,
            "place": place,
        },
        partners=list(partners),
        handlers=[access.user],
        start="schedule",
    )
    assert isinstance(meeting, JointMeeting)
    for person in liaison_persons_of(agreement).values():
        if person.pk != access.user.pk and person.is_active:
            _invite(meeting, person, access)
    carry_pending(meeting)
    return meeting


def _locked(meeting: Matter) -> JointMeeting:
    return (
        JointMeeting.objects.select_for_update(of=("matter_ptr",))
        .select_related("owner", "under_agreement")
        .get(pk=meeting.pk)
    )


@durable
def meeting_invite(*, access: Access, meeting: JointMeeting, person: User) -> Invitation:
    """Invite one more person of a party (either side adds its own or the other's staff)."""
    meeting = _locked(meeting)
    if not MEETING.policy.may(access, meeting, "invite"):
        raise TransitionForbidden(_("The parties invite to a joint meeting until it is held."))
    if not any(is_party_staff(person, pk) for pk in party_ids(meeting.under_agreement)):
        raise WorkflowError(
            _("%(name)s is not staff of a party to this agreement.") % {"name": person.display_name}
        )
    return _invite(meeting, person, access)


@durable
def meeting_respond(*, access: Access, meeting: JointMeeting, accept: bool) -> Invitation:
    """The person invited accepts or declines, and may change their mind until it is held."""
    meeting = _locked(meeting)
    invitation = Invitation.objects.filter(matter=meeting, person_id=access.user_id).first()
    if invitation is None:
        raise TransitionForbidden(_("Only the person invited answers the invitation."))
    if meeting.state != MEETING.state("scheduled"):
        raise WorkflowError(_("This meeting is no longer open for answers."))
    return invitation_answer(matter=meeting, invitation=invitation, access=access, accept=accept)


def _party_of(access: Access, meeting: JointMeeting) -> Organisation | None:
    """The party organisation the user acts for on ``meeting`` (the first where they are
    staff)."""
    ids = sorted(party_ids(meeting.under_agreement) & access.staff_organisation_ids)
    return Organisation.objects.filter(pk=ids[0]).first() if ids else None


@durable
def agenda_propose(
    *,
    access: Access,
    meeting: JointMeeting,
    title: str,
    notes: str = "",
    numbers: list[str] | tuple[str, ...] = (),
) -> AgendaItem:
    """Either side proposes an agenda item, linking matters the proposer sees by number."""
    meeting = _locked(meeting)
    party = _party_of(access, meeting)
    if party is None or not MEETING.policy.may(access, meeting, "propose"):
        raise TransitionForbidden(
            _("The parties propose agenda items until the meeting's minutes are drafted.")
        )
    found, missing = matters_by_number(access, list(numbers))
    if missing:
        raise WorkflowError(
            _("No matter you can see has the number %(numbers)s.") % {"numbers": "、".join(missing)}
        )
    item = AgendaItem.objects.create(
        meeting=meeting, title=title, notes=notes, proposed_by=party, proposer=access.user
    )
    item.matters.set(found)
    record_event(
        matter=meeting, access=access, action=AGENDA_EVENT, note=title, data={"party": party.name}
    )
    return item


@durable
def minutes_approve(*, access: Access, meeting: JointMeeting) -> MinutesApproval:
    """A party approves the current draft of the minutes, through its liaison person; when
    every party has, the minutes are final (the automatic ``finalise`` step). A party's second
    approval of the same draft is refused."""
    meeting = _locked(meeting)
    if meeting.state != MEETING.state("minutes_drafted"):
        raise WorkflowError(_("The minutes are not awaiting approval."))
    party = hosting_party(access, meeting.under_agreement)
    if (
        party is None
        or access.user is None
        or not MEETING.policy.may(access, meeting, "approve_minutes")
    ):
        raise TransitionForbidden(
            _("A party's liaison person approves the minutes for their organisation.")
        )
    if MinutesApproval.objects.filter(
        meeting=meeting, organisation=party, round=meeting.minutes_round
    ).exists():
        raise WorkflowError(
            _("%(party)s has already approved these minutes.") % {"party": party.name}
        )
    approval = MinutesApproval.objects.create(
        meeting=meeting, organisation=party, round=meeting.minutes_round, approved_by=access.user
    )
    record_event(matter=meeting, access=access, action=APPROVE_EVENT, data={"party": party.name})
    approved = set(
        MinutesApproval.objects.filter(meeting=meeting, round=meeting.minutes_round).values_list(
            "organisation_id", flat=True
        )
    )
    if party_ids(meeting.under_agreement) <= approved:
        apply_transition(matter=meeting, name="finalise", access=SYSTEM)
    return approval


def _open_item(
    resolution: Resolution,
    meeting: JointMeeting,
    owner: Organisation,
    person: User,
    task: str,
    urgent: bool,
) -> ActionItem:
    if owner.pk not in party_ids(meeting.under_agreement):
        raise WorkflowError(_("An action item is owned by a party to the agreement."))
    if not is_party_staff(person, owner.pk):
        raise WorkflowError(
            _("%(name)s is not staff of %(party)s.")
            % {"name": person.display_name, "party": owner.name}
        )
    item = apply_open(
        workflow=ACTION_ITEM,
        owner=owner,
        access=SYSTEM,
        fields={
            "title": task,
            "resolution": resolution,
            "under_agreement": meeting.under_agreement,
            "assigned_on": meeting.day,
            "urgent": urgent,
        },
        partners=list(
            Organisation.objects.filter(pk__in=party_ids(meeting.under_agreement) - {owner.pk})
        ),
        handlers=[person],
        start="assign",
    )
    assert isinstance(item, ActionItem)
    return item


@durable
def resolution_record(
    *,
    access: Access,
    meeting: JointMeeting,
    text: str,
    owner: Organisation | None,
    person: User | None,
    task: str,
    urgent: bool = False,
    **_ignored: Any,
) -> Resolution:
    """The host records a resolution of the meeting and its first action item, owned by a
    party and one of its people; a resolution without an owner is refused."""
    meeting = _locked(meeting)
    if access.user is None or not MEETING.policy.may(access, meeting, "resolve"):
        raise TransitionForbidden(
            _("The host records resolutions once the meeting is held, until its minutes are final.")
        )
    if owner is None or person is None or not task.strip():
        raise WorkflowError(NO_OWNER)
    resolution = Resolution.objects.create(meeting=meeting, text=text, recorded_by=access.user)
    item = _open_item(resolution, meeting, owner, person, task, urgent)
    record_event(
        matter=meeting,
        access=access,
        action=RESOLUTION_EVENT,
        note=text,
        data={"item": item.case_number, "owner": owner.name},
    )
    return resolution


@durable
def action_item_add(
    *,
    access: Access,
    resolution: Resolution,
    owner: Organisation | None,
    person: User | None,
    task: str,
    urgent: bool = False,
) -> ActionItem:
    """One more action item for a resolution (several parties may each have their part)."""
    meeting = _locked(resolution.meeting)
    if access.user is None or not MEETING.policy.may(access, meeting, "resolve"):
        raise TransitionForbidden(
            _("The host records resolutions once the meeting is held, until its minutes are final.")
        )
    if owner is None or person is None or not task.strip():
        raise WorkflowError(NO_OWNER)
    item = _open_item(resolution, meeting, owner, person, task, urgent)
    record_event(
        matter=meeting,
        access=access,
        action=RESOLUTION_EVENT,
        note=resolution.text,
        data={"item": item.case_number, "owner": owner.name},
    )
    return item


@durable
def action_item_progress(*, access: Access, item: ActionItem, note: str) -> None:
    """A progress note on an open action item, by its handler or its owner's staff."""
    if not ACTION_ITEM.policy.may(access, item, "progress"):
        raise TransitionForbidden(
            _("The organisation that owns an open action item notes its progress.")
        )
    if not note.strip():
        raise WorkflowError(_("Write what progress was made."))
    record_event(matter=item, access=access, action=PROGRESS_EVENT, note=note)
