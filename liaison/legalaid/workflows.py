"""The two legal-aid referral workflows, built by one function (``referral_workflow``).

    new ─send▶ sent ─accept▶ accepted ─assign_lawyer▶ aid under way ─close▶ closed  (to a centre)
                    ─decline (with reasons)▶ declined
                    ─withdraw (with the reason)▶ withdrawn
    new ─send▶ sent ─accept▶ accepted | ─decline▶ declined | ─withdraw▶ withdrawn
    (to a procuratorate)

The receiving side answers on the ``answer`` clock. A legal-aid centre decides on an application
within seven days and, once it grants aid, assigns the aid lawyer within three
(《中华人民共和国法律援助法》第四十三条); a procuratorate decides on a case a centre refers within
seven days, as the two sides' cooperation opinions set it (to be confirmed locally; the period
table is the administrator's). The support-prosecution case is attached to the procuratorate's
``accept`` by a reaction (``registry.react("legalaid.to_procuratorate", ("accept",), …)``).
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
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Relation
from liaison.workflow.shapes import deferred_effect

from . import forms

#: Who refers and answers for a legal-aid centre: its legal-aid officers.
CENTRE_ROLES = frozenset({Role.LEGAL_AID_OFFICER})
#: Who refers and answers for a procuratorate: its case staff.
PROCURATORATE_ROLES = CASE_STAFF_ROLES

HANDLER = Who(Relation.HANDLER)
AID_LAWYER = Who(Relation.PARTICIPANT)
#: The named act of seeing who the person referred is (``identities.py``, audited).
SEE_PERSON = "see_person"

SENT = frozenset(
    {"sent", "overdue", "accepted", "declined", "withdrawn", "aid_under_way", "closed"}
)
OPEN = frozenset({"sent", "overdue", "accepted", "aid_under_way"})
#: Awaiting the receiving side's decision (within its period, or past it).
AWAITED = ("sent", "overdue")
WITH_LAWYER = frozenset({"aid_under_way", "closed"})

TO_CENTRE_NAME = "legalaid.to_centre"
TO_PROCURATORATE_NAME = "legalaid.to_procuratorate"

_ART_43 = "《中华人民共和国法律援助法》第四十三条"


def _call(name: str) -> Effect:
    """An effect that runs ``actions.<name>`` (named: actions import this module)."""
    return deferred_effect("liaison.legalaid.actions", name)


def sender(workflow_name: str) -> Who:
    roles = CENTRE_ROLES if workflow_name == TO_PROCURATORATE_NAME else PROCURATORATE_ROLES
    return Who(Relation.OWNER_ORG, roles)


def receiver(workflow_name: str) -> Who:
    roles = PROCURATORATE_ROLES if workflow_name == TO_PROCURATORATE_NAME else CENTRE_ROLES
    return Who(Relation.PARTNER_ORG, roles)


def referral_workflow(
    *,
    name: str,
    label: object,
    case_code: str,
    period: PeriodDefault,
    with_lawyer: bool,
    extra_periods: tuple[PeriodDefault, ...] = (),
) -> Workflow:
    """One direction's workflow: the same sending, answering and withdrawing steps; a referral to
    a centre goes on to its aid lawyer and the end of the aid."""
    sending, receiving = sender(name), receiver(name)
    # The referrer (the handler: the person who referred) is told of the answer; their
    # colleagues read it on the referral and in the list.
    states = {
        "new": pgettext_lazy("state", "new"),
        "sent": pgettext_lazy("state", "sent"),
        "overdue": pgettext_lazy("referral", "decision overdue"),
        "accepted": pgettext_lazy("referral", "accepted"),
        "declined": pgettext_lazy("referral", "declined"),
        "withdrawn": pgettext_lazy("state", "withdrawn"),
    }
    if with_lawyer:
        states |= {
            "aid_under_way": pgettext_lazy("referral", "aid under way"),
            "closed": pgettext_lazy("referral", "aid ended"),
        }
    final = {"declined", "withdrawn"} | ({"closed"} if with_lawyer else {"accepted"})
    clocks = {
        "answer": ClockSpec(
            _("decision on the referral"),
            period=period.code,
            owed_by=(receiving,),
            on_expiry="lapse",
        )
    }
    transitions = [
        Transition(
            "send",
            "new",
            "sent",
            label=_("Send the referral"),
            who=(sending,),
            starts=("answer",),
            notifies=(
                Notify(
                    (receiving,),
                    _("%(actor)s referred a person to your organisation: %(number)s %(title)s"),
                ),
            ),
        ),
        Transition(
            "accept",
            AWAITED,
            "accepted",
            label=pgettext_lazy("referral", "Accept"),
            who=(receiving,),
            form=forms.AcceptForm,
            effect=_call("answer_record"),
            stops=("answer",),
            starts=("assign",) if with_lawyer else (),
            notifies=(Notify((HANDLER,), _("%(actor)s accepted referral %(number)s.")),),
        ),
        Transition(
            "decline",
            AWAITED,
            "declined",
            label=_("Decline"),
            who=(receiving,),
            form=forms.DeclineForm,
            effect=_call("answer_record"),
            stops=("answer",),
            style="outline-danger",
            notifies=(
                Notify(
                    (HANDLER,),
                    _("%(actor)s declined referral %(number)s; the reasons are on its page."),
                ),
            ),
        ),
        # The period ran out unanswered: the referrer is told, once, and the receiving side may
        # still answer (late; the clock runs on, so the figures count it late).
        Transition(
            "lapse",
            "sent",
            "overdue",
            label=_("Decision period over"),
            who=(),
            automatic=True,
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The period for deciding on referral %(number)s has passed without an "
                        "answer."
                    ),
                ),
            ),
        ),
        Transition(
            "withdraw",
            AWAITED,
            "withdrawn",
            label=_("Withdraw"),
            who=(HANDLER,),
            form=ReasonForm,
            stops=("answer",),
            style="outline-secondary",
            notifies=(Notify((receiving,), _("%(actor)s withdrew referral %(number)s.")),),
        ),
    ]
    known = frozenset(states)
    sights = [Sight(receiving, SENT & known, comments=OPEN & known, attachments=OPEN & known)]
    if with_lawyer:
        clocks["assign"] = ClockSpec(
            _("assignment of the aid lawyer"), period="legalaid.assign", owed_by=(receiving,)
        )
        transitions += [
            Transition(
                "assign_lawyer",
                "accepted",
                "aid_under_way",
                label=_("Assign an aid lawyer"),
                who=(receiving,),
                form=forms.AssignLawyerForm,
                effect=_call("lawyer_assign"),
                stops=("assign",),
                notifies=(
                    Notify(
                        (AID_LAWYER,),
                        _("%(actor)s assigned you as aid lawyer in referral %(number)s %(title)s."),
                    ),
                    Notify(
                        (HANDLER,),
                        _("%(actor)s assigned the aid lawyer in referral %(number)s."),
                    ),
                ),
            ),
            Transition(
                "close",
                "aid_under_way",
                "closed",
                label=_("Record the end of the aid"),
                who=(receiving,),
                form=forms.OutcomeForm,
                effect=_call("aid_end"),
                style="outline-primary",
                notifies=(
                    Notify(
                        (HANDLER, AID_LAWYER),
                        _("The legal aid in referral %(number)s has ended."),
                    ),
                ),
            ),
        ]
        # The aid lawyer sees the referral from their assignment on, and adds to it while the
        # aid runs; the person's identity stays masked to them as to everyone but the handling
        # staff (the centre gives them the file with the assignment, as on paper).
        sights.append(
            Sight(
                AID_LAWYER,
                WITH_LAWYER,
                comments=frozenset({"aid_under_way"}),
                attachments=frozenset({"aid_under_way"}),
            )
        )
    return Workflow(
        name=name,
        label=label,  # type: ignore[arg-type]
        model="legalaid.LegalAidReferral",
        case_code=case_code,
        detail_template="legalaid/_detail.html",
        opened_by=sending.roles or frozenset(),
        states=states,
        initial="new",
        final=frozenset(final),
        sights=tuple(sights),
        # Who the person is: the handling staff of both sides, from the referral's sending on.
        acts={SEE_PERSON: Act((HANDLER, receiving), SENT & known)},
        clocks=clocks,
        periods=[period, *extra_periods],
        transitions=transitions,
    )


TO_CENTRE = referral_workflow(
    name=TO_CENTRE_NAME,
    label=_("referral to legal aid"),
    case_code="援转",
    period=PeriodDefault(
        code="legalaid.centre_decision",
        name="法律援助机构审查转介申请并作出决定",
        name_en="legal-aid centre's decision on a referred application",
        amount=7,
        unit=Unit.DAYS,
        rule=_ART_43,
        remind_before_days=2,
    ),
    extra_periods=(
        PeriodDefault(
            code="legalaid.assign",
            name="决定给予法律援助后指派法律援助人员",
            name_en="assignment of the aid lawyer once aid is granted",
            amount=3,
            unit=Unit.DAYS,
            rule=_ART_43,
            remind_before_days=1,
        ),
    ),
    with_lawyer=True,
)

TO_PROCURATORATE = referral_workflow(
    name=TO_PROCURATORATE_NAME,
    label=_("case referred by legal aid"),
    case_code="援移",
    period=PeriodDefault(
        code="legalaid.procuratorate_decision",
        name="检察院审查法律援助机构移送的支持起诉线索",
        name_en="procuratorate's decision on a case a legal-aid centre refers",
        amount=7,
        unit=Unit.DAYS,
        rule="支持起诉与法律援助衔接协作机制约定（比照法律援助法第四十三条；待各地确认）",
        remind_before_days=2,
        needs_confirmation=True,
    ),
    with_lawyer=False,
)

WORKFLOWS = (TO_CENTRE, TO_PROCURATORATE)
