"""The recommendation's workflow, declared as data and built by one function, so that every
family of kinds (numbered under its own case code, e.g. public-interest litigation's 行公建)
has the same steps, sights, clock and approval::

    draft ──serve*──▶ served ──reply (the addressee)──▶ replied
     │└ revise ┘          └─(the reply period lapses)─▶ lapsed ──reply (late)──┘
     └ withdraw ▶ withdrawn   (with the reason)

It is drafted (``actions.recommendation_draft``, from the step of the matter it arises from, or
on its own), corrected (``revise``) and read as its formal document (a preview, ``documents.py``)
by those handling it, then submitted for approval (*: the department head, then the chief
procurator when its kind says so, unless the procuratorate configures its own approvers). Only
once approved is it served: the formal document (PDF and Word) is made and kept, the addressee
becomes its partner (so it sees nothing of a draft), the reply clock starts (the kind's period,
the shorter one when urgent). A reply after the period is still recorded, and counts as late. A
draft no longer wanted is withdrawn, with the reason (not while it awaits approval: its
submitter withdraws the submission first). What the matter it arises from does meanwhile is
that mechanism's business, declared as reactions to these steps (``registry.react``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_ROLES, SENIOR_ROLES, STAFF_ROLES, OrganisationKind
from liaison.workflow.definitions import (
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
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import HANDLING

from .forms import DraftForm, ReplyForm, WithdrawForm
from .kinds import RecommendationKind, get_kind

HANDLER = Who(Relation.HANDLER)
#: The staff of the organisation it is addressed to.
ADDRESSEE = Who(Relation.PARTNER_ORG, STAFF_ROLES)
#: The states of a recommendation served: the only ones its addressee sees.
SERVED_STATES = frozenset({"served", "lapsed", "replied"})


def kind_of(matter: Matter) -> RecommendationKind:
    """The kind of a recommendation, given as itself or as its ``Matter`` row."""
    from .models import Recommendation

    code = getattr(matter, "kind", None)
    if not isinstance(code, str):
        code = Recommendation.objects.values_list("kind", flat=True).get(pk=matter.pk)
    return get_kind(code)


class KindApproval(Approval):
    """Serving is approved by the department head, and then by the chief procurator when the
    recommendation's kind says so (``RecommendationKind.chief_approves``)."""

    def defaults_for(self, matter: Matter) -> tuple[str, ...]:
        return kind_of(matter).approvers


class KindClockSpec(ClockSpec):
    """The reply clock runs the period the recommendation's kind names."""

    def period_for(self, matter: Matter) -> str:
        return kind_of(matter).period_for(bool(matter.urgent))


# -- effects -------------------------------------------------------------------------------------


