"""What both kinds of public-interest case (``workflows.ADMIN_CASE``, ``workflows.CIVIL_CASE``)
are declared from alike: who takes their steps (the prosecutors, the handler, the court a suit is
brought before) and which approvals those steps need, what the court sees of a case, the
follow-up on site (its volunteer supervisors, observers, acts and events), the states and steps
both kinds share (filing, suing, the court's registration, hearings and judgment, enforcement,
termination) and the effects those steps name. ``workflows.py`` puts the two kinds together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.orgs.roles import CASE_ROLES, SENIOR_ROLES, Role
from liaison.workflow.definitions import (
    Act,
    Approval,
    Effect,
    Notify,
    Panel,
    Sight,
    Transition,
    Who,
)
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import HANDLING, deferred_effect

from .forms import ConclusionForm, EnforcementForm, FileCaseForm, SueForm
from .models import JUDGMENT_PURPOSE, OBSERVATION_PHOTO_PURPOSE, EvidenceKind
from .suit_forms import CourtHearingForm, CourtJudgmentForm, RegisterSuitForm

#: Any prosecutor of the procuratorate (before the case has a handler).
PROSECUTORS = Who(Relation.OWNER_ORG, CASE_ROLES)
#: Filing a case takes effect once the department head and then the chief procurator approve,
#: unless the procuratorate configures its own approvers (serving its recommendation too: the
#: recommendation's kind says so, ``recommending.PRE_LITIGATION``).
APPROVED_BY_SENIORS = Approval(default_approvers=SENIOR_ROLES)
HANDLER = Who(Relation.HANDLER)
#: Deciding to sue, and ending a case without suing (terminating it, closing it as rectified, or
#: closing it because an entitled organ sued), take effect once the chief procurator approves
#: (issue 11; unless the procuratorate configures its own approvers for them).
APPROVED_BY_CHIEF = Approval(default_approvers=(Role.CHIEF_PROCURATOR,))

#: The court a suit is brought before: a partner of the case from the suit on
#: (``suit_actions.suit_filed``); its judges and its president register the suit, record its
#: hearings and its judgment.
COURT = Who(Relation.PARTNER_ORG, frozenset({Role.JUDGE, Role.COURT_PRESIDENT}))
#: The states in which the court sees the case: from the suit on (a court named on no suit is
#: no partner, and the agency of a pre-litigation recommendation is a partner of the
#: recommendation only).
SUIT_STATES = frozenset({"litigation", "registered", "judged", "concluded"})
#: The court sees the case from the suit on; it adds nothing to the procuratorate's file or
#: its comments (its judgment document comes with its step), on its timeline reads the suit's
#: steps only, not the procuratorate's notes, approvals and internal steps, and of its files
#: the suit's and the judgment (``COURT_FILES``).
#: The files of a case the court before which it is sued sees: the suit document, the evidence
#: submitted with it and its own judgment; never the rest of the investigation file.
COURT_FILES = frozenset({EvidenceKind.SUIT, EvidenceKind.SUIT_EVIDENCE, JUDGMENT_PURPOSE})
COURT_SIGHT = Sight(
    Who(Relation.PARTNER_ORG),
    SUIT_STATES,
    comments=frozenset(),
    attachments=frozenset(),
    reads=frozenset({"sue", "register", "record_hearing", "record_judgment", "record_enforcement"}),
    files=COURT_FILES,
)
#: Every file a case keeps: its investigation file, on-site observations' photos, the judgment.
CASE_FILES = frozenset({*EvidenceKind.values, OBSERVATION_PHOTO_PURPOSE, JUDGMENT_PURPOSE})

#: A volunteer rectification supervisor assigned to the case
#: (``supervision_actions.supervisor_assign``): an outside relation, so they see the case's
#: supervision page, never the case's own.
SUPERVISOR = Who(Relation.SUPERVISOR)

#: Who may file an on-site observation on a case (``supervision_actions.observation_file``):
#: those handling it, whose observations count at once, and its volunteer supervisors, whose
#: reports count once the handling prosecutors accept them.
OBSERVERS: tuple[Who, ...] = (*HANDLING, SUPERVISOR)
#: The states of a case in which the rectification is followed on site.
OBSERVABLE_STATES = frozenset({"pre_litigation", "follow_up", "judged"})
#: A case's named acts (``Workflow.acts``), asked with the case type's ``policy.may``: filing an
#: on-site observation (``OBSERVERS``, while it is followed on site), assigning and withdrawing
#: its volunteer supervisors (those handling it, while it is open), reviewing their reports.
OBSERVE = "observe"
ASSIGN_SUPERVISOR = "assign_supervisor"
REVIEW_REPORT = "review_report"
#: The timeline events of the follow-up on site: an observation, a supervisor assigned or
#: withdrawn, a supervisor's report accepted (volunteers earn points, ``volunteers.points``)
#: or not.
OBSERVATION_EVENT = "publicinterest.case.observation"
SUPERVISOR_ASSIGNED_EVENT = "publicinterest.case.supervisor_assigned"
SUPERVISOR_WITHDRAWN_EVENT = "publicinterest.case.supervisor_withdrawn"
REPORT_ACCEPTED_EVENT = "publicinterest.case.report_accepted"
REPORT_NOT_ACCEPTED_EVENT = "publicinterest.case.report_not_accepted"


# -- effects -------------------------------------------------------------------------------------


SUIT_EFFECTS = "liaison.publicinterest.suit_actions"


def file_case(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import case_file

    case_file(case=matter, access=access, **data)


def keep(**fields: str) -> Effect:
    """An effect that keeps the step's input on the case: ``keep(conclusion="note")`` stores the
    form's ``note`` in ``PILCase.conclusion``."""

    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        from .models import PILCase

        PILCase.objects.filter(pk=matter.pk).update(
            **{column: data[name] for column, name in fields.items()}
        )

    return effect


