"""Reads about disputes, and the rules that are not a dispute's steps: who may raise one about a
matter, which side they raise it for, and which agreement's joint office it goes to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.agreements.models import Agreement
from liaison.agreements.selectors import liaison_persons_of
from liaison.agreements.workflows import AGREEMENT
from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import STAFF_ROLES, OrganisationKind
from liaison.workflow.definitions import Label
from liaison.workflow.models import Matter, Relation
from liaison.workflow.selectors import matters_visible_to, sees

from .models import Dispute
from .workflows import DISPUTE

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.meetings.models import JointMeeting

#: Matter types a dispute is never about: the joint office's own records, and disputes.
NOT_DISPUTED = frozenset({DISPUTE.name, AGREEMENT.name, "meetings.meeting", "meetings.action_item"})
#: The organisations whose staff settle disputes through a joint office (seed 003).
SIDES = frozenset({OrganisationKind.PROCURATORATE, OrganisationKind.COURT})
OPEN_STATES = DISPUTE.states_named("raised", "on_agenda")

NOT_SEEN = _("You can raise a dispute only about a matter you see.")
NO_AGREEMENT = _(
    "No cooperation agreement in force binds your organisation and the other side of this "
    "matter: a dispute goes to the joint office under such an agreement. Ask your "
    "organisations to bring one into force first."
)
NOT_A_SIDE = _(
    "Only staff of an organisation that stands to this matter (its owner or a partner) raise a "
    "dispute about it."
)


def takes_part_in_disputes(access: Access) -> bool:
    """Whether the disputes pages are for this user: staff of a procuratorate or a court."""
    return any(s.kind in SIDES and s.role in STAFF_ROLES for s in access.seats)


def disputes_visible_to(access: Access) -> QuerySet[Dispute]:
    visible = matters_visible_to(access).filter(matter_type=DISPUTE.name).values("pk")
    return (
        Dispute.objects.filter(pk__in=visible)
        .select_related("owner", "subject", "meeting", "under_agreement")
        .order_by("-created_at", "-pk")
    )


def disputes_about(access: Access, matter: Matter) -> list[Dispute]:
    """The disputes about ``matter`` this user sees, open ones first (the matter page's panel)."""
    found = list(disputes_visible_to(access).filter(subject_id=matter.pk))
    return sorted(found, key=lambda d: d.state not in OPEN_STATES)


def joint_office(side: Organisation, other: Organisation, matter_type: str) -> Agreement | None:
    """The agreement in force that binds both ``side`` and ``other`` (its owner or a partner
    each), one that governs ``matter_type`` first, then the newest: its liaison persons are the
    joint office the dispute goes to."""

    def party(org: Organisation) -> Q:
        return Q(owner_id=org.pk) | Q(
            parties__relation=Relation.PARTNER_ORG, parties__organisation_id=org.pk
        )

    in_force = Agreement.objects.filter(state=AGREEMENT.state("in_force"))
    both = in_force.filter(pk__in=in_force.filter(party(side)).values("pk")).filter(
        pk__in=in_force.filter(party(other)).values("pk")
    )
    found = list(both.order_by("-in_force_from", "-pk"))
    governing = [a for a in found if matter_type in (a.governs or [])]
    chosen = governing or found
    return chosen[0] if chosen else None


@dataclass(frozen=True)
class Raising:
    """For whom a user raises a dispute about a matter, against whom, under which agreement."""

    side: Organisation
    other: Organisation
    agreement: Agreement | None


def raisings_for(access: Access, matter: Matter) -> list[Raising] | Label:
    """For each side this user may raise a dispute for about ``matter`` (the matter's owner or
    partner organisations where they are staff), the other side and the agreement binding both
    (a side bound to none: its first other side, without an agreement); or the reason they
    may not (a message). With several sides bound by an agreement, the page asks which one
    raises it (``orgs.forms.ActingForForm``)."""
    if matter.matter_type in NOT_DISPUTED or not sees(access, matter):
        return NOT_SEEN
    partner_ids = [
        pk
        for pk in matter.parties.filter(relation=Relation.PARTNER_ORG).values_list(
            "organisation_id", flat=True
        )
        if pk is not None
    ]
    parties = [matter.owner_id, *partner_ids]
    mine = [pk for pk in parties if pk in access.organisations_with(DISPUTE.opened_by)]
    if not mine:
        return NOT_A_SIDE
    orgs = Organisation.objects.in_bulk(parties)
    found: list[Raising] = []
    for side_id in mine:
        unbound: Raising | None = None
        for other_id in parties:
            if other_id == side_id:
                continue
            side, other = orgs[side_id], orgs[other_id]
            agreement = joint_office(side, other, matter.matter_type)
            if agreement is not None:
                found.append(Raising(side, other, agreement))
                break
            unbound = unbound or Raising(side, other, None)
        else:
            if unbound is not None:
                found.append(unbound)
    return found or NO_AGREEMENT


def raising_for(access: Access, matter: Matter) -> Raising | Label:
    """The first of ``raisings_for`` bound by an agreement, else the first (which the page
    shows as the missing agreement), or why they may not raise one."""
    found = raisings_for(access, matter)
    if not isinstance(found, list):
        return found
    return next((r for r in found if r.agreement is not None), found[0])


def may_raise(access: Access, matter: Matter) -> bool:
    if matter.matter_type in NOT_DISPUTED or not takes_part_in_disputes(access):
        return False
    found = raising_for(access, matter)
    return isinstance(found, Raising) and found.agreement is not None


def office_of(agreement: Agreement) -> list[User]:
    """The joint office under ``agreement``: each party's current liaison person, active."""
    return [p for p in liaison_persons_of(agreement).values() if p.is_active]


def next_meeting_for(matter: Matter) -> JointMeeting | None:
    """The next joint meeting scheduled under the dispute's agreement, or None."""
    from liaison.meetings.carrying import next_meeting_of

    dispute = matter if isinstance(matter, Dispute) else Dispute.objects.get(pk=matter.pk)
    return next_meeting_of(dispute.under_agreement_id)


def resolvable_at(matter: Matter) -> Label | None:
    """Why the resolution cannot be recorded now (None when it can): the meeting the dispute is
    on the agenda of must have been held."""
    from liaison.meetings.selectors import HELD_STATES

    dispute = Dispute.objects.select_related("meeting").get(pk=matter.pk)
    if dispute.meeting is None or dispute.meeting.state not in HELD_STATES:
        day = dispute.meeting.day.isoformat() if dispute.meeting is not None else ""
        return _(
            "The resolution is recorded once the joint meeting the dispute is on the agenda of "
            "has been held (%(day)s)."
        ) % {"day": day}
    return None


def with_meetings(disputes: list[Dispute]) -> list[Dispute]:
    """Each dispute with ``next_meeting``: for one waiting to go on an agenda, the next joint
    meeting scheduled under its agreement (None: "awaiting a meeting"); for one on an agenda,
    its meeting. One query for any number of disputes."""
    from liaison.meetings.models import JointMeeting
    from liaison.meetings.selectors import SCHEDULED

    waiting = {d.under_agreement_id for d in disputes if d.state == DISPUTE.state("raised")}
    scheduled: dict[int, JointMeeting] = {}
    if waiting:
        for meeting in JointMeeting.objects.filter(
            under_agreement_id__in=waiting, state=SCHEDULED
        ).order_by("-starts_at", "-pk"):
            scheduled[meeting.under_agreement_id] = meeting  # the earliest wins: last written
    for dispute in disputes:
        if dispute.state == DISPUTE.state("raised"):
            dispute.next_meeting = scheduled.get(dispute.under_agreement_id)  # type: ignore[attr-defined]
        else:
            dispute.next_meeting = dispute.meeting  # type: ignore[attr-defined]
    return disputes
