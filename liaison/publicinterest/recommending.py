"""Public-interest litigation's use of the recommendation (``liaison.recommendations``): the
pre-litigation recommendation to the agency responsible (诉前检察建议), numbered 行公建 under a
matter type of its own, its kind (the document's text, the two-month reply period or fifteen
days when urgent, approved by the department head and the chief procurator, the agency's answer
put as its rectification), and what the case does when the recommendation moves: it waits while
the draft is prepared, waits for the reply once it is served, goes on to follow-up when the
agency replies or the reply period lapses, and back to investigation when the draft is
withdrawn. Those are reactions to the recommendation's steps (``registry.react``), each taking
one of the case's automatic steps in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.access import SYSTEM, Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import OrganisationKind, Role
from liaison.recommendations.actions import recommendation_draft as draft
from liaison.recommendations.documents import chinese_date
from liaison.recommendations.kinds import Adoption, Outcome, RecommendationKind
from liaison.recommendations.workflows import Wording, recommendation_workflow
from liaison.workflow.actions import apply_transition
from liaison.workflow.definitions import Who
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, Relation, TimelineEvent

from .forms import RecommendForm, WithdrawRecommendationForm
from .models import PILCase, ReplyOutcome
from .workflows import PIL_INTERPRETATION

if TYPE_CHECKING:
    from liaison.recommendations.models import Recommendation

#: The officers of the agency a recommendation is served on.
AGENCY = Who(Relation.PARTNER_ORG, frozenset({Role.AGENCY_OFFICER}))

RECOMMENDATION = recommendation_workflow(
    name="publicinterest.recommendation",
    case_code="行公建",
    addressee=AGENCY,
    period="pil.recommendation_reply",
    urgent_period="pil.recommendation_reply_urgent",
    periods=[
        PeriodDefault(
            code="pil.recommendation_reply",
            name="行政机关书面回复诉前检察建议",
            name_en="Administrative organ's written reply to a pre-litigation recommendation",
            amount=2,
            unit=Unit.MONTHS,
            rule=f"《中华人民共和国行政诉讼法》第二十五条第四款；{PIL_INTERPRETATION}第二十一条",
            remind_before_days=7,
        ),
        PeriodDefault(
            code="pil.recommendation_reply_urgent",
            name="行政机关书面回复诉前检察建议（公共利益损害紧急）",
            name_en="Written reply to a pre-litigation recommendation when the public interest "
            "is in urgent danger",
            amount=15,
            unit=Unit.DAYS,
            rule=f"《中华人民共和国行政诉讼法》第二十五条第四款；{PIL_INTERPRETATION}第二十一条",
        ),
    ],
    wording=Wording(
        serve=_("Serve on the agency"),
        served=_(
            "%(actor)s served procuratorial recommendation %(number)s on your agency: %(title)s"
        ),
        clock=_("agency's reply"),
        draft_form=RecommendForm,
        withdraw_form=WithdrawRecommendationForm,
    ),
)

LEGAL_BASIS = (
    "《中华人民共和国行政诉讼法》第二十五条第四款、《人民检察院公益诉讼办案规则》第七十五条"
)


def _filed_on(case: PILCase) -> date:
    at = (
        TimelineEvent.objects.filter(matter_id=case.pk, transition="file")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(at or case.created_at)


def document_context(recommendation: Recommendation) -> dict[str, Any]:
    """What the document says of the case: its field, when it was filed and its number."""
    assert recommendation.source_id is not None
    case = PILCase.objects.select_related("field").get(pk=recommendation.source_id)
    return {
        "field": case.field.name,
        "filed_on": chinese_date(_filed_on(case)),
        "case_number": case.case_number or "",
        "legal_basis": LEGAL_BASIS,
    }


PRE_LITIGATION = RecommendationKind(
    code="publicinterest.pre_litigation",
    label=_("pre-litigation recommendation"),
    workflow=RECOMMENDATION.name,
    template="publicinterest/documents/pre_litigation.html",
    reply_period="pil.recommendation_reply",
    urgent_reply_period="pil.recommendation_reply_urgent",
    chief_approves=True,
    sources=frozenset({"publicinterest.admin_case"}),
    addressees=frozenset({OrganisationKind.ADMINISTRATIVE_AGENCY}),
    outcomes=(
        Outcome(ReplyOutcome.RECTIFIED, ReplyOutcome.RECTIFIED.label, Adoption.ADOPTED),
        Outcome(ReplyOutcome.RECTIFYING, ReplyOutcome.RECTIFYING.label, Adoption.ADOPTED),
        Outcome(ReplyOutcome.DISAGREES, ReplyOutcome.DISAGREES.label, Adoption.NOT_ADOPTED),
    ),
    outcome_label=_("Rectification"),
    reply_help=_("What your agency did, and when."),
    draft_note=_(
        "A draft: correct it below and read it as the formal document, then submit it for "
        "approval. It is served on the agency once approved; the agency sees nothing of it "
        "before."
    ),
    context=document_context,
)


def recommendation_draft(
    *,
    case: Matter,
    access: Access,
    facts: str,
    opinion: str,
    measures: str,
    urgent: bool = False,
    **_ignored: Any,
) -> Recommendation:
    """Draft the pre-litigation recommendation to the case's agency, its handlers the case's
    (``recommendations.actions.recommendation_draft``). Runs inside the case's ``recommend``
    step."""
    assert isinstance(case, PILCase)
    agency = case.administrative_agency
    if agency is None:
        raise WorkflowError(_("Name the responsible agency (when filing) before recommending."))
    return draft(
        kind=PRE_LITIGATION.code,
        owner=case.owner,
        addressee=agency,
        source=case,
        access=access,
        title=f"关于督促{agency.name}依法履行{case.field.name}领域监管职责的检察建议",
        facts=facts,
        opinion=opinion,
        measures=measures,
        urgent=urgent,
    )


# -- the case, when its recommendation moves ------------------------------------------------------


def _move_case(recommendation: Matter, *, when: str, step: str, note: str = "") -> None:
    """Take the case's automatic ``step`` if the case is still ``when`` (a reply after the
    reply period lapsed finds the case in follow-up already)."""
    from liaison.recommendations.models import Recommendation

    source_id = getattr(recommendation, "source_id", None)
    if source_id is None:
        source_id = (
            Recommendation.objects.filter(pk=recommendation.pk)
            .values_list("source_id", flat=True)
            .first()
        )
    if source_id is None:
        return
    case = PILCase.objects.filter(pk=source_id).first()
    if case is not None and case.state == when:
        apply_transition(matter=case, name=step, access=SYSTEM, note=note)


def case_served(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Served: the case waits for the agency's reply (its handling clock stops)."""
    _move_case(matter, when="recommending", step="recommendation_served")


def case_replied(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The agency replied: the case goes on to follow-up."""
    _move_case(matter, when="pre_litigation", step="receive_reply")


def case_lapsed(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The reply period ran out: the case goes on to follow-up, where the handler decides
    whether to sue."""
    _move_case(matter, when="pre_litigation", step="reply_lapsed")


def case_withdrawn(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """A draft no longer to be served: the case goes back to investigation, to be recommended
    anew or terminated; the reason goes on its timeline too."""
    _move_case(
        matter, when="recommending", step="recommendation_withdrawn", note=data.get("note", "")
    )


def register_reactions() -> None:
    from liaison.workflow.registry import react

    react(RECOMMENDATION.name, "serve", case_served)
    react(RECOMMENDATION.name, "reply", case_replied)
    react(RECOMMENDATION.name, "lapse", case_lapsed)
    react(RECOMMENDATION.name, "withdraw", case_withdrawn)
