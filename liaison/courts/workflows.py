"""Supervision of a court's enforcement (民事执行监督), as data for the engine::

    opened ──accept──▶ handling ──recommend──▶ recommending ──(the court replied)──▶ follow_up
                         │  ▲                      └─(the draft is withdrawn)─┘       │
                         │  └───────────────────────────────────────────────── close ─▶ closed
                         ├──refer (to public security)──▶ referred ──police_file──▶ filed
                         │                                     └─police_decline──▶ not_filed
                         └──close (with reasons)──▶ closed

    filing supervision (立案监督), after the organ did not file:
    not_filed ──accept_not_filing──▶ not_filing_accepted
    not_filed ──ask_reasons──▶ reasons_requested ──(seven days pass)──▶ reasons_overdue
    reasons_requested, reasons_overdue ──police_explain──▶ reasons_given
    reasons_given ──accept_not_filing──▶ not_filing_accepted
    reasons_given, reasons_overdue ──notify_filing──▶ filing_notified
    filing_notified ──(fifteen days pass)──▶ filing_overdue
    filing_notified, filing_overdue ──police_file──▶ filed

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

Not filing does not end the matter: the procuratorate supervises the filing (立案监督,
《刑事诉讼法》第一百一十三条). Its handling prosecutors (``HANDLING``) either accept the organ's
decision (``accept_not_filing``: final) or ask it to explain in writing why it did not file
(``ask_reasons``, 要求说明不立案理由); the organ answers within seven days (``reasons``) with its
reasons and their documents (``police_explain``). Finding the reasons untenable, the
procuratorate notifies it to file (``notify_filing``, 通知立案, once the chief procurator
approves: ``DECIDED_BY_CHIEF``), which the organ does within
fifteen days (``notified_filing``), recording the filing as it would have at first
(``police_file``). A period the organ lets pass moves the matter to an overdue state and tells the
handler (the engine's expiry steps); the organ may still answer late, and an organ that never
explains may still be notified to file. The court reads how the referral ended (filed, or not
filed and accepted), not the exchange between the procuratorate and the organ, and does not see
the organ's explanation.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_ROLES, STAFF_ROLES, Role
from liaison.workflow.definitions import (
    Act,
    Approval,
    ClockSpec,
    Label,
    Notify,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.models import Relation
from liaison.workflow.shapes import HANDLING, deferred_effect

from .forms import (
    AcceptNotFilingForm,
    AskReasonsForm,
    NotifyFilingForm,
    PoliceExplanationForm,
    PoliceFiledForm,
    PoliceNotFiledForm,
    ReasonsForm,
    RecommendStepForm,
    ReferForm,
)
from .models import APPLICATION_PURPOSE, EXPLANATION_PURPOSE

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

#: How long a public security organ takes to explain in writing why it did not file, once the
#: procuratorate asks (要求说明不立案理由): seven days from receiving the request.
POLICE_REASONS = PeriodDefault(
    code="courts.police_reasons",
    name="公安机关书面说明不立案理由",
    name_en="Public security organ explains in writing why it did not file",
    amount=7,
    unit=Unit.DAYS,
    rule=(
        "《中华人民共和国刑事诉讼法》第一百一十三条；《人民检察院刑事诉讼规则》（2019年）"
        "第五百五十九条至第五百六十一条：公安机关在收到要求说明不立案理由通知书后七日以内"
        "书面说明不立案的情况、依据和理由，连同有关证据材料回复人民检察院"
    ),
    remind_before_days=2,
)
#: How long a public security organ takes to file a case once the procuratorate, finding its
#: reasons for not filing untenable, notifies it to file (通知立案): fifteen days.
POLICE_FILING_NOTIFIED = PeriodDefault(
    code="courts.police_filing_notified",
    name="公安机关收到通知立案书后立案",
    name_en="Public security organ files the case after the procuratorate's notice to file",
    amount=15,
    unit=Unit.DAYS,
    rule=(
        "《中华人民共和国刑事诉讼法》第一百一十三条（通知立案的，公安机关应当立案）；"
        "《人民检察院刑事诉讼规则》（2019年）第五百六十一条、第五百六十三条，"
        "《公安机关办理刑事案件程序规定》（2020年）关于立案监督的规定：公安机关在收到"
        "通知立案书后十五日以内立案（条文序号待确认）"
    ),
    remind_before_days=3,
    needs_confirmation=True,
)

#: The clock of the review, owed by the case's handling prosecutors (they are reminded; the
#: department head and chief procurator above them take steps but are not reminded).
REVIEW = "review"
HANDLER = HANDLING[0]
#: The clock of the public security organ's decision on filing, owed by its case officers.
FILING = "filing"
#: The clocks of the filing supervision, both owed by the organ's case officers: its written
#: reasons for not filing, and its filing once notified to file.
REASONS = "reasons"
NOTIFIED_FILING = "notified_filing"


#: The court whose enforcement case is supervised (a partner from the opening): its judges,
#: enforcement officers and president.
COURT = Who(
    Relation.PARTNER_ORG,
    frozenset({Role.JUDGE, Role.ENFORCEMENT_OFFICER, Role.COURT_PRESIDENT}),
)
#: The public security organ a refusal to execute a judgment is referred to (a partner from the
#: referral on): its case officers answer.
POLICE = Who(Relation.PARTNER_ORG, frozenset({Role.POLICE_OFFICER}))
#: The procuratorate's supervision of the organ's decision not to file (立案监督).
FILING_SUPERVISION_STATES = {
    "reasons_requested": pgettext_lazy(
        "state", "the public security organ is asked to explain why it did not file"
    ),
    "reasons_overdue": pgettext_lazy("state", "reasons for not filing overdue"),
    "reasons_given": pgettext_lazy(
        "state", "the public security organ explained why it did not file"
    ),
    "filing_notified": pgettext_lazy("state", "the public security organ is notified to file"),
    "filing_overdue": pgettext_lazy("state", "filing after the notice overdue"),
    "not_filing_accepted": pgettext_lazy(
        "state", "not filed: the procuratorate accepted the reasons"
    ),
}
#: From the referral on.
REFERRAL_STATES = {
    "referred": pgettext_lazy("state", "referred: awaiting the public security organ's decision"),
    "filed": pgettext_lazy("state", "filed for investigation by the public security organ"),
    "not_filed": pgettext_lazy("state", "not filed by the public security organ"),
    **FILING_SUPERVISION_STATES,
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
#: "Not filed" is not among them: the procuratorate supervises the filing from there, and the
#: matter ends when it accepts the organ's reasons or the organ files.
FINAL = frozenset({"filed", "not_filing_accepted", "referred_outside", "closed"})
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
        "accept_not_filing",
        "close",
    }
)
#: The filing supervision's own steps: between the procuratorate and the organ, which reads
#: them; the court reads only how the referral ended.
FILING_SUPERVISION_STEPS = frozenset(
    {"ask_reasons", "reasons_lapse", "police_explain", "notify_filing", "filing_lapse"}
)
#: The files of a supervision: the party's application with its evidence, and the organ's
#: written reasons for not filing with their documents.
FILE_PURPOSES = frozenset({APPLICATION_PURPOSE, EXPLANATION_PURPOSE})
#: The court sees the supervision in every state; it neither comments nor adds files, and reads
#: the steps that concern it, not the procuratorate's drafts and notes, nor the organ's
#: explanation to the procuratorate.
COURT_SIGHT = Sight(
    COURT,
    frozenset(STATES),
    comments=frozenset(),
    attachments=frozenset(),
    reads=READ_STEPS,
    files=frozenset({"", APPLICATION_PURPOSE}),
)
#: The public security organ sees the supervision from the referral on, reads the same steps
#: and those of the filing supervision, adds nothing to the file but its explanation (a step's).
POLICE_SIGHT = Sight(
    POLICE,
    frozenset(REFERRAL_STATES),
    comments=frozenset(),
    attachments=frozenset(),
    reads=READ_STEPS | FILING_SUPERVISION_STEPS,
)
TELL_COURT = Notify(
    (COURT,), _("Supervision %(number)s of your court's enforcement case: %(state)s.")
)

TELL_POLICE_ANSWERED = Notify(
    (HANDLER,), _("The public security organ answered referral %(number)s: %(state)s.")
)
#: The named act of reading the filing supervision on the supervision's page (why the reasons
#: were asked, the organ's reasons, the procuratorate's conclusion): the procuratorate's staff
#: and the organ, never the court.
READ_FILING_SUPERVISION = "read_filing_supervision"
FILING_SUPERVISION_READERS = Act(
    (Who(Relation.OWNER_ORG, STAFF_ROLES), POLICE), states=frozenset(REFERRAL_STATES)
)
#: Notifying the organ to file is the chief procurator's decision (经检察长决定,
#: 《人民检察院刑事诉讼规则》第五百六十一条, needs confirmation); an organisation may set its own
#: levels (``ApprovalRule``).
DECIDED_BY_CHIEF = Approval(default_approvers=(Role.CHIEF_PROCURATOR,))
#: Awaiting the organ's written reasons (in its period, or past it).
AWAITING_REASONS = ("reasons_requested", "reasons_overdue")
#: Awaiting the organ's filing after the notice (in its period, or past it).
AWAITING_FILING = ("filing_notified", "filing_overdue")


def filing_supervision() -> list[Transition]:
    """The procuratorate's supervision of the organ's decision not to file (立案监督): ask for
    the reasons, accept them or notify the organ to file; the organ's answers; the expiry steps
    of its two periods, which tell the handler. The organ answers late as well as in time."""
    return [
        Transition(
            "ask_reasons",
            "not_filed",
            "reasons_requested",
            label=_("Ask the public security organ to explain why it did not file"),
            who=HANDLING,
            form=AskReasonsForm,
            effect=deferred_effect(ACTIONS, "reasons_asked_effect"),
            starts=(REASONS,),
            notifies=(
                Notify(
                    (POLICE,),
                    _(
                        "The procuratorate asks you to explain in writing why referral "
                        "%(number)s was not filed, within seven days."
                    ),
                ),
            ),
        ),
        Transition(
            "reasons_lapse",
            "reasons_requested",
            "reasons_overdue",
            label=_("Period for explaining not filing over"),
            who=(),
            automatic=True,
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The public security organ has not explained within its period why "
                        "referral %(number)s was not filed."
                    ),
                ),
            ),
        ),
        Transition(
            "police_explain",
            AWAITING_REASONS,
            "reasons_given",
            label=_("Explain why the case was not filed"),
            who=(POLICE,),
            form=PoliceExplanationForm,
            effect=deferred_effect(ACTIONS, "police_explained_effect"),
            stops=(REASONS,),
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The public security organ explained why referral %(number)s was not "
                        "filed; its reasons are on the page."
                    ),
                ),
            ),
        ),
        Transition(
            "accept_not_filing",
            ("not_filed", "reasons_given"),
            "not_filing_accepted",
            label=_("Accept the reasons for not filing"),
            who=HANDLING,
            form=AcceptNotFilingForm,
            effect=deferred_effect(ACTIONS, "filing_reviewed_effect"),
            style="outline-secondary",
            notifies=(
                TELL_COURT,
                Notify(
                    (POLICE,),
                    _("The procuratorate accepted the reasons for not filing referral %(number)s."),
                ),
            ),
        ),
        Transition(
            "notify_filing",
            ("reasons_given", "reasons_overdue"),
            "filing_notified",
            label=_("Notify the public security organ to file"),
            who=HANDLING,
            form=NotifyFilingForm,
            approval=DECIDED_BY_CHIEF,
            effect=deferred_effect(ACTIONS, "filing_reviewed_effect"),
            stops=(REASONS,),
            starts=(NOTIFIED_FILING,),
            style="outline-danger",
            notifies=(
                Notify(
                    (POLICE,),
                    _(
                        "The procuratorate found the reasons for not filing referral %(number)s "
                        "untenable and notifies you to file it within fifteen days."
                    ),
                ),
            ),
        ),
        Transition(
            "filing_lapse",
            "filing_notified",
            "filing_overdue",
            label=_("Period for filing after the notice over"),
            who=(),
            automatic=True,
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The public security organ has not filed referral %(number)s within "
                        "the period after the notice to file."
                    ),
                ),
            ),
        ),
    ]


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
            REASONS: ClockSpec(
                _("public security organ's written reasons for not filing"),
                period=POLICE_REASONS.code,
                owed_by=(POLICE,),
                on_expiry="reasons_lapse",
            ),
            NOTIFIED_FILING: ClockSpec(
                _("public security organ's filing after the notice to file"),
                period=POLICE_FILING_NOTIFIED.code,
                owed_by=(POLICE,),
                on_expiry="filing_lapse",
            ),
        },
        periods=[review, POLICE_FILING, POLICE_REASONS, POLICE_FILING_NOTIFIED],
        states=STATES,
        sights=(COURT_SIGHT, POLICE_SIGHT),
        file_purposes=FILE_PURPOSES,
        acts={READ_FILING_SUPERVISION: FILING_SUPERVISION_READERS},
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
                ("referred", *AWAITING_FILING),
                "filed",
                label=_("Filed for investigation"),
                who=(POLICE,),
                form=PoliceFiledForm,
                effect=deferred_effect(ACTIONS, "police_filed_effect"),
                stops=(FILING, NOTIFIED_FILING),
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
            *filing_supervision(),
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
