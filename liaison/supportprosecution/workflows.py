"""The support-prosecution case (支持起诉案件), as data for the engine::

    new ─receive▶ applied ─find_eligible▶ eligible ─accept▶ accepted ─draft_opinion▶
                     └─find_ineligible▶ not_eligible
    opinion_drafted (redrafted as often as needed) ─send_opinion▶ sent_to_court
    sent_to_court ─acknowledge (the court)▶ acknowledged ─record_outcome▶ outcome_recorded
    outcome_recorded ─close▶ closed
    eligible, accepted, opinion_drafted ─end (with reasons)▶ ended

Opened online by the applicant (no account: a query code to follow it), by staff for an
application at the counter or by phone, or on a referral from the judicial bureau, the legal-aid
centre or the labour inspectorate (the referring organisation a partner). The eligibility review
runs on a clock (``supportprosecution.review``); its reasons are what the applicant reads on the
status page. The opinion goes to a court, which becomes a partner, sees the case from then on
(its steps only, not the procuratorate's notes) and acknowledges receipt on a clock of its own.
Recoveries come in instalments after the outcome (an act, ``record_recovery``, not a step).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_STAFF_ROLES, Role
from liaison.workflow.definitions import (
    Act,
    ClockSpec,
    Effect,
    Notify,
    Panel,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.models import Relation
from liaison.workflow.shapes import HANDLING, deferred_effect

from . import forms

#: The procuratorate's staff who receive and review applications.
STAFF = Who(Relation.OWNER_ORG, CASE_STAFF_ROLES)
#: The court the opinion is sent to (a partner from then on): its judges and president.
COURT = Who(Relation.PARTNER_ORG, frozenset({Role.JUDGE, Role.COURT_PRESIDENT}))
#: The organisation that referred the case (a partner from the start).
REFERRER = Who(
    Relation.PARTNER_ORG,
    frozenset({Role.BUREAU_OFFICER, Role.LEGAL_AID_OFFICER, Role.AGENCY_OFFICER}),
)
#: The named acts: seeing who the beneficiaries and the applicant are (``identities.py``),
#: keeping the list of beneficiaries, recording a recovered instalment.
SEE_BENEFICIARIES = "see_beneficiaries"
EDIT_BENEFICIARIES = "edit_beneficiaries"
RECORD_RECOVERY = "record_recovery"
#: The timeline events of the acts.
EVENT_BENEFICIARY = "supportprosecution.beneficiary.add"
EVENT_BENEFICIARY_REMOVE = "supportprosecution.beneficiary.remove"
EVENT_RECOVERY = "supportprosecution.recovery"

STATES = {
    "new": pgettext_lazy("state", "new"),
    "applied": pgettext_lazy("support", "under eligibility review"),
    "eligible": pgettext_lazy("support", "eligible"),
    "not_eligible": pgettext_lazy("support", "not eligible"),
    "accepted": pgettext_lazy("support", "accepted"),
    "opinion_drafted": pgettext_lazy("support", "opinion drafted"),
    "sent_to_court": pgettext_lazy("support", "opinion sent to the court"),
    "acknowledged": pgettext_lazy("support", "court acknowledged the opinion"),
    "outcome_recorded": pgettext_lazy("support", "outcome recorded, recovering"),
    "closed": pgettext_lazy("state", "closed"),
    "ended": pgettext_lazy("support", "ended before the suit"),
}
FINAL = frozenset({"not_eligible", "closed", "ended"})
#: From the opinion on: what the court sees.
COURT_STATES = frozenset({"sent_to_court", "acknowledged", "outcome_recorded", "closed"})
#: Where beneficiaries may still be added or removed.
OPEN_STATES = frozenset(
    {"applied", "eligible", "accepted", "opinion_drafted", "sent_to_court", "acknowledged"}
)

_RULE_REVIEW = (
    "最高人民检察院《关于加强民事支持起诉工作的意见》等未规定审查期限；参照各地检察院"
    "支持起诉工作规范“受理后7个工作日内审查决定”的通行做法，由本院确认或调整"
)
_RULE_ACK = (
    "检察院与法院支持起诉工作衔接机制（会签文件约定，待核实）："
    "法院收到支持起诉意见书后3个工作日内确认"
)


#: The case information notification of seed 002: the organisation that referred a case is
#: told of the eligibility decision and of the suit's outcome.
TELL_REFERRER = Notify(
    (REFERRER,),
    _("Support-prosecution case %(number)s you referred: %(state)s."),
    channels=("email",),
)


def _call(name: str) -> Effect:
    """``actions.<name>``, named rather than imported (the actions import this module)."""
    return deferred_effect("liaison.supportprosecution.actions", name)


SUPPORT_CASE = Workflow(
    name="supportprosecution.case",
    label=_("support-prosecution case"),
    model="supportprosecution.SupportCase",
    # 民支: a civil department's support-prosecution case (民事支持起诉), beside 民执监, 民公.
    case_code="民支",
    detail_template="supportprosecution/_detail.html",
    panels=(
        Panel("supportprosecution/_beneficiaries.html"),
        Panel("supportprosecution/_recoveries.html"),
    ),
    opened_by=CASE_STAFF_ROLES,
    states=STATES,
    initial="new",
    final=FINAL,
    acts={
        SEE_BENEFICIARIES: (*HANDLING,),
        EDIT_BENEFICIARIES: Act((STAFF, *HANDLING), OPEN_STATES),
        RECORD_RECOVERY: Act(HANDLING, frozenset({"outcome_recorded"})),
    },
    events={
        EVENT_BENEFICIARY: _("Beneficiary added"),
        EVENT_BENEFICIARY_REMOVE: _("Beneficiary removed"),
        EVENT_RECOVERY: _("Recovery recorded"),
    },
    sights=(
        Sight(
            COURT,
            COURT_STATES,
            comments=frozenset({"sent_to_court", "acknowledged"}),
            attachments=frozenset({"sent_to_court", "acknowledged"}),
            reads=frozenset({"send_opinion", "acknowledge", "record_outcome", "close"}),
        ),
        Sight(REFERRER, frozenset(STATES), comments=OPEN_STATES, attachments=OPEN_STATES),
    ),
    clocks={
        "review": ClockSpec(
            _("eligibility review"),
            period="supportprosecution.review",
            owed_by=(STAFF,),
            counts_from="received_on",
        ),
        "acknowledge": ClockSpec(
            _("court's acknowledgement"),
            period="supportprosecution.court_acknowledge",
            owed_by=(COURT,),
        ),
    },
    periods=[
        PeriodDefault(
            code="supportprosecution.review",
            name="支持起诉申请审查",
            name_en="review of an application for support prosecution",
            amount=7,
            unit=Unit.WORKING_DAYS,
            rule=_RULE_REVIEW,
            remind_before_days=2,
            needs_confirmation=True,
        ),
        PeriodDefault(
            code="supportprosecution.court_acknowledge",
            name="法院确认收到支持起诉意见书",
            name_en="court's acknowledgement of a support-prosecution opinion",
            amount=3,
            unit=Unit.WORKING_DAYS,
            rule=_RULE_ACK,
            remind_before_days=1,
            needs_confirmation=True,
        ),
    ],
    transitions=[
        Transition(
            "receive",
            "new",
            "applied",
            label=_("Record as received"),
            who=(STAFF,),
            starts=("review",),
            notifies=(
                Notify(
                    (STAFF,),
                    _("Support-prosecution application %(number)s awaits its eligibility review."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "find_eligible",
            "applied",
            "eligible",
            label=_("Eligible"),
            who=(STAFF,),
            form=forms.EligibleForm,
            effect=_call("eligibility_effect"),
            stops=("review",),
            notifies=(TELL_REFERRER,),
        ),
        Transition(
            "find_ineligible",
            "applied",
            "not_eligible",
            label=_("Not eligible"),
            who=(STAFF,),
            form=forms.IneligibleForm,
            effect=_call("eligibility_effect"),
            stops=("review",),
            style="outline-danger",
            notifies=(TELL_REFERRER,),
        ),
        Transition(
            "accept",
            "eligible",
            "accepted",
            label=_("Accept the case"),
            who=(STAFF,),
            effect=_call("accept_effect"),
        ),
        Transition(
            "draft_opinion",
            ("accepted", "opinion_drafted"),
            "opinion_drafted",
            label=_("Draft the support-prosecution opinion"),
            who=HANDLING,
            form=forms.OpinionForm,
            effect=_call("opinion_effect"),
            style="outline-primary",
        ),
        Transition(
            "send_opinion",
            "opinion_drafted",
            "sent_to_court",
            label=_("Send the opinion to the court"),
            who=HANDLING,
            effect=_call("send_effect"),
            starts=("acknowledge",),
            notifies=(
                Notify(
                    (COURT,),
                    _(
                        "%(actor)s sent the support-prosecution opinion of case %(number)s. "
                        "Please acknowledge receipt on its page."
                    ),
                ),
            ),
        ),
        Transition(
            "acknowledge",
            "sent_to_court",
            "acknowledged",
            label=_("Acknowledge receipt"),
            who=(COURT,),
            form=forms.AcknowledgeForm,
            effect=_call("acknowledge_effect"),
            stops=("acknowledge",),
            notifies=(
                Notify(
                    (Who(Relation.HANDLER),),
                    _("The court acknowledged the support-prosecution opinion of %(number)s."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "record_outcome",
            "acknowledged",
            "outcome_recorded",
            label=_("Record the outcome"),
            who=HANDLING,
            form=forms.OutcomeForm,
            effect=_call("outcome_effect"),
            notifies=(TELL_REFERRER,),
        ),
        Transition(
            "close",
            "outcome_recorded",
            "closed",
            label=_("Close"),
            who=HANDLING,
            form=forms.CloseForm,
            effect=_call("close_effect"),
            style="outline-secondary",
        ),
        Transition(
            "end",
            ("eligible", "accepted", "opinion_drafted"),
            "ended",
            label=_("End without a suit"),
            who=(*HANDLING, STAFF),
            form=forms.EndForm,
            effect=_call("close_effect"),
            style="outline-secondary",
        ),
    ],
)
