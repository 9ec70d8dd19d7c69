"""Supervision of a court's enforcement (民事执行监督), as data for the engine::

    opened ──accept──▶ handling ──recommend──▶ recommending ──(the court replied)──▶ follow_up
                         │  ▲                      └─(the draft is withdrawn)─┘       │
                         │  └───────────────────────────────────────────────── close ─▶ closed
                         ├──refer (to public security)──▶ referred ──police_file──▶ filed
                         │                                     └─police_decline──▶ not_filed
                         └──close (with reasons)──▶ closed

The review period (``review``, 审查期限) runs from the acceptance, which the opening takes at
once: three months to decide (《人民检察院民事诉讼监督规则》第五十二条). Drafting a recommendation
pauses it (the draft may be withdrawn, and the review goes on); serving it, referring the case
or closing it ends the review. Time spent obtaining the court's file, an appraisal or an audit
does not count: the handler pauses the clock with the reason (the engine's clocks).

Opened on a party's application (with the application and its evidence) or by the
procuratorate itself, about one enforcement case the court shared (``actions.supervision_open``).
Administrative non-litigation enforcement (行政非诉执行监督) is a matter type of its own on the
same model and steps, numbered under its own code.

The court whose enforcement case is supervised is a partner of the supervision from its opening
(``COURT_SIGHT``): supervising enforcement is done in the open with the court (the seeds'
leading group shares information both ways, and the court is asked for its file at once), and
the court shared the case for that purpose. It is told when the supervision is accepted and how
it ended, reads its steps (acceptance, the recommendation served and answered, the referral,
the closing, never a draft, a withdrawn draft or the procuratorate's comments), adds nothing to
the procuratorate's file and takes none of its steps; the recommendation itself reaches it as a
matter of its own (``recommending.py``).

A suspected refusal to execute a judgment (拒不执行判决、裁定罪) is referred to a public security
organ the procuratorate works with (an ``Organisation`` of kind public security, chosen on the
step), which becomes a partner from the referral on (``POLICE_SIGHT``: it reads the referral
and the supervision's steps, not the procuratorate's notes), is told, and answers within thirty
days (``filing``): filed for investigation (立案), or not filed with its reasons. Referrals
recorded before, as the organ's name typed, were carried over to ``referred_outside``
(``migrations/0004``), final as they were.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_ROLES, Role
from liaison.workflow.definitions import ClockSpec, Label, Notify, Sight, Transition, Who, Workflow
from liaison.workflow.models import Relation
from liaison.workflow.shapes import HANDLING, deferred_effect

from .forms import (
    PoliceFiledForm,
    PoliceNotFiledForm,
    ReasonsForm,
    RecommendStepForm,
    ReferForm,
)

ACTIONS = "liaison.courts.actions"


#: The review period of a civil supervision case: decided within three months of acceptance.
CIVIL_REVIEW = PeriodDefault(
    code="courts.supervision_review",
    name="民事执行监督案件审查期限",
    name_en="Civil enforcement supervision: review and decide after acceptance",
    amount=3,
    unit=Unit.MONTHS,
    rule=(
        "《人民检察院民事诉讼监督规则》（2021年）第五十二条（民事执行活动监督案件参照适用；"
        "调卷、鉴定、评估、审计、专家咨询等期间不计入）"
    ),
    remind_before_days=10,
)
#: The same for administrative non-litigation enforcement supervision, under the
#: administrative rule's own review period (three months, applied to enforcement supervision).
NONLITIGATION_REVIEW = PeriodDefault(
    code="courts.nonlitigation_review",
    name="行政非诉执行监督案件审查期限",
    name_en="Administrative non-litigation enforcement supervision: review and decide",
    amount=3,
    unit=Unit.MONTHS,
    rule=(
        "《人民检察院行政诉讼监督规则》（2021年）关于审查期限的规定（三个月，行政执行活动监督"
        "案件参照适用）；未见专门规定时参照《人民检察院民事诉讼监督规则》第五十二条"
    ),
    remind_before_days=10,
    needs_confirmation=True,
)

#: How long a public security organ takes to decide whether to file a referred refusal to
#: execute a judgment: thirty days, the longest review before filing, and half the sixty days
#: after which the applicant may bring a private prosecution instead.
POLICE_FILING = PeriodDefault(
    code="courts.police_filing",
    name="公安机关对移送的拒不执行判决、裁定案件作出是否立案决定",
    name_en="Public security organ decides whether to file a referred refusal to execute",
    amount=30,
    unit=Unit.DAYS,
    rule=(
        "《公安部关于改革完善受案立案制度的意见》（2015年）：立案审查期限最长三十日；"
        "《最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释》"
        "（2015年，2020年修正）第三条：公安机关接受控告材料后六十日内不予书面答复的，"
        "申请执行人可以提起自诉"
    ),
    remind_before_days=5,
    needs_confirmation=True,
)

#: The clock of the review, owed by the case's handling prosecutors (they are reminded; the
#: department head and chief procurator above them take steps but are not reminded).
REVIEW = "review"
HANDLER = HANDLING[0]
#: The clock of the public security organ's decision on filing, owed by its case officers.
FILING = "filing"


#: The court whose enforcement case is supervised (a partner from the opening): its judges,
#: enforcement officers and president.
COURT = Who(
    Relation.PARTNER_ORG,
    frozenset({Role.JUDGE, Role.ENFORCEMENT_OFFICER, Role.COURT_PRESIDENT}),
)
#: The public security organ a refusal to execute a judgment is referred to (a partner from the
#: referral on): its case officers answer.
POLICE = Who(Relation.PARTNER_ORG, frozenset({Role.POLICE_OFFICER}))
#: From the referral on.
REFERRAL_STATES = {
    "referred": pgettext_lazy("state", "referred: awaiting the public security organ's decision"),
    "filed": pgettext_lazy("state", "filed for investigation by the public security organ"),
    "not_filed": pgettext_lazy("state", "not filed by the public security organ"),
}
STATES = {
    "opened": pgettext_lazy("state", "opened"),
    "handling": pgettext_lazy("state", "handling"),
    "recommending": pgettext_lazy("state", "recommendation under way"),
    "follow_up": pgettext_lazy("state", "follow-up"),
    **REFERRAL_STATES,
    # Referrals recorded before the organ was chosen from the list: its name, as typed.
    "referred_outside": pgettext_lazy("state", "referred to the public security organ"),
    "closed": pgettext_lazy("state", "closed"),
}
FINAL = frozenset({"filed", "not_filed", "referred_outside", "closed"})
#: The steps the court and the public security organ read: the supervision's course, never a
#: draft, a withdrawn draft, an approval or a comment of the procuratorate's.
READ_STEPS = frozenset(
    {
        "accept",
        "recommendation_served",
        "recommendation_replied",
        "refer",
        "police_file",
        "police_decline",
        "close",
    }
)
#: The court sees the supervision in every state; it neither comments nor adds files, and reads
#: the steps that concern it, not the procuratorate's drafts and notes.
COURT_SIGHT = Sight(
    COURT,
    frozenset(STATES),
    comments=frozenset(),
    attachments=frozenset(),
    reads=READ_STEPS,
)
#: The public security organ sees the supervision from the referral on, reads the same steps,
#: adds nothing to the file.
POLICE_SIGHT = Sight(
    POLICE,
    frozenset(REFERRAL_STATES),
    comments=frozenset(),
    attachments=frozenset(),
    reads=READ_STEPS,
)
TELL_COURT = Notify(
    (COURT,), _("Supervision %(number)s of your court's enforcement case: %(state)s.")
)

TELL_POLICE_ANSWERED = Notify(
    (HANDLER,), _("The public security organ answered referral %(number)s: %(state)s.")
)


def supervision_workflow(
    *, name: str, label: Label, case_code: str, review: PeriodDefault
) -> Workflow:
    return Workflow(
        name=name,
        label=label,
        model="courts.SupervisionCase",
        case_code=case_code,
        detail_template="courts/_supervision_detail.html",
        opened_by=CASE_ROLES,
        clocks={
            REVIEW: ClockSpec(_("review and decision"), period=review.code, owed_by=(HANDLER,)),
            FILING: ClockSpec(
                _("public security organ's decision on filing"),
                period=POLICE_FILING.code,
                owed_by=(POLICE,),
            ),
        },
        periods=[review, POLICE_FILING],
        states=STATES,
        sights=(COURT_SIGHT, POLICE_SIGHT),
        initial="opened",
        final=FINAL,
        transitions=[
            Transition(
                "accept",
                "opened",
                "handling",
                label=_("Accept for review"),
                who=HANDLING,
                starts=(REVIEW,),
                notifies=(
                    Notify(
                        (COURT,),
                        _(
                            "The procuratorate opened supervision %(number)s of your court's "
                            "enforcement case: %(title)s"
                        ),
                    ),
                ),
            ),
            Transition(
                "recommend",
                "handling",
                "recommending",
                label=_("Recommend to the court"),
                who=HANDLING,
                form=RecommendStepForm,
                effect=deferred_effect(ACTIONS, "recommend_effect"),
                pauses=(REVIEW,),
            ),
            Transition(
                "recommendation_served",
                "recommending",
                "recommending",
                label=_("The recommendation was served on the court"),
                who=(),
                automatic=True,
                stops=(REVIEW,),
            ),
            Transition(
                "recommendation_withdrawn",
                "recommending",
                "handling",
                label=_("The draft recommendation was withdrawn"),
                who=(),
                automatic=True,
                resumes=(REVIEW,),
            ),
            Transition(
                "recommendation_replied",
                "recommending",
                "follow_up",
                label=_("The court replied to the recommendation"),
                who=(),
                automatic=True,
                stops=(REVIEW,),
            ),
            Transition(
                "refer",
                "handling",
                "referred",
                label=_("Refer to the public security organ"),
                who=HANDLING,
                form=ReferForm,
                effect=deferred_effect(ACTIONS, "refer_effect"),
                stops=(REVIEW,),
                starts=(FILING,),
                style="outline-primary",
                notifies=(
                    TELL_COURT,
                    Notify(
                        (POLICE,),
                        _(
                            "The procuratorate referred a suspected refusal to execute a "
                            "judgment to you (%(number)s): decide whether to file it."
                        ),
                    ),
                ),
            ),
            Transition(
                "police_file",
                "referred",
                "filed",
                label=_("Filed for investigation"),
                who=(POLICE,),
                form=PoliceFiledForm,
                effect=deferred_effect(ACTIONS, "police_filed_effect"),
                stops=(FILING,),
                notifies=(TELL_POLICE_ANSWERED, TELL_COURT),
            ),
            Transition(
                "police_decline",
                "referred",
                "not_filed",
                label=_("Not filed"),
                who=(POLICE,),
                form=PoliceNotFiledForm,
                effect=deferred_effect(ACTIONS, "police_declined_effect"),
                stops=(FILING,),
                style="outline-danger",
                notifies=(TELL_POLICE_ANSWERED, TELL_COURT),
            ),
            Transition(
                "close",
                ("handling", "follow_up"),
                "closed",
                label=_("Close"),
                who=HANDLING,
                form=ReasonsForm,
                effect=deferred_effect(ACTIONS, "close_effect"),
                stops=(REVIEW,),
                style="outline-secondary",
                notifies=(TELL_COURT,),
            ),
        ],
    )


ENFORCEMENT = supervision_workflow(
    name="courts.enforcement",
    label=_("civil enforcement supervision"),
    case_code="民执监",
    review=CIVIL_REVIEW,
)
NONLITIGATION = supervision_workflow(
    name="courts.nonlitigation",
    label=_("administrative non-litigation enforcement supervision"),
    case_code="行非诉执监",
    review=NONLITIGATION_REVIEW,
)