# -- the case ------------------------------------------------------------------------------------

OPEN_STATES = {
    "opened": pgettext_lazy("state", "awaiting filing"),
    "investigating": pgettext_lazy("state", "under investigation"),
}
COURT_STATES = {
    "litigation": pgettext_lazy("state", "suit filed: awaiting the court's registration"),
    "registered": pgettext_lazy("state", "before the court"),
    "judged": pgettext_lazy("state", "judgment being enforced"),
}
CLOSED_STATES = {
    "not_filed": pgettext_lazy("state", "not filed"),
    "terminated": pgettext_lazy("state", "terminated"),
    "concluded": pgettext_lazy("state", "closed after judgment"),
}
#: What both kinds of case have in common as matter types.
CASE_TYPE: dict[str, Any] = {
    "model": "publicinterest.PILCase",
    "detail_template": "publicinterest/_case_detail.html",
    "panels": (Panel("publicinterest/_case_supervisors.html", column="side"),),
    "opened_by": frozenset({Role.CLUE_OFFICER, *CASE_ROLES}),
    "initial": "opened",
    "sights": (COURT_SIGHT,),
    "file_purposes": CASE_FILES,
    "events": {
        OBSERVATION_EVENT: _("On-site observation"),
        SUPERVISOR_ASSIGNED_EVENT: _("Rectification supervisor assigned"),
        SUPERVISOR_WITHDRAWN_EVENT: _("Rectification supervisor withdrawn"),
        REPORT_ACCEPTED_EVENT: _("Supervision report accepted"),
        REPORT_NOT_ACCEPTED_EVENT: _("Supervision report not accepted"),
    },
    "on_close": deferred_effect("liaison.publicinterest.actions", "case_closed"),
    "outside_pages": {Relation.SUPERVISOR: "publicinterest:supervision"},
}


def case_acts(states: Mapping[str, Any], final: frozenset[str]) -> dict[str, Act]:
    """The acts both kinds of case declare, in the states each kind has."""
    return {
        OBSERVE: Act(OBSERVERS, OBSERVABLE_STATES & set(states)),
        ASSIGN_SUPERVISOR: Act(HANDLING, frozenset(states) - final),
        REVIEW_REPORT: Act(HANDLING),
    }


def case_steps(
    *,
    terminate_from: tuple[str, ...],
    sue_from: tuple[str, ...],
    clocks: tuple[str, ...],
    file_starts: bool,
) -> list[Transition]:
    """The steps both kinds of case share. They differ in the states termination and suit
    start from, and in the case's own clocks, which both stop (and filing starts the first, for
    an administrative case: the recommendation is due within three months of filing).

    Suing and terminating take effect once the chief procurator approves. The suit makes the
    court named a partner of the case, and the court takes it from there: it registers the suit
    under its own case number, records hearing days and the judgment; the handler is told of
    each, and the case follows (litigation → registered → judged)."""
    clock = clocks[0]
    return [
        Transition(
            "file",
            "opened",
            "investigating",
            label=_("File the case"),
            who=(PROSECUTORS,),
            form=FileCaseForm,
            effect=file_case,
            starts=(clock,) if file_starts else (),
            approval=APPROVED_BY_SENIORS,
        ),
        Transition(
            "decline",
            "opened",
            "not_filed",
            label=_("Do not file"),
            who=(PROSECUTORS,),
            form=ConclusionForm,
            effect=keep(conclusion="note"),
            style="outline-danger",
        ),
        Transition(
            "sue",
            sue_from,
            "litigation",
            label=_("Bring a suit"),
            who=HANDLING,
            form=SueForm,
            effect=deferred_effect(SUIT_EFFECTS, "suit_filed"),
            stops=clocks,
            style="outline-primary",
            approval=APPROVED_BY_CHIEF,
            notifies=(
                Notify(
                    (COURT,),
                    _(
                        "The procuratorate brought public-interest suit %(number)s before your "
                        "court: register it."
                    ),
                ),
            ),
        ),
        Transition(
            "terminate",
            terminate_from,
            "terminated",
            label=_("Terminate the case"),
            who=HANDLING,
            form=ConclusionForm,
            effect=keep(conclusion="note"),
            stops=clocks,
            style="outline-danger",
            approval=APPROVED_BY_CHIEF,
        ),
        Transition(
            "register",
            "litigation",
            "registered",
            label=_("Register the suit"),
            who=(COURT,),
            form=RegisterSuitForm,
            effect=deferred_effect(SUIT_EFFECTS, "suit_registered"),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The court registered suit %(number)s as %(court_case_number)s."),
                ),
            ),
        ),
        Transition(
            "record_hearing",
            "registered",
            "registered",
            label=_("Record a hearing day"),
            who=(COURT,),
            form=CourtHearingForm,
            effect=deferred_effect(SUIT_EFFECTS, "hearing_recorded"),
            style="outline-primary",
            in_my_work=False,
            notifies=(
                Notify((HANDLER,), _("The court will hear or heard %(number)s on %(held_on)s.")),
            ),
        ),
        Transition(
            "record_judgment",
            "registered",
            "judged",
            label=_("Record the judgment"),
            who=(COURT,),
            form=CourtJudgmentForm,
            effect=deferred_effect(SUIT_EFFECTS, "judgment_recorded"),
            notifies=(Notify((HANDLER,), _("The court gave its judgment on %(number)s.")),),
        ),
        Transition(
            "record_enforcement",
            "judged",
            "concluded",
            label=_("Record the enforcement and close"),
            who=HANDLING,
            form=EnforcementForm,
            effect=keep(enforced_on="enforced_on", conclusion="note"),
        ),
    ]
