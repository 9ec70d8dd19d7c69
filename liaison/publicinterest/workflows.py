"""The workflows of public-interest litigation, declared as data (docs/architecture.md): the case
(administrative and civil) and the pre-litigation recommendation. ``actions.py`` holds what the
steps' effects do.

The clue is declared in ``clue_workflow.py`` (re-exported here).

The case comes in two kinds, two matter types on one model (``PILCase``), because their
pre-litigation procedures differ and each numbers its cases with its own code::

    administrative (行公)
    opened ──file*──▶ investigating ──recommend──▶ recommending ──(its recommendation is
      └ decline ▶ not_filed   (drafts a Recommendation)           served)──▶ pre_litigation
                                    ◀──(its draft is withdrawn)──┘
    pre_litigation ──(the agency replies, or its reply period lapses)──▶ follow_up
                                                                    close_rectified ▶ rectified │
                                                     litigation ◀──────────── sue ──────────────┘

    civil (民公)
    opened ──file──▶ investigating ──announce──▶ announcing ──(30 days pass)──▶ announced
      └ decline ▶ not_filed                          └──── organ_sued ──▶ organ_sued ◀──┤
                                                     litigation ◀──────── sue ───────────┘

    both: sue* ▶ litigation ──register (the court)──▶ registered ⟲ record_hearing (the court)
          registered ──record_judgment (the court)──▶ judged ──record_enforcement──▶ concluded;
          terminate* (with the reason) from investigating and from follow-up or announcing.

The steps marked * take effect only once approved (the engine's ``Approval``): filing a case
and serving a recommendation go to the department head, then the chief procurator; suing and
terminating (ending a case without suing) to the chief procurator; unless the procuratorate
configures its own approvers for them (``workflow.ApprovalRule``).

The suit makes the court named a partner of the case (``suit_actions.suit_filed``): its judges
and president see it from then on (``COURT_SIGHT``; they neither comment nor add to the file),
are told, register it under the court's own first-instance number (民初 or 行初,
``suit_forms.RegisterSuitForm``), record its hearing days and the judgment with its document;
the handler is told of each. After the agency's reply (or its lapse) an administrative case's
``decide_to_sue`` clock runs the period to decide whether to sue (``pil.decide_to_sue``).

The prosecutor who files a case handles it; the handler, the department head and the chief
procurator take its later steps. The steps in brackets are automatic, taken by the system: the
agency's reply (the recommendation's ``reply``) or the lapse of its reply period (the reply
clock's expiry) moves the case to follow-up; the announcement clock's expiry ends the
announcement. So a case waiting for a partner, or for a period to run out, waits in nobody's
"my work", and nobody can sue before the law allows. From the serving of
the recommendation on (and again after a judgment), the rectification is followed on site
(``supervision_actions.observation_file``), by those handling the case and by the volunteer
rectification supervisors they assign (``supervision_actions.supervisor_assign``). A
supervisor stands to the case from outside: they see its supervision page (what the agency must
correct, what was seen on site), never the investigation file, and their reports count once the
handling prosecutors accept them (which earns the volunteer points). A case is closed as
rectified only once the latest accepted observation found the problem rectified and no report
awaits review.
Whenever a case closes, the reporters of its clues and its supervisors are told
(``actions.case_closed``).

The pre-litigation recommendation (行公建) is a matter of its own, the recommendation mechanism's
(``liaison.recommendations``); public-interest litigation declares its kind, its matter type and
how the case follows it in ``recommending.py``. The case's ``recommend`` step drafts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_ROLES, SENIOR_ROLES, Role
from liaison.workflow.definitions import (
    Act,
    Approval,
    ClockSpec,
    Effect,
    Notify,
    Panel,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import HANDLING, deferred_effect

from .clue_workflow import (  # re-exported: the clue is declared there
    ADDITION_EVENT as ADDITION_EVENT,
)
from .clue_workflow import CLUE as CLUE
from .clue_workflow import CLUE_OFFICER as CLUE_OFFICER
from .clue_workflow import MERGED_IN_EVENT as MERGED_IN_EVENT
from .clue_workflow import REPORTER as REPORTER
from .forms import (
    AnnounceForm,
    ConclusionForm,
    EnforcementForm,
    FileCaseForm,
    OrganSuedForm,
    RecommendForm,
    SueForm,
)
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


def draft_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommending import recommendation_draft

    recommendation_draft(case=matter, access=access, **data)


def keep(**fields: str) -> Effect:
    """An effect that keeps the step's input on the case: ``keep(conclusion="note")`` stores the
    form's ``note`` in ``PILCase.conclusion``."""

    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        from .models import PILCase

        PILCase.objects.filter(pk=matter.pk).update(
            **{column: data[name] for column, name in fields.items()}
        )

    return effect


