"""Reads about adjudication committee sessions, through the engine's visibility policy: the
sessions a user sees (the court's staff, the invited procuratorate's staff, the attendee), the
court a user schedules for, whom a procuratorate may send and what the agenda may link."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_ROLES, COMMITTEE_ROLES, SENIOR_ROLES, OrganisationKind
from liaison.orgs.selectors import members_with_role, organisations_reachable_from
from liaison.workflow.models import Invitation, Matter, MatterParty, Relation
from liaison.workflow.policy import policy_for
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import AgendaItem, CommitteeSession
from .workflows import OPEN_STATES, SESSION


def sessions_visible_to(access: Access) -> QuerySet[CommitteeSession]:
    """The sessions this user sees, the latest first, each with the procuratorate invited:
    a constant number of queries whatever their number."""
    visible = matters_visible_to(access).filter(matter_type=SESSION.name).values("pk")
    partner = MatterParty.objects.filter(
        matter_id=OuterRef("pk"), relation=Relation.PARTNER_ORG
    ).values("organisation__name")[:1]
    return (
        CommitteeSession.objects.filter(pk__in=visible)
        .select_related("owner")
        .annotate(procuratorate_name=Subquery(partner), next_due=next_due())
        .order_by("-scheduled_at", "-pk")
    )


def awaiting_answer_from(access: Access) -> QuerySet[CommitteeSession]:
    """The invitations this user answers for their procuratorate: sessions still awaiting it."""
    orgs = access.organisations_with(SENIOR_ROLES)
    parties = MatterParty.objects.filter(
        relation=Relation.PARTNER_ORG, organisation_id__in=orgs
    ).values("matter_id")
    return sessions_visible_to(access).filter(state="scheduled", pk__in=parties)


def takes_part(access: Access) -> bool:
    """Who the list page is for: the court's president and judges, and a procuratorate's
    staff (its prosecutors and seniors, who see the sessions it is invited to)."""
    return bool(access.organisations_with(COMMITTEE_ROLES | CASE_ROLES))


def courts_scheduling(access: Access) -> QuerySet[Organisation]:
    """The courts whose sessions this user schedules (their president or judges); with
    several, the page asks which one schedules (``orgs.forms.ActingForForm``)."""
    ids = access.organisations_with(COMMITTEE_ROLES)
    return Organisation.objects.filter(
        pk__in=ids, kind=OrganisationKind.COURT, is_active=True
    ).order_by("pk")


def schedules_sessions(access: Access) -> bool:
    """Whether the user schedules sessions for some court: from the request's seats, no query."""
    return any(
        seat.kind == OrganisationKind.COURT and seat.role in COMMITTEE_ROLES
        for seat in access.seats
    )


def invitable_procuratorates(court: Organisation) -> QuerySet[Organisation]:
    """The procuratorates the court works with (``orgs.Cooperation`` or its own area)."""
    return organisations_reachable_from(court).filter(kind=OrganisationKind.PROCURATORATE)


def invitable_by_any(courts: list[Organisation]) -> QuerySet[Organisation]:
    """The procuratorates any of a judge's courts works with (the form's choices; the action
    checks the pair chosen with ``invitable_procuratorates``)."""
    from liaison.courts.selectors import partners_of_any

    return partners_of_any(courts, OrganisationKind.PROCURATORATE)


def linkable_matters(access: Access) -> QuerySet[Matter]:
    """What an agenda item may link: a matter this user sees, owned by a procuratorate (a
    supervision case, a public-interest suit, a recommendation), never a session itself."""
    return (
        matters_visible_to(access)
        .filter(owner__kind=OrganisationKind.PROCURATORATE)
        .exclude(matter_type=SESSION.name)
        .order_by("-pk")
    )


def is_party(matter: Matter, organisation: Organisation) -> bool:
    """Whether ``organisation`` owns ``matter`` or is its partner."""
    if matter.owner_id == organisation.pk:
        return True
    return MatterParty.objects.filter(
        matter=matter, organisation=organisation, relation=Relation.PARTNER_ORG
    ).exists()


