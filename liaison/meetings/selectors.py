"""Reads about joint meetings and action items, and the rules that are not a matter's acts
(who schedules under an agreement, for which party a user approves minutes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from liaison.agreements.models import Agreement
from liaison.agreements.registry import MeetingsRecord
from liaison.agreements.selectors import (
    agreements_of,
    last_meeting_on,
    liaison_persons_of,
    meeting_outlooks,
    next_meeting_due,
    party_ids,
)
from liaison.agreements.workflows import AGREEMENT
from liaison.core.access import Access
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import STAFF_ROLES
from liaison.workflow.models import Invitation, Matter
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import ActionItem, AgendaItem, JointMeeting, MinutesApproval, Resolution
from .workflows import ACTION_ITEM, MEETING

if TYPE_CHECKING:
    from liaison.accounts.models import User

HELD_STATES = MEETING.states_named("held", "minutes_drafted", "minutes_approved")
SCHEDULED = MEETING.state("scheduled")
OPEN_ITEM_STATES = ACTION_ITEM.states_named("open", "overdue")


def meetings_visible_to(access: Access) -> QuerySet[JointMeeting]:
    visible = matters_visible_to(access).filter(matter_type=MEETING.name).values("pk")
    return (
        JointMeeting.objects.filter(pk__in=visible)
        .select_related("owner", "under_agreement")
        .order_by("-starts_at", "-pk")
    )


def action_items_visible_to(access: Access) -> QuerySet[ActionItem]:
    visible = matters_visible_to(access).filter(matter_type=ACTION_ITEM.name).values("pk")
    return (
        ActionItem.objects.filter(pk__in=visible)
        .select_related("owner", "resolution__meeting")
        .annotate(next_due=next_due())
        .order_by("state", "next_due", "pk")
    )


def meetings_records(agreements: Sequence[Agreement]) -> dict[int, MeetingsRecord]:
    """The ``agreements.registry`` hook: for each agreement, the day its last joint meeting
    was held and whether one is scheduled. One query for any number of agreements."""
    rows = (
        JointMeeting.objects.filter(under_agreement__in=[a.pk for a in agreements])
        .values("under_agreement_id")
        .annotate(
            held=Max("starts_at", filter=Q(state__in=HELD_STATES)),
            scheduled=Count("pk", filter=Q(state=SCHEDULED)),
        )
        .values_list("under_agreement_id", "held", "scheduled")
    )
    return {
        pk: MeetingsRecord(timezone.localtime(held).date() if held else None, scheduled > 0)
        for pk, held, scheduled in rows
    }


def suggested_start(agreement: Agreement, today: date) -> date:
    """The day to offer for the next meeting: when it is due by the cadence, or today + 7 days
    when that is past or the agreement names no cadence."""
    from datetime import timedelta

    due = next_meeting_due(agreement, last_meeting_on(agreement))
    earliest = today + timedelta(days=7)
    return due if due is not None and due >= earliest else earliest


def hosting_party(access: Access, agreement: Agreement) -> Organisation | None:
    """The party for which this user is the current liaison person (the host if they schedule
    a meeting, the party they approve minutes for), or None."""
    if access.user_id is None:
        return None
    for org_id, person in liaison_persons_of(agreement).items():
        if person.pk == access.user_id:
            return Organisation.objects.get(pk=org_id)
    return None


def may_schedule(access: Access, agreement: Agreement) -> bool:
    return agreement.state == AGREEMENT.state("in_force") and (
        hosting_party(access, agreement) is not None
    )


def schedulable_agreements(access: Access) -> list[Agreement]:
    """The agreements in force this user schedules meetings under (as a liaison person)."""
    from liaison.agreements.models import LiaisonPerson

    ids = LiaisonPerson.objects.filter(person_id=access.user_id, ended_at__isnull=True).values(
        "agreement_id"
    )
    return list(agreements_of(access).filter(pk__in=ids, state=AGREEMENT.state("in_force")))


def overdue_agreements(access: Access, today: date) -> list[tuple[Agreement, date]]:
    """The agreements in force this user sees whose next joint meeting was due before
    ``today`` and under which no meeting is scheduled, with the day it was due. One query for
    the agreements and one for the days of their last meetings."""
    return overdue_agreements_among(access, None, today)


def overdue_agreements_among(
    access: Access, ids: list[int] | None, today: date
) -> list[tuple[Agreement, date]]:
    """``overdue_agreements``, among the agreements ``ids`` only (all when None): the
    agreements' own rule (``agreements.selectors.meeting_outlooks``)."""
    found_in = agreements_of(access).filter(
        state=AGREEMENT.state("in_force"), meeting_cadence__isnull=False
    )
    if ids is not None:
        found_in = found_in.filter(pk__in=ids)
    agreements = list(found_in)
    outlooks = meeting_outlooks(agreements, today)
    return [
        (a, outlooks[a.pk].overdue_since)  # type: ignore[misc]
        for a in agreements
        if outlooks[a.pk].overdue
    ]


