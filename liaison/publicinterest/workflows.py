"""The workflows of public-interest litigation, declared as data (docs/architecture.md): the case
(administrative and civil) and the pre-litigation recommendation. ``actions.py`` holds what the
steps' effects do.

The clue is declared in ``clue_workflow.py`` (re-exported here); what both kinds of case share
(who takes their steps, the court's sight of a suit, the follow-up on site, the steps of filing,
suing and the court's) in ``case_parts.py``.

The case comes in two kinds, two matter types on one model (``PILCase``), because their
pre-litigation procedures differ and each numbers its cases with its own code::

    administrative (行公)
    opened ──file*──▶ investigating ──recommend──▶ recommending ──(its recommendation is
      └ decline ▶ not_filed   (drafts a Recommendation)           served)──▶ pre_litigation
                                    ◀──(its draft is withdrawn)──┘
    pre_litigation ──(the agency replies, or its reply period lapses)──▶ follow_up
                                                                    close_rectified ▶ rectified │
                                                     litigation ◀──────────── sue ──────────────┘

    civil (民公)
    opened ──file──▶ investigating ──announce──▶ announcing ──(30 days pass)──▶ announced
      └ decline ▶ not_filed                          └──── organ_sued ──▶ organ_sued ◀──┤
                                                     litigation ◀──────── sue ───────────┘

    both: sue* ▶ litigation ──register (the court)──▶ registered ⟲ record_hearing (the court)
          registered ──record_judgment (the court)──▶ judged ──record_enforcement──▶ concluded;
          terminate* (with the reason) from investigating and from follow-up or announcing.

The steps marked * take effect only once approved (the engine's ``Approval``): filing a case
and serving a recommendation go to the department head, then the chief procurator; suing and
terminating (ending a case without suing) to the chief procurator; unless the procuratorate
configures its own approvers for them (``workflow.ApprovalRule``).

The suit makes the court named a partner of the case (``suit_actions.suit_filed``): its judges
and president see it from then on (``case_parts.COURT_SIGHT``; they neither comment nor add to
the file), are told, register it under the court's own first-instance number (民初 or 行初,
``suit_forms.RegisterSuitForm``), record its hearing days and the judgment with its document;
the handler is told of each. After the agency's reply (or its lapse) an administrative case's
``decide_to_sue`` clock runs the period to decide whether to sue (``pil.decide_to_sue``).

The prosecutor who files a case handles it; the handler, the department head and the chief
procurator take its later steps. The steps in brackets are automatic, taken by the system: the
agency's reply (the recommendation's ``reply``) or the lapse of its reply period (the reply
clock's expiry) moves the case to follow-up; the announcement clock's expiry ends the
announcement. So a case waiting for a partner, or for a period to run out, waits in nobody's
"my work", and nobody can sue before the law allows. From the serving of
the recommendation on (and again after a judgment), the rectification is followed on site
(``supervision_actions.observation_file``), by those handling the case and by the volunteer
rectification supervisors they assign (``supervision_actions.supervisor_assign``). A
supervisor stands to the case from outside: they see its supervision page (what the agency must
correct, what was seen on site), never the investigation file, and their reports count once the
handling prosecutors accept them (which earns the volunteer points). A case is closed as
rectified only once the latest accepted observation found the problem rectified and no report
awaits review.
Whenever a case closes, the reporters of its clues and its supervisors are told
(``actions.case_closed``).

The pre-litigation recommendation (行公建) is a matter of its own, the recommendation mechanism's
(``liaison.recommendations``); public-interest litigation declares its kind, its matter type and
how the case follows it in ``recommending.py``. The case's ``recommend`` step drafts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.workflow.definitions import (
    ClockSpec,
    Notify,
    Transition,
    Workflow,
)
from liaison.workflow.models import Matter
from liaison.workflow.shapes import HANDLING

from .case_parts import (
    APPROVED_BY_CHIEF,
    CASE_TYPE,
    CLOSED_STATES,
    COURT_STATES,
    HANDLER,
    OPEN_STATES,
    case_acts,
    case_steps,
    keep,
)
from .clue_workflow import (  # re-exported: the clue is declared there
    ADDITION_EVENT as ADDITION_EVENT,
)
from .clue_workflow import CLUE as CLUE
from .clue_workflow import CLUE_OFFICER as CLUE_OFFICER
from .clue_workflow import MERGED_IN_EVENT as MERGED_IN_EVENT
from .clue_workflow import REPORTER as REPORTER
from .forms import (
    AnnounceForm,
    ConclusionForm,
    OrganSuedForm,
    RecommendForm,
)

# -- effects -------------------------------------------------------------------------------------


def draft_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommending import recommendation_draft

    recommendation_draft(case=matter, access=access, **data)


# -- guards --------------------------------------------------------------------------------------


def rectification_seen(matter: Matter, access: Access) -> Any:
    """A case is closed as rectified only once someone has seen it rectified on site: the latest
    accepted observation counts, and a supervisor's report still awaiting review must be read
    first (it may say the problem is back)."""
    from .models import Finding, Observation, Review

    observations = Observation.objects.filter(case_id=matter.pk)
    if observations.filter(review=Review.PENDING).exists():
        return _(
            "A supervisor's report on this case awaits review: accept it or not before closing "
            "the case."
        )
    latest = observations.filter(review=Review.ACCEPTED).values_list("finding", flat=True)
    if latest.first() != Finding.RECTIFIED:
        return _(
            "Close the case as rectified once an on-site observation has found the problem "
            "rectified (the latest observation counts)."
        )
    return None


#: The judicial interpretation most public-interest periods come from.
PIL_INTERPRETATION = (
    "《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》"
    "（法释〔2018〕6号，2020年修正）"
)

_ADMIN_STATES = {
    **OPEN_STATES,
    "recommending": pgettext_lazy("state", "recommendation being drafted"),
    "pre_litigation": pgettext_lazy("state", "awaiting the agency's reply"),
    "follow_up": pgettext_lazy("state", "follow-up supervision"),
    **COURT_STATES,
    "rectified": pgettext_lazy("state", "closed: rectified"),
    **CLOSED_STATES,
}
_ADMIN_FINAL = frozenset({"rectified", *CLOSED_STATES})

ADMIN_CASE = Workflow(
    name="publicinterest.admin_case",
    label=_("administrative public-interest case"),
    case_code="行公",
    **CASE_TYPE,
    states=_ADMIN_STATES,
    final=_ADMIN_FINAL,
    acts=case_acts(_ADMIN_STATES, _ADMIN_FINAL),
    clocks={
        "handling": ClockSpec(
            _("recommendation or termination"), period="pil.admin_case_handling", owed_by=HANDLING
        ),
        "decide_to_sue": ClockSpec(
            _("decision whether to sue"), period="pil.decide_to_sue", owed_by=HANDLING
        ),
    },
    periods=[
        PeriodDefault(
            code="pil.admin_case_handling",
            name="行政公益诉讼立案后制发检察建议或终结案件",
            name_en="Administrative PIL case: issue the recommendation or end the case after "
            "filing",
            amount=3,
            unit=Unit.MONTHS,
            rule="《检察机关行政公益诉讼案件办案指南（试行）》（2018年）（经检察长批准可以延长）",
            remind_before_days=7,
            needs_confirmation=True,
        ),
        PeriodDefault(
            code="pil.decide_to_sue",
            name="回复期满后决定是否提起行政公益诉讼",
            name_en="Decide whether to sue after the reply period ends",
            amount=2,
            unit=Unit.MONTHS,
            rule="《人民检察院公益诉讼办案规则》（经检察长批准可以延长）",
            remind_before_days=7,
            needs_confirmation=True,
        ),
    ],
    transitions=[
        Transition(
            "recommend",
            "investigating",
            "recommending",
            label=_("Draft the pre-litigation recommendation"),
            who=HANDLING,
            form=RecommendForm,
            effect=draft_recommendation,
        ),
        Transition(
            "recommendation_served",
            "recommending",
            "pre_litigation",
            label=_("The recommendation was served"),
            who=(),
            automatic=True,
            stops=("handling",),
        ),
        Transition(
            "recommendation_withdrawn",
            "recommending",
            "investigating",
            label=_("The draft recommendation was withdrawn"),
            who=(),
            automatic=True,
        ),
        Transition(
            "receive_reply",
            "pre_litigation",
            "follow_up",
            label=_("The agency replied"),
            who=(),
            automatic=True,
            starts=("decide_to_sue",),
        ),
        Transition(
            "reply_lapsed",
            "pre_litigation",
            "follow_up",
            label=_("The reply period ended without a reply"),
            who=(),
            automatic=True,
            starts=("decide_to_sue",),
            notifies=(
                Notify(
                    (HANDLER,),
                    _(
                        "The agency did not reply in time on %(number)s: follow up and decide "
                        "whether to sue."
                    ),
                ),
            ),
        ),
        Transition(
            "close_rectified",
            "follow_up",
            "rectified",
            label=_("Close as rectified"),
            who=HANDLING,
            form=ConclusionForm,
            guard=rectification_seen,
            effect=keep(conclusion="note"),
            stops=("decide_to_sue",),
            style="success",
            approval=APPROVED_BY_CHIEF,
        ),
        *case_steps(
            terminate_from=("investigating", "follow_up"),
            sue_from=("follow_up",),
            clocks=("handling", "decide_to_sue"),
            file_starts=True,
        ),
    ],
)

_CIVIL_STATES = {
    **OPEN_STATES,
    "announcing": pgettext_lazy("state", "announced: waiting for an entitled organ to sue"),
    "announced": pgettext_lazy("state", "announcement ended: decide whether to sue"),
    **COURT_STATES,
    "organ_sued": pgettext_lazy("state", "closed: an entitled organ sued"),
    **CLOSED_STATES,
}
_CIVIL_FINAL = frozenset({"organ_sued", *CLOSED_STATES})

CIVIL_CASE = Workflow(
    name="publicinterest.civil_case",
    label=_("civil public-interest case"),
    case_code="民公",
    **CASE_TYPE,
    states=_CIVIL_STATES,
    final=_CIVIL_FINAL,
    acts=case_acts(_CIVIL_STATES, _CIVIL_FINAL),
    clocks={
        "announcement": ClockSpec(
            _("announcement"),
            period="pil.civil_announcement",
            owed_by=HANDLING,
            on_expiry="announcement_ends",
        )
    },
    periods=[
        PeriodDefault(
            code="pil.civil_announcement",
            name="民事公益诉讼诉前公告期",
            name_en="Civil public-interest announcement before the procuratorate sues",
            amount=30,
            unit=Unit.DAYS,
            rule=f"{PIL_INTERPRETATION}第十三条",
        )
    ],
    transitions=[
        Transition(
            "announce",
            "investigating",
            "announcing",
            label=_("Announce the case"),
            who=HANDLING,
            form=AnnounceForm,
            effect=keep(announcement="announcement"),
            starts=("announcement",),
        ),
        Transition(
            "announcement_ends",
            "announcing",
            "announced",
            label=_("The announcement ended"),
            who=(),
            automatic=True,
            stops=("announcement",),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("The announcement of %(number)s has ended: decide whether to sue."),
                ),
            ),
        ),
        Transition(
            "organ_sued",
            ("announcing", "announced"),
            "organ_sued",
            label=_("An entitled organ sued"),
            who=HANDLING,
            form=OrganSuedForm,
            effect=keep(conclusion="note"),
            stops=("announcement",),
            style="outline-secondary",
            approval=APPROVED_BY_CHIEF,
        ),
        *case_steps(
            terminate_from=("investigating", "announcing", "announced"),
            sue_from=("announced",),
            clocks=("announcement",),
            file_starts=False,
        ),
    ],
)


CASE_WORKFLOWS = (ADMIN_CASE, CIVIL_CASE)