def procuratorate_of(session: Matter) -> Organisation:
    """The procuratorate invited: the session's partner organisation."""
    partner = MatterParty.objects.filter(matter_id=session.pk, relation=Relation.PARTNER_ORG)
    return Organisation.objects.get(pk__in=partner.values("organisation_id"))


def holds(person: Any, organisation: Organisation, role: str) -> bool:
    return person.memberships.filter(
        organisation=organisation, role=role, is_active=True, organisation__is_active=True
    ).exists()


def attendee_candidates(session: Matter) -> QuerySet[User]:
    """Whom the procuratorate may send: its chief procurator, or a senior the chief procurator
    entrusts (the catalogue has no deputy chief procurator; a department head stands in)."""
    return members_with_role(procuratorate_of(session), SENIOR_ROLES)


def attendee_invitation(session: Matter) -> Invitation | None:
    """The invitation of whoever the procuratorate named, accepted (or, once held, recorded)."""
    return (
        Invitation.objects.filter(
            matter=session,
            state__in=(
                Invitation.State.ACCEPTED,
                Invitation.State.ATTENDED,
            ),
        )
        .select_related("person")
        .first()
    )


def invitations_of(session: Matter) -> QuerySet[Invitation]:
    return Invitation.objects.filter(matter=session).select_related("person")


def agenda_of(session: Matter) -> QuerySet[AgendaItem]:
    """The whole agenda as the page shows it, withdrawn items included (marked)."""
    return AgendaItem.objects.filter(session_id=session.pk).select_related("matter")


def live_agenda_of(session: Matter) -> QuerySet[AgendaItem]:
    """What the committee discusses: the items not withdrawn (the calendar, the record)."""
    return agenda_of(session).filter(withdrawn_at__isnull=True)


def told_on(session: Matter) -> list[date]:
    """The day the procuratorate was told of each case still on the agenda (its adding)."""
    return [
        timezone.localtime(added).date()
        for added in live_agenda_of(session).values_list("added_at", flat=True)
    ]


def is_open(session: CommitteeSession) -> bool:
    return session.state in OPEN_STATES


def agenda_changeable(session: CommitteeSession) -> bool:
    """Whether the agenda may still change at all: the session is still to be held and has not
    begun. Who may change it is the policy's (``add_agenda_item``, ``change_agenda_item``)."""
    return is_open(session) and not session.has_started


def may_add_item(access: Access, session: CommitteeSession) -> bool:
    """Whether this user may add a case now: the policy's act, while the agenda may change and
    the procuratorate can still be told in time (``notify_by``)."""
    return (
        agenda_changeable(session)
        and timezone.localdate() <= session.notify_by
        and policy_for(SESSION.name).may(access, session, "add_agenda_item")
    )


def may_change_item(access: Access, session: CommitteeSession, item: AgendaItem) -> bool:
    """Whether this user may correct or withdraw ``item`` now: the policy's act, while the
    agenda may change and the item stands (the action asks the same, under the lock)."""
    return (
        item.withdrawn_at is None
        and agenda_changeable(session)
        and policy_for(SESSION.name).may(access, session, "change_agenda_item")
    )


def opinion_note(session: Any, item: AgendaItem, opinion: str, decision: str) -> str:
    """The sentence put on the linked matter's timeline, in Chinese, the language of the
    record both sides keep."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override("zh-hans"):
        parts = [
            _("%(court)s adjudication committee, session %(number)s, case %(case)s.")
            % {
                "court": session.owner.name,
                "number": session.case_number,
                "case": item.court_case_number,
            }
        ]
        parts.append(
            _("The procuratorate's opinion: %(opinion)s") % {"opinion": opinion}
            if opinion
            else _("The procuratorate gave no opinion.")
        )
        parts.append(_("The committee's decision: %(decision)s") % {"decision": decision})
    return "\n".join(parts)