def overdue_meetings_for_liaison(access: Access, today: date) -> list[tuple[Agreement, date]]:
    """``overdue_agreements`` among those where this user is a party's liaison person."""
    from liaison.agreements.models import LiaisonPerson

    ids = list(
        LiaisonPerson.objects.filter(person_id=access.user_id, ended_at__isnull=True).values_list(
            "agreement_id", flat=True
        )
    )
    return overdue_agreements_among(access, ids, today) if ids else []


def parties_of_meeting(meeting: JointMeeting) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=party_ids(meeting.under_agreement)).order_by("pk")


def party_staff(meeting: JointMeeting) -> QuerySet[Any]:
    """The people of the parties a meeting may invite: active staff of a party."""
    from liaison.accounts.models import User

    members = Membership.objects.filter(
        organisation_id__in=party_ids(meeting.under_agreement),
        organisation__is_active=True,
        is_active=True,
        role__in=STAFF_ROLES,
    ).values("person_id")
    return (
        User.objects.filter(pk__in=members, is_active=True)
        .exclude(pk__in=Invitation.objects.filter(matter=meeting).values("person_id"))
        .order_by("name", "pk")
    )


def party_staff_all(meeting: JointMeeting) -> QuerySet[Any]:
    """Every active staff member of the meeting's parties (who may own an action item)."""
    from liaison.accounts.models import User

    members = Membership.objects.filter(
        organisation_id__in=party_ids(meeting.under_agreement),
        organisation__is_active=True,
        is_active=True,
        role__in=STAFF_ROLES,
    ).values("person_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("name", "pk")


def takes_part_in_meetings(access: Access) -> bool:
    """Whether the joint meetings pages are for this user: staff of an organisation."""
    return bool(access.staff_organisation_ids)


def is_party_staff(person: User, organisation_id: int) -> bool:
    return Membership.objects.filter(
        person=person,
        organisation_id=organisation_id,
        organisation__is_active=True,
        is_active=True,
        role__in=STAFF_ROLES,
    ).exists()


def invitation_of(meeting: JointMeeting, person: Any) -> Invitation | None:
    if person is None or not getattr(person, "is_authenticated", False):
        return None
    return Invitation.objects.filter(matter=meeting, person=person).first()


def invitations_of(meeting: JointMeeting) -> QuerySet[Invitation]:
    return Invitation.objects.filter(matter=meeting).select_related("person").order_by("pk")


def agenda_of(meeting: JointMeeting, access: Access) -> list[AgendaItem]:
    """The agenda, each item with the linked matters this user sees (the others counted)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("proposed_by", "carried")
        .prefetch_related("matters")
    )
    seen = set(
        matters_visible_to(access)
        .filter(pk__in=[m.pk for i in items for m in i.matters.all()])
        .values_list("pk", flat=True)
    )
    for item in items:
        every = list(item.matters.all())
        item.seen_matters = [m for m in every if m.pk in seen]  # type: ignore[attr-defined]
        item.unseen_count = len(every) - len(item.seen_matters)  # type: ignore[attr-defined]
    return items


def approvals_of(meeting: JointMeeting) -> dict[int, MinutesApproval]:
    """The approvals of the current draft of the minutes, by party."""
    return {
        a.organisation_id: a
        for a in MinutesApproval.objects.filter(
            meeting=meeting, round=meeting.minutes_round
        ).select_related("approved_by")
    }


def resolutions_of(meeting: JointMeeting) -> QuerySet[Resolution]:
    return Resolution.objects.filter(meeting=meeting).prefetch_related(
        "items__owner", "items__parties__person"
    )


def handler_of(item: Matter) -> Any:
    for party in item.parties.all():
        if party.relation == "handler":
            return party.person
    return None


def matters_by_number(access: Access, numbers: list[str]) -> tuple[list[Matter], list[str]]:
    """The matters with these case numbers that this user sees, and the numbers not found."""
    found = list(matters_visible_to(access).filter(case_number__in=numbers))
    missing = sorted(set(numbers) - {m.case_number for m in found if m.case_number})
    return found, missing
