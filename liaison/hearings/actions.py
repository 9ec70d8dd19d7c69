"""Scheduling hearings, inviting participants and their answers. Every change of a hearing's
state is a workflow transition (``workflows.py``); these are the changes around them, each in
one transaction with its timeline event, notification and audit record."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.deadlines.calculator import latest_day_before
from liaison.deadlines.calendar import current_calendar
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault, get_period
from liaison.orgs.roles import OrganisationKind
from liaison.volunteers.ages import minimum_age_for, too_young
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.invitations import invitation_answer, invitation_send
from liaison.workflow.models import Matter
from liaison.workflow.opening import apply_open

from .models import Hearing, HearingRole, Participant
from .selectors import OPEN_STATES, holds_role_for, may_run
from .workflows import HEARING

if TYPE_CHECKING:
    from liaison.accounts.models import User

#: Read here, not run by a clock: declared by this app (``apps.py``) for the period table.
NOTICE_PERIOD = PeriodDefault(
    code="hearings.participant_notice",
    name="听证三日前告知参加人案由、时间、地点",
    name_en="Participants told of a procuratorial hearing (case, time, place) beforehand",
    amount=3,
    unit=Unit.DAYS,
    rule="《人民检察院审查案件听证工作规定》（2020年）第十条；公开听证的，应当发布公告。"
    "本期间自听证日向前倒数",
    remind_before_days=1,
)
_SEARCH_DAYS = 400


def notify_by_for(day: date) -> date:
    """The last day on which participants can be told of a hearing on ``day``."""
    period = get_period(NOTICE_PERIOD.code)
    return latest_day_before(day, period.amount, period.unit, current_calendar())


def earliest_hearing_day(today: date) -> date:
    """The first day a hearing scheduled today can be held, participants told today."""
    for offset in range(1, _SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if notify_by_for(day) >= today:
            return day
    raise ValueError("no hearing day within a year")  # pragma: no cover - periods are short


def _too_late(day: date) -> ValidationError:
    period = get_period(NOTICE_PERIOD.code)
    return ValidationError(
        {
            "scheduled_at": _(
                "Participants must be told at least %(amount)s %(unit)s before the hearing, so "
                "the earliest day for it is %(earliest)s."
            )
            % {
                "amount": period.amount,
                "unit": period.get_unit_display(),
                "earliest": earliest_hearing_day(timezone.localdate()).isoformat(),
            }
        },
        code="too_late",
    )


@durable
def hearing_schedule(
    *,
    access: Access,
    case: Matter,
    title: str,
    subject: str,
    scheduled_at: datetime,
    place: str,
    public: bool = True,
    **_ignored: Any,
) -> Hearing:
    """Open a hearing on ``case``, held by the procuratorate that handles the case; the user
    who schedules it handles it. A time too soon for participants to be told is refused on
    that field, with the earliest day that would do."""
    if case.owner.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("A hearing is held by the procuratorate that handles the case."))
    day = timezone.localtime(scheduled_at).date()
    notify_by = notify_by_for(day)
    if timezone.localdate() > notify_by:
        raise _too_late(day)
    hearing = apply_open(
        workflow=HEARING,
        owner=case.owner,
        access=access,
        fields={
            "title": title,
            "case": case,
            "subject": subject,
            "scheduled_at": scheduled_at,
            "place": place,
            "public": public,
            "notify_by": notify_by,
        },
        handlers=[access.user] if access.user is not None else [],
        start="schedule",
    )
    assert isinstance(hearing, Hearing)
    return hearing


def _when(hearing: Hearing) -> str:
    return timezone.localtime(hearing.scheduled_at).strftime("%Y-%m-%d %H:%M")


@durable
def hearing_invite(*, hearing: Hearing, access: Access, person: User, role: str) -> Participant:
    """Invite ``person`` to the hearing in ``role``: an engine invitation
    (``workflow.invitations``), whose event the workflow declares and tells them of (inbox,
    email, text message).

    Refused after the last day on which participants can be told of the hearing, for someone
    already invited, for a role the person does not hold (a volunteer must be one), and as a
    volunteer for someone under the minimum age of their volunteer organisations
    (``volunteers.ages.minimum_age_for``), which may have been raised since they joined."""
    hearing = Hearing.objects.select_for_update().select_related("owner").get(pk=hearing.pk)
    if not may_run(access, hearing) or access.user is None:
        raise TransitionForbidden(_("Only the prosecutors running the hearing invite to it."))
    if hearing.state not in OPEN_STATES:
        raise WorkflowError(_("Participants are invited before the hearing is held."))
    if timezone.localdate() > hearing.notify_by:
        raise WorkflowError(
            _(
                "Too late to invite: participants must be told of this hearing by %(latest)s. "
                "Schedule a new hearing for a later day to invite more people."
            )
            % {"latest": hearing.notify_by.isoformat()}
        )
    if role not in HearingRole.values:
        raise WorkflowError(_("Choose the participant's role in the hearing."))
    if not person.is_active:
        raise WorkflowError(_("This person's account is closed."))
    if Participant.objects.filter(hearing=hearing, person=person).exists():
        raise WorkflowError(
            _("%(name)s is already invited to this hearing.") % {"name": person.display_name}
        )
    if not holds_role_for(person, role):
        raise WorkflowError(
            _("%(name)s cannot take part as a %(role)s: they are not registered as one.")
            % {"name": person.display_name, "role": HearingRole(role).label}
        )
    if role == HearingRole.VOLUNTEER:
        minimum = minimum_age_for(person)
        if too_young(person, minimum):
            raise WorkflowError(
                _(
                    "%(name)s cannot be invited as a volunteer: volunteer roles are for people "
                    "aged %(age)d or older, and their resident ID number does not show that age."
                )
                % {"name": person.display_name, "age": minimum}
            )
    invitation = invitation_send(
        matter=hearing,
        person=person,
        access=access,
        note=f"{person.display_name} · {HearingRole(role).label}",
        data={
            "role": role,
            "owner": hearing.owner.name,
            "time": _when(hearing),
            "place": hearing.place,
        },
    )
    return Participant.objects.create(
        hearing=hearing, person=person, role=role, invitation=invitation
    )


@durable
def hearing_respond(*, participant: Participant, access: Access, accept: bool) -> Participant:
    """The invited person accepts or declines (and may change their mind until the hearing is
    held); whoever handles the hearing is told (the workflow's ``notifies``)."""
    participant = Participant.objects.select_related("hearing", "invitation").get(pk=participant.pk)
    if access.user_id != participant.person_id:
        raise TransitionForbidden(_("Only the person invited answers the invitation."))
    hearing = participant.hearing
    if hearing.state not in OPEN_STATES:
        raise WorkflowError(_("This hearing is no longer open for answers."))
    invitation_answer(
        matter=hearing, invitation=participant.invitation, access=access, accept=accept
    )
    participant.invitation.refresh_from_db()
    return participant
