"""Recommendations to a court (seed 001), through the shared recommendation
(``liaison.recommendations``): the four kinds the agreement names, numbered 民行监建 under a
matter type of their own, each with the template of its formal document, the court's
three-month reply period, and whether the chief procurator approves after the department head.
The court's staff answer it in Liaison (adopted, partly adopted, not adopted, with reasons and
evidence). A supervision case that recommends waits while its recommendation is drafted and goes
back to handling when the draft is withdrawn; its review period ends when the recommendation is
served (reactions to the recommendation's steps).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from liaison.core.access import SYSTEM, Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import OrganisationKind
from liaison.recommendations.kinds import RecommendationKind
from liaison.recommendations.workflows import Wording, recommendation_workflow
from liaison.workflow.actions import apply_transition
from liaison.workflow.definitions import Panel
from liaison.workflow.models import Matter

if TYPE_CHECKING:
    from liaison.recommendations.models import Recommendation

REPLY_RULE = (
    "《最高人民法院 最高人民检察院关于民事执行活动法律监督若干问题的规定》第十一条；"
    "《人民检察院民事诉讼监督规则》"
)

RECOMMENDATION = recommendation_workflow(
    name="courts.recommendation",
    case_code="民行监建",
    period="courts.recommendation_reply",
    panels=(Panel("courts/_court_case.html", column="side"),),
    periods=[
        PeriodDefault(
            code="courts.recommendation_reply",
            name="人民法院书面回复检察建议",
            name_en="Court's written reply to a procuratorial recommendation",
            amount=3,
            unit=Unit.MONTHS,
            rule=REPLY_RULE,
            remind_before_days=10,
        ),
    ],
    wording=Wording(
        serve=_("Serve on the court"),
        served=_(
            "%(actor)s served procuratorial recommendation %(number)s on your court: %(title)s"
        ),
        clock=_("court's reply"),
    ),
)

#: The supervision matters a recommendation to a court may arise from (or none: drafted alone).
SUPERVISION_TYPES = frozenset({"courts.enforcement", "courts.nonlitigation"})


def document_context(recommendation: Recommendation) -> dict[str, Any]:
    """What the document says of the court's case: its number."""
    from .models import CourtRecommendation

    number = (
        CourtRecommendation.objects.filter(recommendation_id=recommendation.pk)
        .values_list("court_case_number", flat=True)
        .first()
    )
    return {"court_case_number": number or ""}


def _kind(code: str, label: Any, template: str, *, chief: bool, sources: frozenset[str]) -> Any:
    return RecommendationKind(
        code=f"courts.{code}",
        label=label,
        workflow=RECOMMENDATION.name,
        template=f"courts/documents/{template}.html",
        reply_period="courts.recommendation_reply",
        chief_approves=chief,
        sources=sources,
        alone=True,
        addressees=frozenset({OrganisationKind.COURT}),
        reply_help=_("What the court did, and when; or why it does not adopt it."),
        context=document_context,
    )


#: The kinds of seed 001, each from a supervision case or drafted alone (``alone``).
ENFORCEMENT = _kind(
    "enforcement",
    _("enforcement supervision recommendation"),
    "enforcement",
    chief=True,
    sources=frozenset({"courts.enforcement"}),
)
NONLITIGATION = _kind(
    "nonlitigation",
    _("administrative non-litigation enforcement recommendation"),
    "nonlitigation",
    chief=True,
    sources=frozenset({"courts.nonlitigation"}),
)
TRIAL = _kind(
    "trial", _("trial supervision recommendation"), "trial", chief=True, sources=frozenset()
)
#: Correcting a violation in the court's procedure: approved by the department head alone (an
#: organisation that wants its chief procurator too sets its own ``ApprovalRule``).
VIOLATION = _kind(
    "violation",
    _("recommendation to correct a violation"),
    "violation",
    chief=False,
    sources=frozenset(),
)
KINDS = (ENFORCEMENT, TRIAL, NONLITIGATION, VIOLATION)


def _move_case(recommendation: Matter, *, when: str, step: str, note: str = "") -> None:
    from liaison.recommendations.models import Recommendation

    from .models import SupervisionCase

    source_id = (
        Recommendation.objects.filter(pk=recommendation.pk)
        .values_list("source_id", flat=True)
        .first()
    )
    case = SupervisionCase.objects.filter(pk=source_id).first() if source_id else None
    if case is not None and case.state == when:
        apply_transition(matter=case, name=step, access=SYSTEM, note=note)


def case_withdrawn(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """A draft no longer to be served: the supervision goes back to handling."""
    note = data.get("note", "")
    _move_case(matter, when="recommending", step="recommendation_withdrawn", note=note)


def case_served(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The recommendation was served: the supervision's review has ended in it."""
    _move_case(matter, when="recommending", step="recommendation_served")


def case_replied(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The court replied: the supervision goes on to follow-up, to be closed."""
    _move_case(matter, when="recommending", step="recommendation_replied")


def register_reactions() -> None:
    from liaison.workflow.registry import react

    react(RECOMMENDATION.name, "withdraw", case_withdrawn)
    react(RECOMMENDATION.name, "serve", case_served)
    react(RECOMMENDATION.name, "reply", case_replied)