def revise(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import recommendation_revise

    recommendation_revise(recommendation=matter, **data)


def serve(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import recommendation_serve

    recommendation_serve(recommendation=matter, access=access)


def record_reply(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import recommendation_record_reply

    recommendation_record_reply(recommendation=matter, access=access, **data)


SERVE = _("Serve on the addressee")
SERVED = _(
    "%(actor)s served procuratorial recommendation %(number)s on your organisation: %(title)s"
)
CLOCK = _("addressee's reply")
LABEL = _("procuratorial recommendation")


@dataclass(frozen=True)
class Wording:
    """What a family of kinds calls its steps, clock and forms (public-interest litigation
    speaks of "the agency"; the default, of the addressee)."""

    serve: Label = SERVE
    served: Label = SERVED
    clock: Label = CLOCK
    draft_form: type[forms.Form] = DraftForm
    withdraw_form: type[forms.Form] = WithdrawForm


def recommendation_workflow(
    *,
    name: str,
    case_code: str,
    label: Label = LABEL,
    addressee: Who = ADDRESSEE,
    wording: Wording = Wording(),
    period: str = "recommendations.reply",
    urgent_period: str | None = None,
    periods: Sequence[PeriodDefault] = (),
    panels: Sequence[Panel] = (),
) -> Workflow:
    """A recommendation workflow numbered under ``case_code``. ``period`` is the reply period
    (and ``urgent_period``) of the clock's declaration, the family's usual ones; the period a
    recommendation runs is its kind's (``KindClockSpec``). ``periods`` declares the family's
    periods (``deadlines.declarations``): each is declared once, by the workflow that runs it;
    ``panels``, what the family adds to the page (a court's case number)."""
    return Workflow(
        name=name,
        label=label,
        model="recommendations.Recommendation",
        case_code=case_code,
        detail_template="recommendations/_recommendation_detail.html",
        panels=panels,
        opened_by=CASE_ROLES,
        periods=periods,
        states={
            "draft": pgettext_lazy("state", "draft"),
            "served": pgettext_lazy("state", "served"),
            "lapsed": pgettext_lazy("state", "reply period over"),
            "replied": pgettext_lazy("recommendation", "replied"),
            "withdrawn": pgettext_lazy("state", "withdrawn"),
        },
        initial="draft",
        final=frozenset({"replied", "withdrawn"}),
        # The addressee's staff see the recommendation once it is served on it, never while it
        # is prepared nor once withdrawn as a draft; they add to it until they have replied.
        # The states are named, so a state added before "served" stays unseen by them.
        sights=(
            Sight(
                Who(Relation.PARTNER_ORG),
                SERVED_STATES,
                comments=frozenset({"served", "lapsed"}),
                attachments=frozenset({"served", "lapsed"}),
            ),
        ),
        clocks={
            "reply": KindClockSpec(
                wording.clock,
                period=period,
                urgent_period=urgent_period,
                owed_by=(addressee,),
                on_expiry="lapse",
            )
        },
        transitions=[
            Transition(
                "revise",
                "draft",
                "draft",
                label=_("Save the corrections"),
                who=HANDLING,
                form=wording.draft_form,
                effect=revise,
                style="outline-primary",
            ),
            Transition(
                "serve",
                "draft",
                "served",
                label=wording.serve,
                who=HANDLING,
                effect=serve,
                starts=("reply",),
                approval=KindApproval(default_approvers=SENIOR_ROLES),
                notifies=(Notify((addressee,), wording.served),),
            ),
            Transition(
                "withdraw",
                "draft",
                "withdrawn",
                label=_("Withdraw the draft recommendation"),
                who=HANDLING,
                form=wording.withdraw_form,
                style="outline-danger",
            ),
            Transition(
                "lapse",
                "served",
                "lapsed",
                label=_("The reply period ended"),
                who=(),
                automatic=True,
            ),
            Transition(
                "reply",
                ("served", "lapsed"),
                "replied",
                label=_("Reply"),
                who=(addressee,),
                form=ReplyForm,
                effect=record_reply,
                stops=("reply",),
                notifies=(
                    Notify(
                        (HANDLER,),
                        _("%(actor)s replied to procuratorial recommendation %(number)s"),
                    ),
                ),
            ),
        ],
    )


#: Recommendations that no mechanism numbers under a code of its own (检建): to a company, a
#: court, another procuratorate, on the procuratorate's own initiative or from any matter.
RECOMMENDATION = recommendation_workflow(
    name="recommendations.recommendation",
    case_code="检建",
    periods=[
        PeriodDefault(
            code="recommendations.reply",
            name="被建议单位书面回复社会治理检察建议",
            name_en="Organ's reply to a (social-governance) procuratorial recommendation",
            amount=2,
            unit=Unit.MONTHS,
            rule="《人民检察院检察建议工作规定》（2019年）",
            remind_before_days=7,
            needs_confirmation=True,
        ),
    ],
)

#: A social-governance recommendation (社会治理检察建议, 《人民检察院检察建议工作规定》
#: 第十一条): to any organisation whose work the procuratorate found wanting, from any matter
#: or none; served once the chief procurator has approved it too.
SOCIAL_GOVERNANCE = RecommendationKind(
    code="recommendations.social_governance",
    label=_("social-governance recommendation"),
    workflow=RECOMMENDATION.name,
    template="recommendations/documents/social_governance.html",
    reply_period="recommendations.reply",
    chief_approves=True,
    addressees=frozenset(
        {
            OrganisationKind.ADMINISTRATIVE_AGENCY,
            OrganisationKind.COURT,
            OrganisationKind.PROCURATORATE,
            OrganisationKind.JUDICIAL_BUREAU,
            OrganisationKind.COMPANY,
        }
    ),
)
