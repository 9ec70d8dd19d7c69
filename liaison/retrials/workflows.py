"""The civil retrial case's workflow, declared as data (docs/architecture.md).

    draft ─serve (approved)▶ served ─register▶ registered ─assess▶ assessed
    assessed ─rule_retrial▶ retrying ─record_judgment▶ judged
    assessed ─refuse_retrial▶ refused          (not for a protest)
    draft … retrying ─withdraw▶ withdrawn

The procuratorate's prosecutors draft it and add its new evidence; serving takes effect once the
department head and the chief procurator approve (a protest and a retrial recommendation are
both decided by the chief procurator, 《人民检察院民事诉讼监督规则》), and makes the court
named a partner. The court registers it under its own retrial number, decides each item of new
evidence, rules on the retrial on the clock of the period table (30 days for a protest, three
months for a recommendation) and records the judgment. The procuratorate may withdraw it, with
the reason, until the judgment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    Label,
    Notify,
    Panel,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import deferred_effect

from .forms import AssessForm, JudgmentForm, RefusalForm, RegisterForm, RulingForm

ACTIONS = "liaison.retrials.actions"

HANDLER = Who(Relation.HANDLER)
#: The procuratorate's side: the handler, and its prosecutors and those above them (a case
#: outlives its handler's absence).
HANDLING = (HANDLER, Who(Relation.OWNER_ORG, CASE_ROLES))
#: The court addressed, a partner from serving on: its judges and its president act.
COURT = Who(Relation.PARTNER_ORG, frozenset({Role.JUDGE, Role.COURT_PRESIDENT}))
#: Serving takes effect once the department head and then the chief procurator approve.
APPROVED_BY_SENIORS = Approval(default_approvers=SENIOR_ROLES)

#: The states in which the court sees the case: from serving on (never the draft).
COURT_STATES = frozenset(
    {"served", "registered", "assessed", "retrying", "refused", "judged", "withdrawn"}
)
#: The court's steps, and the procuratorate's that concern it: what the court reads on the
#: timeline (never the procuratorate's comments, approvals and evidence being assembled).
COURT_READS = frozenset(
    {
        "serve",
        "register",
        "assess",
        "rule_retrial",
        "refuse_retrial",
        "record_judgment",
        "withdraw",
    }
)
#: The court sees the case once served; it neither comments on the procuratorate's file nor
#: adds to it (its judgment document comes with its step).
COURT_SIGHT = Sight(
    Who(Relation.PARTNER_ORG),
    COURT_STATES,
    comments=frozenset(),
    attachments=frozenset(),
    reads=COURT_READS,
)

#: The act of adding (or removing) an item of new evidence: while the case is drafted.
EDIT_EVIDENCE = "edit_evidence"
EVIDENCE_ADDED = "retrials.evidence_added"
EVIDENCE_REMOVED = "retrials.evidence_removed"

PROTEST_PERIOD = "retrials.protest_ruling"
RECOMMENDATION_PERIOD = "retrials.recommendation_review"


@dataclass(frozen=True)
class KindClockSpec(ClockSpec):
    """The ruling clock runs the protest's period (``period``) or, for a retrial
    recommendation, ``recommendation_period``: one clock, so the court owes one ruling and the
    page shows one deadline whichever the kind."""

    recommendation_period: str = RECOMMENDATION_PERIOD

    def period_for(self, matter: Matter) -> str:
        from .models import Kind, RetrialCase

        kind = getattr(matter, "kind", None)
        if kind is None:
            kind = RetrialCase.objects.values_list("kind", flat=True).get(pk=matter.pk)
        return self.period if kind == Kind.PROTEST else self.recommendation_period


def has_evidence(matter: Matter, access: Access) -> Label | None:
    """A retrial case carries new evidence: it is served with at least one item."""
    from .models import NewEvidence

    if not NewEvidence.objects.filter(case_id=matter.pk).exists():
        return _("Add at least one item of new evidence before serving the case.")
    return None


def may_refuse(matter: Matter, access: Access) -> Label | None:
    """The court that receives a protest must rule to retry within 30 days (民事诉讼法 art.
    222); only a retrial recommendation may be refused."""
    from .models import Kind, RetrialCase

    if RetrialCase.objects.filter(pk=matter.pk, kind=Kind.PROTEST).exists():
        return _("A court receiving a protest rules to retry the case; it cannot refuse.")
    return None


def keep(**fields: str) -> Any:
    """An effect that keeps the step's input on the case (column=input name)."""

    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        from .models import RetrialCase

        RetrialCase.objects.filter(pk=matter.pk).update(
            **{column: data[name] for column, name in fields.items()}
        )

    return effect


def _ruling(ruling: str) -> Any:
    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        from .models import RetrialCase

        RetrialCase.objects.filter(pk=matter.pk).update(
            ruling=ruling, ruled_on=data["ruled_on"], ruling_reasons=data["ruling_reasons"]
        )

    return effect


