"""The information notice's workflow: sent → acknowledged → answered, with an answer clock.

The worked example of a mechanism (docs/architecture.md): everything the engine does with a
notice is declared here as data; ``actions.py`` only opens notices.
"""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import STAFF_ROLES
from liaison.workflow.definitions import ClockSpec, Notify, Transition, Who, Workflow
from liaison.workflow.models import Matter, Relation

from .forms import AnswerForm, ReasonForm
from .models import InformationNotice

SENDER = Who(Relation.OWNER_ORG, STAFF_ROLES)
RECIPIENT = Who(Relation.PARTNER_ORG, STAFF_ROLES)
HANDLER = Who(Relation.HANDLER)


def record_answer(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Keep the answer on the notice itself, where lists and exports read it."""
    InformationNotice.objects.filter(pk=matter.pk).update(
        answer=data["answer"], answered_at=timezone.now()
    )


NOTICE = Workflow(
    name="notices.notice",
    label=_("information notice"),
    model="notices.InformationNotice",
    case_code="协",
    detail_template="notices/_detail.html",
    opened_by=STAFF_ROLES,
    states={
        "draft": pgettext_lazy("state", "draft"),
        "sent": pgettext_lazy("state", "sent"),
        "acknowledged": pgettext_lazy("state", "acknowledged"),
        "answered": pgettext_lazy("state", "answered"),
        "withdrawn": pgettext_lazy("state", "withdrawn"),
    },
    initial="draft",
    final=frozenset({"answered", "withdrawn"}),
    clocks={
        "answer": ClockSpec(
            _("answer"),
            period="notices.answer",
            urgent_period="notices.answer_urgent",
            owed_by=(RECIPIENT,),
        )
    },
    periods=[
        PeriodDefault(
            code="notices.answer",
            name="信息通报反馈",
            name_en="answer to an information notice",
            amount=10,
            unit=Unit.WORKING_DAYS,
            rule="各方合作机制约定 (set by each cooperation agreement)",
        ),
        PeriodDefault(
            code="notices.answer_urgent",
            name="紧急信息通报反馈",
            name_en="answer to an urgent information notice",
            amount=3,
            unit=Unit.WORKING_DAYS,
            rule="各方合作机制约定 (set by each cooperation agreement)",
            remind_before_days=1,
        ),
    ],
    transitions=[
        Transition(
            "send",
            "draft",
            "sent",
            label=_("Send"),
            who=(SENDER,),
            starts=("answer",),
            notifies=(
                Notify(
                    (RECIPIENT,),
                    _("%(actor)s sent your organisation information notice %(number)s: %(title)s"),
                ),
            ),
        ),
        Transition(
            "acknowledge",
            "sent",
            "acknowledged",
            label=_("Acknowledge receipt"),
            who=(RECIPIENT,),
            notifies=(
                Notify((HANDLER,), _("%(actor)s acknowledged information notice %(number)s")),
            ),
        ),
        Transition(
            "answer",
            ("sent", "acknowledged"),
            "answered",
            label=_("Answer"),
            who=(RECIPIENT,),
            form=AnswerForm,
            effect=record_answer,
            stops=("answer",),
            notifies=(Notify((HANDLER,), _("%(actor)s answered information notice %(number)s")),),
        ),
        Transition(
            "withdraw",
            ("sent", "acknowledged"),
            "withdrawn",
            label=_("Withdraw"),
            who=(
                HANDLER,
                Who(Relation.OWNER_ORG, frozenset({"department_head", "chief_procurator"})),
            ),
            form=ReasonForm,
            stops=("answer",),
            style="outline-danger",
            notifies=(Notify((RECIPIENT,), _("%(actor)s withdrew information notice %(number)s")),),
        ),
    ],
)
