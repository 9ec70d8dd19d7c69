"""The flag's workflow, declared as data (docs/architecture.md).

    new ─raise▶ raised ─acknowledge▶ acknowledged ─close▶ closed
                  ├────dispute────▶ disputed ─────close▶ closed
                  └─lapse (period over)▶ overdue ─acknowledge / dispute (late)▶ …
                                                 └─close (no answer came)▶ closed
       raised, overdue, acknowledged, disputed ─withdraw▶ withdrawn

The raising side (the owner organisation's case staff) raises it, records the outcome and may
withdraw it; the other side (the flag's one partner organisation) answers it. The flag's parties
are the two organisations alone, whatever else stands to the flagged matter, and through them
only their case staff see it (``sights``).

The other side answers on the ``answer`` clock (``ANSWER_PERIOD``, 15 days). No statute sets it:
flagging is a cooperation step, so the period is the cooperation agreement's, marked to be
confirmed and kept in the period table for the administrators. When it runs out unanswered, the
automatic ``lapse`` moves the flag to "answer overdue" and tells the raising side once; the other
side may still answer, late (the clock runs on, so its page shows the answer late), and the raising
side may record the outcome without an answer. Withdrawing or closing stops a clock still running.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import FLAG_ROLES
from liaison.workflow.definitions import ClockSpec, Notify, Sight, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Relation
from liaison.workflow.shapes import deferred_effect

from .forms import AcknowledgeForm, OutcomeForm

#: Who raise, answer and see flags: the case staff of either side (``orgs.roles.FLAG_ROLES``),
#: never its liaison person, administrator or clue officer.
RAISER = Who(Relation.OWNER_ORG, FLAG_ROLES)
OTHER_SIDE = Who(Relation.PARTNER_ORG, FLAG_ROLES)

ACTIONS = "liaison.flags.actions"

STATES = {
    "new": pgettext_lazy("state", "new"),
    "raised": pgettext_lazy("state", "raised, awaiting the answer"),
    "overdue": pgettext_lazy("flag", "answer overdue"),
    "acknowledged": pgettext_lazy("state", "acknowledged"),
    "disputed": pgettext_lazy("state", "disputed"),
    "closed": pgettext_lazy("state", "closed with its outcome"),
    "withdrawn": pgettext_lazy("state", "withdrawn"),
}
ALL = frozenset(STATES)
OPEN = ("raised", "overdue", "acknowledged", "disputed")
#: Awaiting the other side's answer, within its period or past it.
AWAITED = ("raised", "overdue")

#: The other side's answer to a flag. No law sets a period for this cooperation step; fifteen
#: days is what the cooperation agreements on false litigation give a side to check its own file
#: (the same as the court's written account of an enforcement case the procuratorate asks
#: about), with a reminder three days before. To be confirmed against each local agreement.
ANSWER_PERIOD = PeriodDefault(
    code="flags.answer",
    name="虚假诉讼、骗保线索通报的答复（确认或提出异议）",
    name_en="the other side's answer to a false-litigation or pension-fraud flag",
    amount=15,
    unit=Unit.DAYS,
    rule=(
        "各方防范和惩治虚假诉讼协作机制约定，无法定期限（比照《最高人民法院、最高人民检察院"
        "关于民事执行活动法律监督若干问题的规定》人民法院书面说明的十五日期限；待各地确认）"
    ),
    remind_before_days=3,
    needs_confirmation=True,
)

FLAG = Workflow(
    name="flags.flag",
    label=_("flag"),
    model="flags.Flag",
    case_code="警",
    detail_template="flags/_detail.html",
    opened_by=FLAG_ROLES,
    states=STATES,
    initial="new",
    final=frozenset({"closed", "withdrawn"}),
    sights=(Sight(RAISER, ALL), Sight(OTHER_SIDE, ALL)),
    clocks={
        "answer": ClockSpec(
            _("answer to the flag"),
            period=ANSWER_PERIOD.code,
            owed_by=(OTHER_SIDE,),
            on_expiry="lapse",
        )
    },
    periods=[ANSWER_PERIOD],
    transitions=[
        Transition(
            "raise",
            "new",
            "raised",
            label=_("Raise"),
            who=(RAISER,),
            starts=("answer",),
            notifies=(
                Notify(
                    (OTHER_SIDE,),
                    _("%(actor)s flagged %(title)s to your organisation: please answer it."),
                ),
            ),
        ),
        Transition(
            "acknowledge",
            AWAITED,
            "acknowledged",
            label=_("Acknowledge"),
            who=(OTHER_SIDE,),
            form=AcknowledgeForm,
            effect=deferred_effect(ACTIONS, "record_acknowledged"),
            stops=("answer",),
            notifies=(Notify((RAISER,), _("%(actor)s acknowledged flag %(number)s.")),),
        ),
        Transition(
            "dispute",
            AWAITED,
            "disputed",
            label=_("Dispute"),
            who=(OTHER_SIDE,),
            form=ReasonForm,
            style="outline-secondary",
            effect=deferred_effect(ACTIONS, "record_disputed"),
            stops=("answer",),
            notifies=(Notify((RAISER,), _("%(actor)s disputed flag %(number)s: %(note)s")),),
        ),
        # The period ran out unanswered: the raising side is told, once (the step moves the flag
        # out of "raised"); the other side may still answer, late.
        Transition(
            "lapse",
            "raised",
            "overdue",
            label=_("Answer period over"),
            who=(),
            automatic=True,
            notifies=(
                Notify(
                    (RAISER,),
                    _(
                        "The other side has not answered flag %(number)s within its period: "
                        "the answer is overdue."
                    ),
                ),
            ),
        ),
        Transition(
            "close",
            ("acknowledged", "disputed", "overdue"),
            "closed",
            label=_("Record the outcome"),
            who=(RAISER,),
            form=OutcomeForm,
            effect=deferred_effect(ACTIONS, "record_outcome"),
            stops=("answer",),
            notifies=(
                Notify((OTHER_SIDE,), _("%(actor)s recorded the outcome of flag %(number)s.")),
            ),
        ),
        Transition(
            "withdraw",
            OPEN,
            "withdrawn",
            label=_("Withdraw the flag"),
            who=(RAISER,),
            form=ReasonForm,
            stops=("answer",),
            style="outline-danger",
            in_my_work=False,
            notifies=(Notify((OTHER_SIDE,), _("%(actor)s withdrew flag %(number)s: %(note)s")),),
        ),
    ],
)