# -- guards --------------------------------------------------------------------------------------


def rectification_seen(matter: Matter, access: Access) -> Any:
    """A case is closed as rectified only once someone has seen it rectified on site: the latest
    accepted observation counts, and a supervisor's report still awaiting review must be read
    first (it may say the problem is back)."""
    from .models import Finding, Observation, Review

    observations = Observation.objects.filter(case_id=matter.pk)
    if observations.filter(review=Review.PENDING).exists():
        return _(
            "A supervisor's report on this case awaits review: accept it or not before closing "
            "the case."
        )
    latest = observations.filter(review=Review.ACCEPTED).values_list("finding", flat=True)
    if latest.first() != Finding.RECTIFIED:
        return _(
            "Close the case as rectified once an on-site observation has found the problem "
            "rectified (the latest observation counts)."
        )
    return None


#: The judicial interpretation most public-interest periods come from.
PIL_INTERPRETATION = (
    "《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》"
    "（法释〔2018〕6号，2020年修正）"
)

# -- the case ------------------------------------------------------------------------------------

_OPEN_STATES = {
    "opened": pgettext_lazy("state", "awaiting filing"),
    "investigating": pgettext_lazy("state", "under investigation"),
}
_COURT_STATES = {
    "litigation": pgettext_lazy("state", "suit filed: awaiting the court's registration"),
    "registered": pgettext_lazy("state", "before the court"),
    "judged": pgettext_lazy("state", "judgment being enforced"),
}
_CLOSED_STATES = {
    "not_filed": pgettext_lazy("state", "not filed"),
    "terminated": pgettext_lazy("state", "terminated"),
    "concluded": pgettext_lazy("state", "closed after judgment"),
}
#: What both kinds of case have in common as matter types.
_CASE_TYPE: dict[str, Any] = {
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


def _case_acts(states: Mapping[str, Any], final: frozenset[str]) -> dict[str, Act]:
    """The acts both kinds of case declare, in the states each kind has."""
    return {
        OBSERVE: Act(OBSERVERS, OBSERVABLE_STATES & set(states)),
        ASSIGN_SUPERVISOR: Act(HANDLING, frozenset(states) - final),
        REVIEW_REPORT: Act(HANDLING),
    }


def _case_steps(
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


_ADMIN_STATES = {
    **_OPEN_STATES,
    "recommending": pgettext_lazy("state", "recommendation being drafted"),
    "pre_litigation": pgettext_lazy("state", "awaiting the agency's reply"),
    "follow_up": pgettext_lazy("state", "follow-up supervision"),
    **_COURT_STATES,
    "rectified": pgettext_lazy("state", "closed: rectified"),
    **_CLOSED_STATES,
}
_ADMIN_FINAL = frozenset({"rectified", *_CLOSED_STATES})

ADMIN_CASE = Workflow(
    name="publicinterest.admin_case",
    label=_("administrative public-interest case"),
    case_code="行公",
    **_CASE_TYPE,
    states=_ADMIN_STATES,
    final=_ADMIN_FINAL,
    acts=_case_acts(_ADMIN_STATES, _ADMIN_FINAL),
    clocks={
        "handling": ClockSpec(
            _("recommendation or termination"), period="pil.admin_case_handling", owed_by=HANDLING
        ),
        "decide_to_sue": ClockSpec(
            _("decision whether to sue"), period="pil.decide_to_sue", owed_by=HANDLING
        ),
    },
    periods=[
        PeriodDefault(
            code="pil.admin_case_handling",
            name="行政公益诉讼立案后制发检察建议或终结案件",
            name_en="Administrative PIL case: issue the recommendation or end the case after "
            "filing",
            amount=3,
            unit=Unit.MONTHS,
            rule="《检察机关行政公益诉讼案件办案指南（试行）》（2018年）（经检察长批准可以延长）",
            remind_before_days=7,
            needs_confirmation=True,
        ),
        PeriodDefault(
            code="pil.decide_to_sue",
            name="回复期满后决定是否提起行政公益诉讼",
            name_en="Decide whether to sue after the reply period ends",
            amount=2,
            unit=Unit.MONTHS,
            rule="《人民检察院公益诉讼办案规则》（经检察长批准可以延长）",
            remind_before_days=7,
            needs_confirmation=True,
        ),
    ],
    transitions=[
        Transition(
            "recommend",
            "investigating",
            "recommending",
            label=_("Draft the pre-litigation recommendation"),
            who=HANDLING,
            form=RecommendForm,
            effect=draft_recommendation,
        ),
        Transition(
            "recommendation_served",
            "recommending",
            "pre_litigation",
            label=_("The recommendation was served"),
            who=(),
            automatic=True,
            stops=("handling",),
        ),
        Transition(
            "recommendation_withdrawn",
            "recommending",
            "investigating",
            label=_("The draft recommendation was withdrawn"),
            who=(),
            automatic=True,
        ),
        Transition(
            "receive_reply",
            "pre_litigation",
            "follow_up",
            label=_("The agency replied"),
            who=(),
            automatic=True,
            starts=("decide_to_sue",),
        ),
        Transition(
            "reply_lapsed",
            "pre_litigation",
            "follow_up",
            label=_("The reply period ended without a reply"),
            who=(),
            automatic=True,
            starts=("decide_to_sue",),
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The agency did not reply in time on %(number)s: follow up and decide "
                        "whether to sue."
                    ),
                ),
            ),
        ),
        Transition(
            "close_rectified",
            "follow_up",
            "rectified",
            label=_("Close as rectified"),
            who=HANDLING,
            form=ConclusionForm,
            guard=rectification_seen,
            effect=keep(conclusion="note"),
            stops=("decide_to_sue",),
            style="success",
            approval=APPROVED_BY_CHIEF,
        ),
        *_case_steps(
            terminate_from=("investigating", "follow_up"),
            sue_from=("follow_up",),
            clocks=("handling", "decide_to_sue"),
            file_starts=True,
        ),
    ],
)

