"""Reads about agreements, for this app's pages and for other apps (the joint meetings).

Keep the names and signatures of ``agreements_of``, ``current_liaison_person``,
``liaison_persons_of``, ``agreements_governing``, ``next_meeting_due``, ``last_meeting_on`` and
``meeting_outlooks`` stable: other apps call them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from liaison.core.access import Access
from liaison.deadlines.calculator import add_months
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import STAFF_ROLES, Role
from liaison.workflow.models import Matter, Relation
from liaison.workflow.selectors import matters_visible_to, may_open, next_due, sees

from . import registry
from .models import Agreement, LiaisonPerson
from .workflows import AGREEMENT

if TYPE_CHECKING:
    from liaison.accounts.models import User

PARTY_RELATIONS = (Relation.OWNER_ORG, Relation.PARTNER_ORG)


def agreements_of(access: Access) -> QuerySet[Agreement]:
    """The agreements this user sees (the workflow's policy: each party's staff), newest
    first, with their owner and parties loaded."""
    visible = matters_visible_to(access).filter(matter_type=AGREEMENT.name).values("pk")
    return (
        Agreement.objects.filter(pk__in=visible)
        .select_related("owner", "replaced_by")
        .prefetch_related("parties__organisation")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )


def get_agreement_for(access: Access, pk: int) -> Agreement | None:
    """The agreement ``pk`` if this user sees it (None for missing and forbidden alike)."""
    return agreements_of(access).filter(pk=pk).first()


def party_ids(agreement: Matter) -> set[int]:
    """The organisations party to ``agreement``: its owner and its partners."""
    partners = agreement.parties.filter(relation=Relation.PARTNER_ORG).values_list(
        "organisation_id", flat=True
    )
    return {agreement.owner_id, *(pk for pk in partners if pk is not None)}


def parties_of(agreement: Agreement) -> list[Organisation]:
    """The parties, owner first, then the partners by name."""
    ids = party_ids(agreement) - {agreement.owner_id}
    partners = list(Organisation.objects.filter(pk__in=ids).order_by("name", "pk"))
    return [agreement.owner, *partners]


def current_liaison_person(agreement: Agreement, organisation: Organisation) -> User | None:
    """The liaison person ``organisation`` names under ``agreement`` now, or None."""
    row = (
        LiaisonPerson.objects.filter(
            agreement=agreement, organisation=organisation, ended_at__isnull=True
        )
        .select_related("person")
        .first()
    )
    return row.person if row is not None else None


def liaison_persons_of(agreement: Agreement) -> dict[int, User]:
    """Each party's current liaison person, by organisation id (parties naming none left out)."""
    rows = LiaisonPerson.objects.filter(agreement=agreement, ended_at__isnull=True).select_related(
        "person"
    )
    return {row.organisation_id: row.person for row in rows}


def liaison_history_of(agreement: Agreement) -> QuerySet[LiaisonPerson]:
    """Every liaison person each party has named, the current one first."""
    return (
        LiaisonPerson.objects.filter(agreement=agreement)
        .select_related("person", "organisation", "named_by")
        .order_by("organisation__name", "organisation_id", "-started_at", "-pk")
    )


def agreements_governing(matter: Matter) -> QuerySet[Agreement]:
    """The agreements in force that ``matter`` runs under: its type is among those they govern,
    its owner is a party, and so is one of its partner organisations (when it has any)."""
    partners = set(
        matter.parties.filter(relation=Relation.PARTNER_ORG).values_list(
            "organisation_id", flat=True
        )
    )
    parties_with_owner = Agreement.objects.filter(
        Q(owner_id=matter.owner_id)
        | Q(parties__relation=Relation.PARTNER_ORG, parties__organisation_id=matter.owner_id),
        state=AGREEMENT.state("in_force"),
    ).distinct()
    if partners:
        parties_with_owner = parties_with_owner.filter(
            Q(owner_id__in=partners)
            | Q(parties__relation=Relation.PARTNER_ORG, parties__organisation_id__in=partners)
        )
    found = [
        pk
        for pk, governs in parties_with_owner.values_list("pk", "governs")
        if matter.matter_type in (governs or [])
    ]
    return Agreement.objects.filter(pk__in=found).order_by("-in_force_from", "-pk")


def agreements_governing_seen_by(access: Access, matter: Matter) -> list[Agreement]:
    """Of ``agreements_governing(matter)``, those this user sees (the matter page's panel)."""
    if matter.matter_type == AGREEMENT.name:
        return []
    governing = agreements_governing(matter)
    return list(agreements_of(access).filter(pk__in=governing.values("pk")))


@dataclass(frozen=True)
class MeetingOutlook:
    """Where an agreement stands with its joint meetings: the one rule for "overdue", read by
    its page, the list, the meetings app's alerts and "my work"."""

    last_held_on: date | None
    #: The day the next joint meeting is due by the cadence, while the agreement is in force.
    next_due: date | None
    scheduled: bool
    #: The day it was due, when that is before today and no meeting is scheduled.
    overdue_since: date | None

    @property
    def overdue(self) -> bool:
        return self.overdue_since is not None