RETRIAL = Workflow(
    name="retrials.case",
    label=_("civil retrial case"),
    model="retrials.RetrialCase",
    case_code="民再监",
    detail_template="retrials/_detail.html",
    panels=(Panel("retrials/_evidence.html"),),
    opened_by=CASE_ROLES,
    states={
        "draft": pgettext_lazy("state", "being drafted"),
        "served": pgettext_lazy("state", "served: awaiting the court's registration"),
        "registered": pgettext_lazy("state", "registered: evidence being examined"),
        "assessed": pgettext_lazy("state", "evidence examined: awaiting the ruling on retrial"),
        "retrying": pgettext_lazy("state", "being retried"),
        "refused": pgettext_lazy("state", "retrial refused"),
        "judged": pgettext_lazy("state", "retried: judgment given"),
        "withdrawn": pgettext_lazy("state", "withdrawn"),
    },
    initial="draft",
    final=frozenset({"refused", "judged", "withdrawn"}),
    sights=(COURT_SIGHT,),
    acts={EDIT_EVIDENCE: Act(HANDLING, frozenset({"draft"}))},
    events={
        EVIDENCE_ADDED: _("New evidence added"),
        EVIDENCE_REMOVED: _("New evidence removed"),
    },
    clocks={
        "ruling": KindClockSpec(
            _("court's ruling on retrial"),
            period=PROTEST_PERIOD,
            recommendation_period=RECOMMENDATION_PERIOD,
            owed_by=(COURT,),
        ),
    },
    periods=[
        PeriodDefault(
            code=PROTEST_PERIOD,
            name="人民法院对抗诉案件作出再审裁定",
            name_en="Court's ruling on retrial of a protested civil case",
            amount=30,
            unit=Unit.DAYS,
            rule="《中华人民共和国民事诉讼法》第二百二十二条",
            remind_before_days=5,
        ),
        PeriodDefault(
            code=RECOMMENDATION_PERIOD,
            name="人民法院审查再审检察建议",
            name_en="Court's review of a retrial recommendation",
            amount=3,
            unit=Unit.MONTHS,
            rule=(
                "《最高人民法院 最高人民检察院关于对民事审判活动与行政诉讼实行法律监督的"
                "若干意见（试行）》第七条"
            ),
            remind_before_days=10,
        ),
    ],
    transitions=[
        Transition(
            "serve",
            "draft",
            "served",
            label=_("Serve on the court"),
            who=HANDLING,
            guard=has_evidence,
            effect=deferred_effect(ACTIONS, "served"),
            starts=("ruling",),
            approval=APPROVED_BY_SENIORS,
            notifies=(
                Notify(
                    (COURT,),
                    _(
                        "The procuratorate served civil retrial case %(number)s on your court "
                        "with its new evidence: %(title)s. Register it."
                    ),
                ),
            ),
        ),
        Transition(
            "register",
            "served",
            "registered",
            label=_("Register the retrial case"),
            who=(COURT,),
            form=RegisterForm,
            effect=keep(court_case_number="court_case_number", registered_on="registered_on"),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The court registered retrial case %(number)s as %(court_case_number)s."),
                ),
            ),
        ),
        Transition(
            "assess",
            "registered",
            "assessed",
            label=_("Record the decision on each item of new evidence"),
            who=(COURT,),
            form=AssessForm,
            effect=deferred_effect(ACTIONS, "evidence_assessed"),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The court decided on the new evidence of retrial case %(number)s."),
                ),
            ),
        ),
        Transition(
            "rule_retrial",
            "assessed",
            "retrying",
            label=_("Rule to retry"),
            who=(COURT,),
            form=RulingForm,
            effect=_ruling("retrial"),
            stops=("ruling",),
            notifies=(Notify((HANDLER,), _("The court ruled to retry case %(number)s.")),),
        ),
        Transition(
            "refuse_retrial",
            "assessed",
            "refused",
            label=_("Refuse to retry"),
            who=(COURT,),
            form=RefusalForm,
            guard=may_refuse,
            effect=_ruling("refused"),
            stops=("ruling",),
            style="outline-danger",
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The court refused to retry case %(number)s: %(ruling_reasons)s"),
                ),
            ),
        ),
        Transition(
            "record_judgment",
            "retrying",
            "judged",
            label=_("Record the judgment"),
            who=(COURT,),
            form=JudgmentForm,
            effect=deferred_effect(ACTIONS, "judgment_recorded"),
            notifies=(Notify((HANDLER,), _("The court gave its retrial judgment on %(number)s.")),),
        ),
        Transition(
            "withdraw",
            ("draft", "served", "registered", "assessed", "retrying"),
            "withdrawn",
            label=_("Withdraw"),
            who=HANDLING,
            form=ReasonForm,
            stops=("ruling",),
            style="outline-danger",
            in_my_work=False,
            notifies=(
                Notify((COURT,), _("The procuratorate withdrew retrial case %(number)s: %(note)s")),
            ),
        ),
    ],
)
