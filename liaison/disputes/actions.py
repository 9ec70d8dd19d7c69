"""Raising a dispute, and the effects of its steps (``workflows.DISPUTE``): putting it on the
next joint meeting's agenda, taking it off when that meeting is cancelled, recording the
resolution. Every change of state is a workflow transition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import SYSTEM, Access
from liaison.core.transactions import durable
from liaison.meetings.models import AgendaItem, JointMeeting
from liaison.meetings.workflows import AGENDA_EVENT, RESOLUTION_EVENT
from liaison.orgs.forms import NO_SEAT_CHOSEN
from liaison.orgs.models import Organisation
from liaison.workflow.actions import apply_transition, record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import add_parties, apply_open

from .forms import NO_GROUNDS
from .models import Dispute
from .selectors import NO_AGREEMENT, NOT_A_SIDE, OPEN_STATES, office_of, raisings_for
from .workflows import DISPUTE


@durable
def dispute_raise(
    *, access: Access, subject: Matter, grounds: str, side: Organisation | None = None
) -> Dispute:
    """Raise a dispute about ``subject`` for the user's side (``side``; unnamed, the only one an
    agreement binds) against the other side; it goes to the joint office of the agreement in
    force binding both (its liaison persons take part). Refused about a matter the user does
    not see, for a side not theirs or unnamed among several, without grounds, and when no
    agreement in force binds both sides."""
    subject = Matter.objects.select_for_update().get(pk=subject.pk)
    raisings = raisings_for(access, subject)
    if not isinstance(raisings, list):
        raise TransitionForbidden(raisings)
    bound = [r for r in raisings if r.agreement is not None]
    if side is None and len(bound) > 1:
        raise WorkflowError(NO_SEAT_CHOSEN)
    if side is not None and side.pk not in {r.side.pk for r in raisings}:
        raise TransitionForbidden(NOT_A_SIDE)
    found = next((r for r in bound if side is None or r.side.pk == side.pk), None)
    if found is None or found.agreement is None:
        raise WorkflowError(NO_AGREEMENT)
    if not grounds.strip():
        raise WorkflowError(NO_GROUNDS)
    dispute = apply_open(
        workflow=DISPUTE,
        owner=found.side,
        access=access,
        fields={
            "title": f"{subject.case_number or ''} {subject.title}".strip()[:200],
            "subject": subject,
            "grounds": grounds,
            "under_agreement": found.agreement,
        },
        partners=[found.other],
        handlers=[access.user] if access.user is not None else [],
    )
    add_parties(matter=dispute, participants=office_of(found.agreement))
    apply_transition(matter=dispute, name="raise", access=access, just_opened=True)
    assert isinstance(dispute, Dispute)
    return dispute


def _dispute(matter: Matter) -> Dispute:
    return Dispute.objects.select_related("under_agreement", "meeting").get(pk=matter.pk)


def put_on_agenda(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``agenda`` step's effect: an agenda item of the next scheduled joint meeting under
    the agreement, linking the dispute and the matter it is about (the meeting's row locked,
    as ``meetings.actions.agenda_propose`` does)."""
    from liaison.meetings.carrying import next_meeting_of

    dispute = _dispute(matter)
    meeting = next_meeting_of(dispute.under_agreement_id)
    if meeting is None:  # the guard said there was one; a cancellation came in between
        raise WorkflowError(_("No joint meeting is scheduled under the agreement any more."))
    meeting = JointMeeting.objects.select_for_update(of=("matter_ptr",)).get(pk=meeting.pk)
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=f"{dispute.case_number} {dispute.title}"[:200],
        notes=dispute.grounds,
        proposed_by_id=dispute.owner_id,
        proposer=access.user,
    )
    item.matters.add(dispute.pk, dispute.subject_id)
    Dispute.objects.filter(pk=dispute.pk).update(meeting=meeting)
    record_event(
        matter=meeting,
        access=access,
        action=AGENDA_EVENT,
        note=item.title,
        data={"party": dispute.owner.name},
    )


def off_agenda(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``meeting_cancelled`` step's effect: the dispute waits for the next meeting."""
    Dispute.objects.filter(pk=matter.pk).update(meeting=None)


def record_resolution(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``resolve`` step's effect: the resolution kept on the dispute, and on the timeline
    of the meeting that reached it."""
    dispute = _dispute(matter)
    Dispute.objects.filter(pk=dispute.pk).update(
        resolution=data["resolution"], resolved_at=timezone.now()
    )
    if dispute.meeting is not None:
        record_event(
            matter=dispute.meeting,
            access=access,
            action=RESOLUTION_EVENT,
            note=data["resolution"],
            data={"dispute": dispute.case_number},
        )


def meeting_cancelled(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """A reaction to a joint meeting's ``cancel`` step: the disputes on its agenda, not yet
    resolved, go back to waiting for a meeting."""
    for dispute in Dispute.objects.filter(meeting_id=matter.pk, state=DISPUTE.state("on_agenda")):
        apply_transition(matter=dispute, name="meeting_cancelled", access=SYSTEM)


def office_changed(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """A reaction to a liaison person named under an agreement (``agreements.liaison.named``):
    the joint office of its open disputes follows, the new person in, the previous one out
    (unless still the liaison person of another party)."""
    from liaison.accounts.models import User
    from liaison.agreements.models import Agreement
    from liaison.workflow.models import Relation
    from liaison.workflow.opening import remove_parties

    open_disputes = list(
        Dispute.objects.filter(under_agreement_id=matter.pk, state__in=OPEN_STATES)
    )
    if not open_disputes:
        return
    office = office_of(Agreement.objects.get(pk=matter.pk))
    person = data.get("person")
    newcomer = User.objects.filter(pk=person).first() if person else None
    previous = data.get("previous")
    for dispute in open_disputes:
        if newcomer is not None:
            add_parties(matter=dispute, participants=[newcomer])
        if previous and previous not in {p.pk for p in office}:
            remove_parties(
                matter=dispute,
                relation=Relation.PARTICIPANT,
                people=User.objects.filter(pk=previous),
            )
