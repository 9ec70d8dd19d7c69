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
from liaison.workflow.definitions import ClockSpec, Notify, Sight, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation

from .forms import AnswerForm
from .models import InformationNotice

SENDER = Who(Relation.OWNER_ORG, STAFF_ROLES)
RECIPIENT = Who(Relation.PARTNER_ORG, STAFF_ROLES)
HANDLER = Who(Relation.HANDLER)
#: Those who approve what leaves a procuratorate over the handler's name: in the three-level
#: approval a procuratorate runs (承办人 → 部门负责人 → 检察长), the department head and the
#: chief procurator.
APPROVERS = Who(Relation.OWNER_ORG, frozenset({"department_head", "chief_procurator"}))

#: The states in which the notice has left its sender.
SENT = frozenset({"sent", "acknowledged", "answered", "withdrawn"})
#: The states in which the addressee still acts on it; once answered or withdrawn its record
#: is closed, and the addressee reads it without adding to it.
OPEN = frozenset({"sent", "acknowledged"})

#: A draft belongs to its author. The addressee sees the notice once it is sent, and comments on
#: it and attaches files while it is open. Inside the sender, a draft is seen by its author (its
#: handler, by the engine's default for personal relations) and by the department head and chief
#: procurator who approve what is sent in the procuratorate's name, not by every colleague: an
#: unsent draft is the handler's work in progress, and a procuratorate's colleagues in other
#: departments learn of a notice when it goes out, as they would of a paper one.
SIGHTS = (
    Sight(RECIPIENT, SENT, comments=OPEN, attachments=OPEN),
    Sight(SENDER, SENT),
    Sight(APPROVERS, frozenset({"draft"}) | SENT),
)


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
    sights=SIGHTS,
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
            who=(HANDLER, APPROVERS),
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
            who=(HANDLER, APPROVERS),
            form=ReasonForm,
            stops=("answer",),
            style="outline-danger",
            notifies=(Notify((RECIPIENT,), _("%(actor)s withdrew information notice %(number)s")),),
        ),
    ],
)
