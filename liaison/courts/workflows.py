"""Supervision of a court's enforcement (民事执行监督), as data for the engine::

    handling ──recommend──▶ recommending ──(the court replied)──▶ follow_up ──close──▶ closed
       │  ▲                      └─(the draft is withdrawn)─┘ back to handling
       │  └──────────────────────────────────────────────────
       ├──refer (to the public security organ)──▶ referred
       └──close (with reasons)──▶ closed

Opened on a party's application (with the application and its evidence) or by the
procuratorate itself, about one enforcement case the court shared (``actions.supervision_open``).
Administrative non-litigation enforcement (行政非诉执行监督) is a matter type of its own on the
same model and steps, numbered under its own code. The court does not see the supervision: it
sees the recommendation served on it (``recommending.py``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.orgs.roles import CASE_ROLES
from liaison.workflow.definitions import Label, Transition, Workflow
from liaison.workflow.shapes import HANDLING, deferred_effect

from .forms import ReasonsForm, RecommendStepForm, ReferForm

ACTIONS = "liaison.courts.actions"


def supervision_workflow(*, name: str, label: Label, case_code: str) -> Workflow:
    return Workflow(
        name=name,
        label=label,
        model="courts.SupervisionCase",
        case_code=case_code,
        detail_template="courts/_supervision_detail.html",
        opened_by=CASE_ROLES,
        states={
            "handling": pgettext_lazy("state", "handling"),
            "recommending": pgettext_lazy("state", "recommendation under way"),
            "follow_up": pgettext_lazy("state", "follow-up"),
            "referred": pgettext_lazy("state", "referred to the public security organ"),
            "closed": pgettext_lazy("state", "closed"),
        },
        initial="handling",
        final=frozenset({"referred", "closed"}),
        transitions=[
            Transition(
                "recommend",
                "handling",
                "recommending",
                label=_("Recommend to the court"),
                who=HANDLING,
                form=RecommendStepForm,
                effect=deferred_effect(ACTIONS, "recommend_effect"),
            ),
            Transition(
                "recommendation_withdrawn",
                "recommending",
                "handling",
                label=_("The draft recommendation was withdrawn"),
                who=(),
                automatic=True,
            ),
            Transition(
                "recommendation_replied",
                "recommending",
                "follow_up",
                label=_("The court replied to the recommendation"),
                who=(),
                automatic=True,
            ),
            Transition(
                "refer",
                "handling",
                "referred",
                label=_("Refer to the public security organ"),
                who=HANDLING,
                form=ReferForm,
                effect=deferred_effect(ACTIONS, "refer_effect"),
                style="outline-primary",
            ),
            Transition(
                "close",
                ("handling", "follow_up"),
                "closed",
                label=_("Close"),
                who=HANDLING,
                form=ReasonsForm,
                effect=deferred_effect(ACTIONS, "close_effect"),
                style="outline-secondary",
            ),
        ],
    )


ENFORCEMENT = supervision_workflow(
    name="courts.enforcement", label=_("civil enforcement supervision"), case_code="民执监"
)
NONLITIGATION = supervision_workflow(
    name="courts.nonlitigation",
    label=_("administrative non-litigation enforcement supervision"),
    case_code="行非诉执监",
)
