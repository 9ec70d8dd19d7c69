"""Scheduling adjudication committee sessions, their agenda, and the effects of their steps.
Every change of a session's state is a workflow transition (``workflows.py``); these are the
changes around them, each in one transaction with its timeline entry, notification and audit
record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import SYSTEM, Access
from liaison.core.transactions import durable
from liaison.orgs.forms import NO_SEAT_CHOSEN
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.workflow.actions import record_event
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError
from liaison.workflow.invitations import LIVE, attendance_record, invitation_answer, invitation_send
from liaison.workflow.models import Invitation, Matter
from liaison.workflow.opening import apply_open
from liaison.workflow.policy import policy_for

from . import selectors
from .models import AgendaItem, CommitteeSession
from .rules import notify_by_for, too_late_error
from .workflows import (
    AGENDA_EDIT_EVENT,
    AGENDA_EVENT,
    AGENDA_WITHDRAW_EVENT,
    OPINION_EVENT,
    SESSION,
)

if TYPE_CHECKING:
    from liaison.accounts.models import User


NOT_SCHEDULER = _("Adjudication committee sessions are scheduled by a court's president or judges.")


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _check_linked(access: Access, procuratorate: Organisation, matter: Matter | None) -> None:
    """A linked matter is one the scheduler sees and the procuratorate invited is a party to
    (its owner or a partner), so both sides read the opinion recorded on it."""
    if matter is None:
        return
    if not selectors.linkable_matters(access).filter(pk=matter.pk).exists():
        raise ValidationError({"matter": _("Choose a matter you can see.")}, code="unseen")
    if not selectors.is_party(matter, procuratorate):
        raise ValidationError(
            {
                "matter": _(
                    "%(procuratorate)s is not a party to %(number)s: link a matter both sides "
                    "follow."
                )
                % {"procuratorate": procuratorate.name, "number": matter.case_number}
            },
            code="not_shared",
        )


@durable
def session_schedule(
    *,
    access: Access,
    title: str,
    scheduled_at: datetime,
    place: str,
    procuratorate: Organisation,
    court_case_number: str,
    summary: str,
    matter: Matter | None = None,
    court: Organisation | None = None,
    **_ignored: Any,
) -> CommitteeSession:
    """Open a session of ``court`` (one where the user schedules sessions; unnamed, the only
    one), with its first agenda item, and invite ``procuratorate`` (a partner from now on; its
    seniors are told). Refused: a user who schedules for no court or not for ``court``, one of
    several courts left unnamed, a procuratorate the court does not work with, a time in the
    past or too soon for the procuratorate to be told (``rules.py``), and a linked matter the
    user does not see or the procuratorate is no party to."""
    courts = list(selectors.courts_scheduling(access))
    if court is None and len(courts) == 1:
        court = courts[0]
    if court is None and courts:
        raise ValidationError({"acting_for": NO_SEAT_CHOSEN}, code="no_court")
    if court is None or court.pk not in {c.pk for c in courts}:
        raise TransitionForbidden(NOT_SCHEDULER)
    if not selectors.invitable_procuratorates(court).filter(pk=procuratorate.pk).exists():
        raise ValidationError(
            {"procuratorate": _("Choose a procuratorate your court works with.")},
            code="not_partner",
        )
    problem = too_late_error(scheduled_at)
    if problem is not None:
        raise ValidationError({"scheduled_at": problem}, code="too_late")
    _check_linked(access, procuratorate, matter)
    session = apply_open(
        workflow=SESSION,
        owner=court,
        access=access,
        fields={
            "title": title,
            "scheduled_at": scheduled_at,
            "place": place,
            "notify_by": notify_by_for(timezone.localtime(scheduled_at).date()),
        },
        partners=[procuratorate],
        start="schedule",
        data={"time": _when(scheduled_at), "place": place},
    )
    assert isinstance(session, CommitteeSession)
    AgendaItem.objects.create(
        session=session, court_case_number=court_case_number, summary=summary, matter=matter
    )
    return session


def _agenda_locked(access: Access, session: CommitteeSession, act: str) -> CommitteeSession:
    """The session, its row locked until the change commits, so two people changing its
    agenda at once take turns (the second reads what the first wrote), refused when it may no
    longer change or the user may not change it (the policy's ``act``)."""
    session = CommitteeSession.objects.select_for_update(of=("matter_ptr",)).get(pk=session.pk)
    if not selectors.is_open(session):
        raise WorkflowError(
            _("The session is “%(state)s”: its agenda no longer changes.")
            % {"state": SESSION.state_label(session.state)}
        )
    if not policy_for(SESSION.name).may(access, session, act):
        raise TransitionForbidden(_("Only the court's president and judges change the agenda."))
    if session.has_started:
        raise WorkflowError(
            _("The session began at %(time)s: its agenda no longer changes.")
            % {"time": _when(session.scheduled_at)}
        )
    CommitteeSession.objects.filter(pk=session.pk).update(agenda_changes=F("agenda_changes") + 1)
    return session


def _too_late_to_add(session: CommitteeSession) -> str | None:
    if timezone.localdate() > session.notify_by:
        return _(
            "Too late to add a case: the procuratorate had to be told of the agenda by "
            "%(latest)s. Postpone the session to add it."
        ) % {"latest": session.notify_by.isoformat()}
    return None


def _item_of(session: CommitteeSession, item: AgendaItem, version: int) -> AgendaItem:
    """The item as it stands (read under the session's lock), refused when it was withdrawn or
    changed since the page that asks showed it (``version``)."""
    current = AgendaItem.objects.get(pk=item.pk, session=session)
    if current.withdrawn_at is not None:
        raise WorkflowError(
            _("Case %(case)s was withdrawn from the agenda: it no longer changes.")
            % {"case": current.court_case_number}
        )
    if current.version != version:
        raise TransitionConflict(
            _(
                "Someone changed case %(case)s on the agenda a moment ago, so your change was not "
                "saved. Check the agenda as it is now and make your change again if still needed."
            )
            % {"case": current.court_case_number}
        )
    return current


@durable
def agenda_item_add(
    *,
    access: Access,
    session: CommitteeSession,
    court_case_number: str,
    summary: str,
    matter: Matter | None = None,
    **_ignored: Any,
) -> AgendaItem:
    """Add a case to the agenda of a session still to be held, while the procuratorate can
    still be told in time (else the session is postponed first); its seniors are told."""
    session = _agenda_locked(access, session, "add_agenda_item")
    problem = _too_late_to_add(session)
    if problem is not None:
        raise WorkflowError(problem)
    _check_linked(access, selectors.procuratorate_of(session), matter)
    item = AgendaItem.objects.create(
        session=session, court_case_number=court_case_number, summary=summary, matter=matter
    )
    record_event(
        matter=session,
        access=access,
        action=AGENDA_EVENT,
        note=court_case_number,
        data={"case": court_case_number, "item": item.pk},
    )
    return item


@durable
def agenda_item_edit(
    *,
    access: Access,
    session: CommitteeSession,
    item: AgendaItem,
    version: int,
    court_case_number: str,
    summary: str,
    matter: Matter | None = None,
    **_ignored: Any,
) -> AgendaItem:
    """Correct an item's details until the session begins; the procuratorate is told.

    Its summary and linked matter may change until then. Its case number may change only while
    a case could still be added (``notify_by``): after that a new number is a case the
    procuratorate was not told of in time, so the court withdraws the item instead (a mistyped
    number found late is corrected by withdrawing the item, with that reason, and postponing
    to add the right one)."""
    session = _agenda_locked(access, session, "change_agenda_item")
    current = _item_of(session, item, version)
    changes = {
        field: value
        for field, value in (
            ("court_case_number", court_case_number),
            ("summary", summary),
            ("matter_id", matter.pk if matter is not None else None),
        )
        if getattr(current, field) != value
    }
    if not changes:
        raise ValidationError(_("The item is as it was: there is nothing to save."), code="same")
    if "court_case_number" in changes and (problem := _too_late_to_add(session)) is not None:
        raise ValidationError({"court_case_number": problem}, code="too_late")
    if "matter_id" in changes:
        _check_linked(access, selectors.procuratorate_of(session), matter)
    AgendaItem.objects.filter(pk=current.pk).update(**changes, version=F("version") + 1)
    before = current.court_case_number
    record_event(
        matter=session,
        access=access,
        action=AGENDA_EDIT_EVENT,
        note=f"{before} → {court_case_number}" if before != court_case_number else before,
        data={"case": court_case_number, "item": current.pk, "changed": ", ".join(changes)},
    )
    current.refresh_from_db()
    return current


@durable
def agenda_item_withdraw(
    *, access: Access, session: CommitteeSession, item: AgendaItem, version: int, reason: str
) -> AgendaItem:
    """Take a case off the agenda until the session begins, with the reason, told to the
    procuratorate. The item stays on the agenda, marked withdrawn (the procuratorate was told
    of it and may have prepared it), and is left out of the calendar and the record. The last
    case is not withdrawn: a session with nothing to discuss is cancelled (its own step)."""
    session = _agenda_locked(access, session, "change_agenda_item")
    current = _item_of(session, item, version)
    if not selectors.live_agenda_of(session).exclude(pk=current.pk).exists():
        raise WorkflowError(
            _(
                "Case %(case)s is the only one left on the agenda: cancel the session instead of "
                "withdrawing it."
            )
            % {"case": current.court_case_number}
        )
    AgendaItem.objects.filter(pk=current.pk).update(
        withdrawn_at=timezone.now(), withdrawal_reason=reason, version=F("version") + 1
    )
    record_event(
        matter=session,
        access=access,
        action=AGENDA_WITHDRAW_EVENT,
        note=f"{current.court_case_number}\n{reason}",  # the timeline names the case
        data={"case": current.court_case_number, "item": current.pk},
    )
    current.refresh_from_db()
    return current


def confirm_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``confirm`` step: the person named attends. The chief procurator attends or entrusts
    a deputy (the 2010 opinion), so a department head may confirm the chief procurator and only
    a chief procurator names someone else. The person is sent the engine's invitation, accepted
    on the procuratorate's word (the answer is the procuratorate's, not the person's); after a
    postponement an earlier attendee no longer named is recorded as declined."""
    attendee: User = data["attendee"]
    procuratorate = selectors.procuratorate_of(matter)
    is_chief = selectors.holds(attendee, procuratorate, Role.CHIEF_PROCURATOR)
    if not is_chief and not access.has_role(procuratorate.pk, [Role.CHIEF_PROCURATOR]):
        raise TransitionForbidden(
            _("Only the chief procurator entrusts someone else to attend in their place.")
        )
    for other in Invitation.objects.filter(matter=matter, state=Invitation.State.ACCEPTED).exclude(
        person=attendee
    ):
        invitation_answer(matter=matter, invitation=other, access=SYSTEM, accept=False)
    invitation = Invitation.objects.filter(matter=matter, person=attendee).first()
    if invitation is None:
        invitation = invitation_send(matter=matter, person=attendee, access=access)
    invitation_answer(matter=matter, invitation=invitation, access=SYSTEM, accept=True)


def postpone_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``postpone`` step: the new time (``rules.reschedule_error`` decided it may be), and
    the new last day to tell the procuratorate. The version grows with the step, so the
    calendar event keeps its UID with a higher SEQUENCE and calendars move it."""
    when = data["scheduled_at"]
    CommitteeSession.objects.filter(pk=matter.pk).update(
        scheduled_at=when, notify_by=notify_by_for(timezone.localtime(when).date())
    )


def hold_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``hold`` step: whether the attendee came, and per agenda item the opinion given and
    the committee's decision, kept on the item and put on the linked matter's timeline, which
    both sides read."""
    standing = Invitation.objects.filter(matter=matter, state__in=LIVE)
    came = data.get("attendance") == "attended"
    accepted = list(standing.filter(state=Invitation.State.ACCEPTED).values_list("pk", flat=True))
    attendance_record(matter=matter, present=accepted if came else [])
    for item in selectors.live_agenda_of(matter):
        opinion = data.get(f"opinion_{item.pk}", "") or ""
        decision = data.get(f"decision_{item.pk}", "") or ""
        AgendaItem.objects.filter(pk=item.pk).update(opinion=opinion, decision=decision)
        if item.matter is not None:
            record_event(
                matter=item.matter,
                access=access,
                action=OPINION_EVENT,
                note=selectors.opinion_note(matter, item, opinion, decision),
                data={"session": matter.case_number, "court": matter.owner.name},
            )


def decline_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``decline`` step: nobody attends; whoever had been named before a postponement is
    recorded as declined (the procuratorate's answer)."""
    for other in Invitation.objects.filter(matter=matter, state=Invitation.State.ACCEPTED):
        invitation_answer(matter=matter, invitation=other, access=SYSTEM, accept=False)