def meeting_outlooks(agreements: Sequence[Agreement], today: date) -> dict[int, MeetingOutlook]:
    """Each agreement's ``MeetingOutlook`` by id: one call of the meetings app's
    ``registry.meetings_provider`` for them all."""
    records = registry.meetings_provider(agreements)
    in_force = AGREEMENT.state("in_force")
    outlooks = {}
    for agreement in agreements:
        record = records.get(agreement.pk, registry.NO_MEETINGS)
        due = next_meeting_due(agreement, record.last_held_on)
        due = due if agreement.state == in_force else None
        late = due is not None and due < today and not record.scheduled
        outlooks[agreement.pk] = MeetingOutlook(
            record.last_held_on, due, record.scheduled, due if late else None
        )
    return outlooks


def meeting_outlook(agreement: Agreement, today: date) -> MeetingOutlook:
    return meeting_outlooks([agreement], today)[agreement.pk]


def last_meeting_on(agreement: Agreement) -> date | None:
    """The day the parties last held a joint meeting under ``agreement``; None when nobody
    has met."""
    return (
        registry.meetings_provider([agreement]).get(agreement.pk, registry.NO_MEETINGS).last_held_on
    )


def with_next_meetings(agreements: list[Agreement], today: date) -> list[Agreement]:
    """Each agreement with ``next_meeting`` (the day its next joint meeting is due, while in
    force) and ``meeting_overdue`` set, for a list page."""
    outlooks = meeting_outlooks(agreements, today)
    for agreement in agreements:
        agreement.next_meeting = outlooks[agreement.pk].next_due  # type: ignore[attr-defined]
        agreement.meeting_overdue = outlooks[agreement.pk].overdue  # type: ignore[attr-defined]
    return agreements


def next_meeting_due(agreement: Agreement, last_meeting_on: date | None) -> date | None:
    """The day the next joint meeting is due by the agreement's cadence: that many months after
    the last meeting, or, before the first, after it came into force (or was signed). None
    when it names no cadence or has not been signed."""
    if not agreement.meeting_cadence:
        return None
    since = last_meeting_on or agreement.in_force_from or agreement.signed_on
    if since is None:
        return None
    return add_months(since, agreement.meeting_cadence)


def meeting_overdue(agreement: Agreement, today: date) -> bool:
    """Whether the agreement is in force, its next joint meeting was due before ``today`` and
    none is scheduled."""
    return meeting_outlook(agreement, today).overdue


def replacements_for(agreement: Matter | None) -> QuerySet[Agreement]:
    """The agreements that may replace ``agreement``: the same owner's others, signed or in
    force."""
    if agreement is None:
        return Agreement.objects.none()
    return (
        Agreement.objects.filter(
            owner_id=agreement.owner_id,
            state__in=AGREEMENT.states_named("signed", "in_force"),
        )
        .exclude(pk=agreement.pk)
        .order_by("-created_at")
    )


# -- who may do what: the rules that are not the matter's acts ---------------------------------


def takes_part_in_agreements(access: Access) -> bool:
    """Whether the agreements pages are for this user: staff of an organisation."""
    return bool(access.staff_organisation_ids)


def may_draft(access: Access) -> bool:
    return may_open(access, AGREEMENT)


def drafting_organisations(access: Access) -> QuerySet[Organisation]:
    """The organisations this user may draft agreements for (the workflow's ``opened_by``)."""
    ids = access.organisations_with(AGREEMENT.opened_by)
    return Organisation.objects.filter(pk__in=ids, is_active=True).order_by("path")


def may_name_liaison(access: Access, agreement: Agreement, organisation: Organisation) -> bool:
    """The one rule for naming a party's liaison person: while the agreement is not ended,
    the party's own administrator, or its current liaison person, who sees the agreement."""
    if agreement.state in AGREEMENT.final or organisation.pk not in party_ids(agreement):
        return False
    if access.is_system:  # the demo's first liaison persons, as the seeds name them
        return True
    if access.user is None:
        return False
    if not sees(access, agreement):
        return False
    if access.has_role(organisation.pk, {Role.ADMINISTRATOR}):
        return True
    current = current_liaison_person(agreement, organisation)
    return current is not None and current.pk == access.user.pk


def liaison_candidates(organisation: Organisation) -> QuerySet[Any]:
    """Whom ``organisation`` may name: its staff with an active membership, by name."""
    from liaison.accounts.models import User

    members = Membership.objects.filter(
        organisation=organisation, is_active=True, role__in=STAFF_ROLES
    ).values("person_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("pk")


def namable_parties(access: Access, agreement: Agreement) -> list[Organisation]:
    """The parties whose liaison person this user may name on ``agreement``'s page."""
    return [o for o in parties_of(agreement) if may_name_liaison(access, agreement, o)]
