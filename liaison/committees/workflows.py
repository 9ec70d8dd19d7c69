"""The adjudication committee session's workflow, declared as data (docs/architecture.md).

    new ─schedule▶ scheduled ─confirm▶ confirmed ─hold▶ held ─close▶ closed
                      │   └─decline▶ declined ─hold──┘
                      └──── postpone (a new time, earlier or later; back to scheduled: the
                            procuratorate answers again)
    scheduled, confirmed, declined ─cancel▶ cancelled

The court's president or judges schedule a session with its agenda and invite a procuratorate
they work with (its partner organisation). The procuratorate's seniors answer: who attends
(its chief procurator, or a deputy the chief procurator entrusts; the engine's invitation to
that person, accepted on the procuratorate's word), or that nobody attends, with the reason.
The court must tell the procuratorate at least three days before (``rules.py``): scheduling,
moving the session earlier and adding to the agenda later are refused. Until the session
starts the court's side may also correct an item or withdraw it with the reason (the
``change_agenda_item`` act; ``actions.py``); the withdrawn item stays on the agenda, marked.
Every change of the agenda is an event the procuratorate's seniors and the attendee are told
of. After the session the court records whether the attendee came and, per case still on the
agenda, the opinion given and the committee's decision; the opinion goes on the linked
matter's timeline too (``OPINION_EVENT``, an event every matter may carry:
``workflow.registry.add_shared_event``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.orgs.roles import COMMITTEE_ROLES, SENIOR_ROLES
from liaison.workflow.definitions import Act, InvitationSpec, Notify, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import deferred_effect

from .forms import ConfirmForm, HoldForm, PostponeForm

ACTIONS = "liaison.committees.actions"
#: The court's side: its president and judges (``orgs.roles.COMMITTEE_ROLES``).
COURT = Who(Relation.OWNER_ORG, COMMITTEE_ROLES)
#: The procuratorate's side: its chief procurator and department heads answer the invitation.
SENIORS = Who(Relation.PARTNER_ORG, frozenset(SENIOR_ROLES))
ATTENDEE = Who(Relation.PARTICIPANT)

AGENDA_EVENT = "committees.agenda.add"
AGENDA_EDIT_EVENT = "committees.agenda.edit"
AGENDA_WITHDRAW_EVENT = "committees.agenda.withdraw"
#: Recorded on the linked matter, whatever its type (``apps.py`` declares it shared).
OPINION_EVENT = "committees.opinion"
OPINION_LABEL = _("Opinion at the adjudication committee")
#: Sessions still to be held, in which the agenda may grow and the time move.
OPEN_STATES = ("scheduled", "confirmed", "declined")


def before_the_session(matter: Matter, access: Access) -> Any:
    """A session that has begun is not moved: it is recorded (``hold``) or cancelled."""
    from .models import CommitteeSession

    assert isinstance(matter, CommitteeSession)
    if matter.has_started:
        return _("The session began at %(time)s: it can no longer be moved.") % {
            "time": timezone.localtime(matter.scheduled_at).strftime("%Y-%m-%d %H:%M")
        }
    return None


def not_before_the_session(matter: Matter, access: Access) -> Any:
    """The session is recorded on or after its day, never before."""
    from .models import CommitteeSession

    assert isinstance(matter, CommitteeSession)
    if timezone.localdate() < matter.day:
        return _("The session is on %(day)s; record it on or after that day.") % {
            "day": matter.day.isoformat()
        }
    return None


SESSION = Workflow(
    name="committees.session",
    label=_("adjudication committee session"),
    model="committees.CommitteeSession",
    case_code="审委",
    detail_template="committees/_detail.html",
    opened_by=COMMITTEE_ROLES,
    states={
        "new": pgettext_lazy("state", "new"),
        "scheduled": pgettext_lazy("state", "awaiting the procuratorate's answer"),
        "confirmed": pgettext_lazy("state", "attendance confirmed"),
        "declined": pgettext_lazy("state", "procuratorate not attending"),
        "held": pgettext_lazy("state", "held"),
        "closed": pgettext_lazy("state", "closed"),
        "cancelled": pgettext_lazy("state", "cancelled"),
    },
    initial="new",
    final=frozenset({"closed", "cancelled"}),
    events={
        AGENDA_EVENT: _("Agenda item added"),
        AGENDA_EDIT_EVENT: _("Agenda item changed"),
        AGENDA_WITHDRAW_EVENT: _("Agenda item withdrawn"),
    },
    # The person the procuratorate names holds the participant relation while invited; a new
    # answer after a postponement may name someone else (``may_change_answer``). The steps
    # that change the invitation are its timeline entries, so no invitation event is declared.
    invitations=InvitationSpec(relation=Relation.PARTICIPANT, may_change_answer=True),
    # The actions also refuse once the session has begun (``CommitteeSession.has_started``):
    # a state cannot say that, the clock does.
    acts={
        "add_agenda_item": Act(who=(COURT,), states=frozenset(OPEN_STATES)),
        "change_agenda_item": Act(who=(COURT,), states=frozenset(OPEN_STATES)),
    },
    notifies={
        AGENDA_EVENT: (
            Notify(
                (SENIORS, ATTENDEE),
                _("%(actor)s added a case to the adjudication committee session “%(title)s”."),
            ),
        ),
        AGENDA_EDIT_EVENT: (
            Notify(
                (SENIORS, ATTENDEE),
                _(
                    "%(actor)s changed case %(case)s on the agenda of the adjudication committee "
                    "session “%(title)s”; the agenda is on its page."
                ),
            ),
        ),
        AGENDA_WITHDRAW_EVENT: (
            Notify(
                (SENIORS, ATTENDEE),
                _(
                    "%(actor)s withdrew case %(case)s from the agenda of the adjudication "
                    "committee session “%(title)s”; the reason is on its page."
                ),
            ),
        ),
    },
    transitions=[
        Transition(
            "schedule",
            "new",
            "scheduled",
            label=_("Schedule"),
            who=(COURT,),
            notifies=(
                Notify(
                    (SENIORS,),
                    _(
                        "%(actor)s invites your procuratorate to the adjudication committee "
                        "session “%(title)s” on %(time)s at %(place)s. Say who attends on its "
                        "page."
                    ),
                ),
            ),
        ),
        Transition(
            "confirm",
            "scheduled",
            "confirmed",
            label=_("Confirm who attends"),
            who=(SENIORS,),
            form=ConfirmForm,
            effect=deferred_effect(ACTIONS, "confirm_effect"),
            notifies=(
                Notify(
                    (COURT,),
                    _(
                        "%(actor)s confirmed who attends the adjudication committee session "
                        "“%(title)s”."
                    ),
                    subject=True,
                ),
            ),
        ),
        Transition(
            "decline",
            "scheduled",
            "declined",
            label=_("Nobody attends"),
            who=(SENIORS,),
            form=ReasonForm,
            effect=deferred_effect(ACTIONS, "decline_effect"),
            style="outline-secondary",
            notifies=(
                Notify(
                    (COURT,),
                    _(
                        "%(actor)s answered that nobody attends the adjudication committee "
                        "session “%(title)s”; the reason is on its page."
                    ),
                ),
            ),
        ),
        Transition(
            "postpone",
            OPEN_STATES,
            "scheduled",
            label=_("Reschedule"),
            who=(COURT,),
            form=PostponeForm,
            guard=before_the_session,
            effect=deferred_effect(ACTIONS, "postpone_effect"),
            style="outline-secondary",
            in_my_work=False,
            notifies=(
                Notify(
                    (SENIORS, ATTENDEE),
                    _(
                        "%(actor)s moved the adjudication committee session “%(title)s” to "
                        "%(scheduled_at)s. Say again who attends."
                    ),
                ),
            ),
        ),
        Transition(
            "hold",
            ("confirmed", "declined"),
            "held",
            label=_("Record the session"),
            who=(COURT,),
            form=HoldForm,
            guard=not_before_the_session,
            effect=deferred_effect(ACTIONS, "hold_effect"),
            notifies=(
                Notify(
                    (SENIORS, ATTENDEE),
                    _(
                        "%(actor)s recorded the adjudication committee session “%(title)s”: "
                        "the attendance, the opinions given and the decisions are on its page."
                    ),
                ),
            ),
        ),
        Transition("close", "held", "closed", label=_("File the session's record"), who=(COURT,)),
        Transition(
            "cancel",
            OPEN_STATES,
            "cancelled",
            label=_("Cancel the session"),
            who=(COURT,),
            form=ReasonForm,
            style="outline-danger",
            in_my_work=False,
            notifies=(
                Notify(
                    (SENIORS, ATTENDEE),
                    _(
                        "%(actor)s cancelled the adjudication committee session “%(title)s”; "
                        "the reason is on its page."
                    ),
                ),
            ),
        ),
    ],
)