_CIVIL_STATES = {
    **_OPEN_STATES,
    "announcing": pgettext_lazy("state", "announced: waiting for an entitled organ to sue"),
    "announced": pgettext_lazy("state", "announcement ended: decide whether to sue"),
    **_COURT_STATES,
    "organ_sued": pgettext_lazy("state", "closed: an entitled organ sued"),
    **_CLOSED_STATES,
}
_CIVIL_FINAL = frozenset({"organ_sued", *_CLOSED_STATES})

CIVIL_CASE = Workflow(
    name="publicinterest.civil_case",
    label=_("civil public-interest case"),
    case_code="民公",
    **_CASE_TYPE,
    states=_CIVIL_STATES,
    final=_CIVIL_FINAL,
    acts=_case_acts(_CIVIL_STATES, _CIVIL_FINAL),
    clocks={
        "announcement": ClockSpec(
            _("announcement"),
            period="pil.civil_announcement",
            owed_by=HANDLING,
            on_expiry="announcement_ends",
        )
    },
    periods=[
        PeriodDefault(
            code="pil.civil_announcement",
            name="民事公益诉讼诉前公告期",
            name_en="Civil public-interest announcement before the procuratorate sues",
            amount=30,
            unit=Unit.DAYS,
            rule=f"{PIL_INTERPRETATION}第十三条",
        )
    ],
    transitions=[
        Transition(
            "announce",
            "investigating",
            "announcing",
            label=_("Announce the case"),
            who=HANDLING,
            form=AnnounceForm,
            effect=keep(announcement="announcement"),
            starts=("announcement",),
        ),
        Transition(
            "announcement_ends",
            "announcing",
            "announced",
            label=_("The announcement ended"),
            who=(),
            automatic=True,
            stops=("announcement",),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The announcement of %(number)s has ended: decide whether to sue."),
                ),
            ),
        ),
        Transition(
            "organ_sued",
            ("announcing", "announced"),
            "organ_sued",
            label=_("An entitled organ sued"),
            who=HANDLING,
            form=OrganSuedForm,
            effect=keep(conclusion="note"),
            stops=("announcement",),
            style="outline-secondary",
            approval=APPROVED_BY_CHIEF,
        ),
        *_case_steps(
            terminate_from=("investigating", "announcing", "announced"),
            sue_from=("announced",),
            clocks=("announcement",),
            file_starts=False,
        ),
    ],
)


CASE_WORKFLOWS = (ADMIN_CASE, CIVIL_CASE)
