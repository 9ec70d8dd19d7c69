"""The workflows of public-interest litigation, declared as data (docs/architecture.md): the clue,
the case (administrative and civil) and the pre-litigation recommendation. ``actions.py`` holds
what the steps' effects do.

The clue::

    new ──submit──▶ submitted ──accept──▶ accepted     (opens a case, or joins an open one)
                         │ ──reject───▶ rejected     (with a reason the reporter reads)
                         │ ──transfer─▶ transferred  (a new clue opens at the other procuratorate)
                         └ ──merge────▶ merged       (into another open clue of the same problem)

"new" lasts only inside the submitting transaction: the portal opens the clue and submits it in
one step, so that the submission starts the clock and tells the clue officers like any step.

The same problem is often reported twice. Before sending, a reporter sees the open clues of the
field near the place and may add to one instead ("I see this too": a ``ClueAddition``, recorded
on the clue's timeline, not a step). A clue sent anyway is offered to the clue officers as a
likely duplicate (``duplicates.duplicate_suggestions``, with the reasons), and they may merge it
into the other clue: its reporters join that clue's, and its query code shows that clue's
progress. A second report of a problem already accepted joins the case that is open
("accept" offers the procuratorate's open cases).

Why transfer opens a new clue rather than changing the owner: case numbers, sequences and
figures belong to an organisation, so the first procuratorate's record keeps its number and
ends in "transferred" (an outcome it is answerable for), and the receiving one registers the
clue under its own number with its own assessment clock. The two are linked
(``Clue.transferred_from``), the photos and the reporter go along, and the reporter's query code
follows the link, so the reporter sees one clue.

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

    both: litigation ──record_judgment──▶ judged ──record_enforcement──▶ concluded;
          terminate (with the reason) from investigating and from follow-up or announcing.

The steps marked * take effect only once approved (the engine's ``Approval``): filing a case
and serving a recommendation go to the department head, then the chief procurator, unless the
procuratorate configures its own approvers for them (``workflow.ApprovalRule``).

The prosecutor who files a case handles it; the handler, the department head and the chief
procurator take its later steps. The steps in brackets are automatic, taken by the system: the
agency's reply (the recommendation's ``reply``) or the lapse of its reply period (the reply
clock's expiry) moves the case to follow-up; the announcement clock's expiry ends the
announcement. So a case waiting for a partner, or for a period to run out, waits in nobody's
"my work", and nobody can sue before the law allows. From the serving of
the recommendation on (and again after a judgment), the rectification is followed on site
(``actions.observation_file``), by those handling the case and by the volunteer
rectification supervisors they assign (``actions.supervisor_assign``). A supervisor stands to
the case from outside: they see its supervision page (what the agency must correct, what was
seen on site), never the investigation file, and their reports count once the handling
prosecutors accept them (which earns the volunteer points). A case is closed as rectified only
once the latest accepted observation found the problem rectified and no report awaits review.
Whenever a case closes, the reporters of its clues and its supervisors are told
(``actions.case_closed``).

The recommendation (行公建, its own matter, see ``models.Recommendation`` for why)::

    draft ──serve*──▶ served ──reply (the agency)──▶ replied
     │└ revise ┘          └─(the reply period lapses)─▶ lapsed ──reply (late)──┘
     └ withdraw ▶ withdrawn   (with the reason; the case goes back to investigation)

The case's ``recommend`` step opens the recommendation as a draft, which those handling the
case correct (``revise``) and read as its formal document (a preview, ``documents.py``) before
submitting it for approval. Only once approved is it served: the formal document (PDF and
Word) is made and kept, the agency becomes its partner (so it sees nothing of a draft), the
reply clock starts (two months, fifteen days when the public interest is in urgent danger) and
the case moves on to wait for the reply. A reply after the period is still recorded, and counts
as late. A draft no longer wanted is withdrawn, with the reason, by those handling the case (not
while it awaits approval: its submitter withdraws the submission first); the case goes back to
investigation, to be recommended anew or terminated, and the agency never sees the draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import Role
from liaison.workflow.definitions import (
    Approval,
    ClockSpec,
    Effect,
    Notify,
    Sight,
    Transition,
    Who,
    Workflow,
    deferred_effect,
)
from liaison.workflow.models import Matter, Relation

from .forms import (
    AcceptForm,
    AnnounceForm,
    ConclusionForm,
    EnforcementForm,
    FileCaseForm,
    JudgmentForm,
    MergeForm,
    OrganSuedForm,
    RecommendForm,
    RejectForm,
    ReplyForm,
    SueForm,
    TransferForm,
    WithdrawRecommendationForm,
)

CLUE_OFFICER = Who(Relation.OWNER_ORG, frozenset({Role.CLUE_OFFICER}))
REPORTER = Who(Relation.REPORTER)
#: Those above the prosecutors: who take a case's steps beside its handler, and who approve.
SENIORS = (Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR)
_CASE_ROLES = frozenset({Role.PROSECUTOR, *SENIORS})
#: Any prosecutor of the procuratorate (before the case has a handler).
PROSECUTORS = Who(Relation.OWNER_ORG, _CASE_ROLES)
#: The case's handler, and those above them: who takes a filed case's steps.
HANDLING = (
    Who(Relation.HANDLER, _CASE_ROLES),
    Who(Relation.OWNER_ORG, frozenset(SENIORS)),
)
#: Filing a case and serving a recommendation take effect once the department head and then
#: the chief procurator approve, unless the procuratorate configures its own approvers.
APPROVED_BY_SENIORS = Approval(default_approvers=SENIORS)
#: The states of a recommendation served on the agency: the only ones it (and a supervisor) sees.
SERVED_STATES = frozenset({"served", "lapsed", "replied"})
#: The officers of the agency a recommendation is served on.
AGENCY = Who(Relation.PARTNER_ORG, frozenset({Role.AGENCY_OFFICER}))
HANDLER = Who(Relation.HANDLER)

#: A volunteer rectification supervisor assigned to the case (``actions.supervisor_assign``):
#: an outside relation, so they see the case's supervision page, never the case's own.
SUPERVISOR = Who(Relation.SUPERVISOR)

#: Who may file an on-site observation on a case (``actions.observation_file``): those handling
#: it, whose observations count at once, and its volunteer supervisors, whose reports count
#: once the handling prosecutors accept them.
OBSERVERS: tuple[Who, ...] = (*HANDLING, SUPERVISOR)
#: The states of a case in which the rectification is followed on site.
OBSERVABLE_STATES = frozenset({"pre_litigation", "follow_up", "judged"})
#: The timeline events of the follow-up on site: an observation, a supervisor assigned or
#: withdrawn, a supervisor's report accepted (volunteers earn points, ``volunteers.points``)
#: or not.
OBSERVATION_EVENT = "publicinterest.case.observation"
SUPERVISOR_ASSIGNED_EVENT = "publicinterest.case.supervisor_assigned"
SUPERVISOR_WITHDRAWN_EVENT = "publicinterest.case.supervisor_withdrawn"
REPORT_ACCEPTED_EVENT = "publicinterest.case.report_accepted"
REPORT_NOT_ACCEPTED_EVENT = "publicinterest.case.report_not_accepted"
#: The timeline events of a clue that another report was added to, or another clue merged into.
ADDITION_EVENT = "publicinterest.clue.addition"
MERGED_IN_EVENT = "publicinterest.clue.merged_in"


# -- effects -------------------------------------------------------------------------------------


def record_reason(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Keep the reason on the clue, where the progress page reads it for the reporter."""
    from .models import Clue

    Clue.objects.filter(pk=matter.pk).update(public_reason=data["note"])


def transfer(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .clue_actions import open_transferred_clue

    open_transferred_clue(clue=matter, target=data["target"], reason=data.get("note", ""))


def merge(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import clue_merge

    clue_merge(clue=matter, target=data["target"], access=access)


def open_case(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import case_open_from_clue

    case_open_from_clue(
        clue=matter,
        access=access,
        kind=data.get("kind") or None,
        administrative_agency=data.get("administrative_agency"),
        case=data.get("case"),
    )


def file_case(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import case_file

    case_file(case=matter, access=access, **data)


def draft_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_draft

    recommendation_draft(case=matter, access=access, **data)


def revise_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_revise

    recommendation_revise(recommendation=matter, **data)


def serve_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_serve

    recommendation_serve(recommendation=matter, access=access)


def withdraw_recommendation(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_withdraw

    recommendation_withdraw(recommendation=matter, **data)


def reply_period_over(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_lapsed

    recommendation_lapsed(recommendation=matter)


def record_reply(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .recommendation_actions import recommendation_record_reply

    recommendation_record_reply(recommendation=matter, access=access, **data)


def keep(**fields: str) -> Effect:
    """An effect that keeps the step's input on the case: ``keep(conclusion="note")`` stores the
    form's ``note`` in ``PILCase.conclusion``."""

    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        from .models import PILCase

        PILCase.objects.filter(pk=matter.pk).update(
            **{column: data[name] for column, name in fields.items()}
        )

    return effect


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


# -- the clue ------------------------------------------------------------------------------------

CLUE = Workflow(
    name="publicinterest.clue",
    label=_("public-interest clue"),
    model="publicinterest.Clue",
    case_code="公线",
    detail_template="publicinterest/_clue_detail.html",
    opened_by=frozenset({Role.CLUE_OFFICER}),
    states={
        "new": pgettext_lazy("state", "new"),
        "submitted": pgettext_lazy("state", "submitted"),
        "accepted": pgettext_lazy("state", "accepted"),
        "rejected": pgettext_lazy("state", "not accepted"),
        "transferred": pgettext_lazy("state", "transferred"),
        "merged": pgettext_lazy("state", "merged into another clue"),
    },
    initial="new",
    final=frozenset({"accepted", "rejected", "transferred", "merged"}),
    events={
        ADDITION_EVENT: _("Someone else reported it too"),
        MERGED_IN_EVENT: _("Another clue about the same problem was merged into this one"),
    },
    clocks={
        "assessment": ClockSpec(
            _("assessment"), period="pil.clue_assessment", owed_by=(CLUE_OFFICER,)
        )
    },
    periods=[
        PeriodDefault(
            code="pil.clue_assessment",
            name="公益诉讼线索评估并答复举报人",
            name_en="Assess a public-interest clue and answer the reporter",
            amount=7,
            unit=Unit.WORKING_DAYS,
            rule=(
                "参照最高人民检察院“群众来信件件有回复”制度（七日内程序性回复）；"
                "《人民检察院公益诉讼办案规则》（高检发释字〔2021〕2号）对线索评估期限的规定待核实"
            ),
            remind_before_days=2,
            needs_confirmation=True,
        )
    ],
    transitions=[
        Transition(
            "submit",
            "new",
            "submitted",
            label=_("Submit"),
            who=(REPORTER,),
            starts=("assessment",),
            notifies=(
                Notify(
                    (CLUE_OFFICER,),
                    _("A public-interest clue was reported: %(number)s %(title)s"),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "accept",
            "submitted",
            "accepted",
            label=_("Accept"),
            who=(CLUE_OFFICER,),
            form=AcceptForm,
            effect=open_case,
            stops=("assessment",),
            notifies=(
                Notify((REPORTER,), _("Your public-interest clue was accepted.")),
                Notify(
                    (PROSECUTORS,),
                    _("Public-interest clue %(number)s was accepted into a case: %(title)s"),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "reject",
            "submitted",
            "rejected",
            label=_("Do not accept"),
            who=(CLUE_OFFICER,),
            form=RejectForm,
            effect=record_reason,
            stops=("assessment",),
            style="outline-danger",
            notifies=(
                Notify(
                    (REPORTER,),
                    _("Your public-interest clue was not accepted; the reason is on its page."),
                ),
            ),
        ),
        Transition(
            "transfer",
            "submitted",
            "transferred",
            label=_("Transfer to another procuratorate"),
            who=(CLUE_OFFICER,),
            form=TransferForm,
            effect=transfer,
            stops=("assessment",),
            style="outline-secondary",
        ),
        Transition(
            "merge",
            "submitted",
            "merged",
            label=_("Merge into another clue"),
            who=(CLUE_OFFICER,),
            form=MergeForm,
            effect=merge,
            stops=("assessment",),
            style="outline-secondary",
            notifies=(
                Notify(
                    (REPORTER,),
                    _(
                        "Your public-interest clue reports the same problem as another clue and "
                        "was merged into it; you will be told of that clue's outcome."
                    ),
                ),
            ),
        ),
    ],
)


# -- the case ------------------------------------------------------------------------------------

_OPEN_STATES = {
    "opened": pgettext_lazy("state", "awaiting filing"),
    "investigating": pgettext_lazy("state", "under investigation"),
}
_COURT_STATES = {
    "litigation": pgettext_lazy("state", "before the court"),
    "judged": pgettext_lazy("state", "judgment being enforced"),
}
_CLOSED_STATES = {
    "not_filed": pgettext_lazy("state", "not filed"),
    "terminated": pgettext_lazy("state", "terminated"),
    "concluded": pgettext_lazy("state", "closed after judgment"),
}
#: What both kinds of case have in common as matter types.
_CASE_TYPE: dict[str, Any] = {
    "model": "publicinterest.PILCase",
    "detail_template": "publicinterest/_case_detail.html",
    "opened_by": frozenset({Role.CLUE_OFFICER, *_CASE_ROLES}),
    "initial": "opened",
    "events": {
        OBSERVATION_EVENT: _("On-site observation"),
        SUPERVISOR_ASSIGNED_EVENT: _("Rectification supervisor assigned"),
        SUPERVISOR_WITHDRAWN_EVENT: _("Rectification supervisor withdrawn"),
        REPORT_ACCEPTED_EVENT: _("Supervision report accepted"),
        REPORT_NOT_ACCEPTED_EVENT: _("Supervision report not accepted"),
    },
    "on_close": deferred_effect("liaison.publicinterest.actions", "case_closed"),
    "outside_pages": {Relation.SUPERVISOR: "publicinterest:supervision"},
}


def _case_steps(
    *, terminate_from: tuple[str, ...], sue_from: tuple[str, ...], clock: str, file_starts: bool
) -> list[Transition]:
    """The steps both kinds of case share. They differ in the states termination and suit
    start from, and in the case's own clock, which both stop (and filing starts, for an
    administrative case: the recommendation is due within three months of filing)."""
    return [
        Transition(
            "file",
            "opened",
            "investigating",
            label=_("File the case"),
            who=(PROSECUTORS,),
            form=FileCaseForm,
            effect=file_case,
            starts=(clock,) if file_starts else (),
            approval=APPROVED_BY_SENIORS,
        ),
        Transition(
            "decline",
            "opened",
            "not_filed",
            label=_("Do not file"),
            who=(PROSECUTORS,),
            form=ConclusionForm,
            effect=keep(conclusion="note"),
            style="outline-danger",
        ),
        Transition(
            "sue",
            sue_from,
            "litigation",
            label=_("Bring a suit"),
            who=HANDLING,
            form=SueForm,
            effect=keep(court="court", suit_filed_on="suit_filed_on", claims="claims"),
            stops=(clock,),
            style="outline-primary",
        ),
        Transition(
            "terminate",
            terminate_from,
            "terminated",
            label=_("Terminate the case"),
            who=HANDLING,
            form=ConclusionForm,
            effect=keep(conclusion="note"),
            stops=(clock,),
            style="outline-danger",
        ),
        Transition(
            "record_judgment",
            "litigation",
            "judged",
            label=_("Record the judgment"),
            who=HANDLING,
            form=JudgmentForm,
            effect=keep(
                judgment_on="judgment_on",
                judgment_number="judgment_number",
                judgment_outcome="judgment_outcome",
                judgment_summary="judgment_summary",
            ),
        ),
        Transition(
            "record_enforcement",
            "judged",
            "concluded",
            label=_("Record the enforcement and close"),
            who=HANDLING,
            form=EnforcementForm,
            effect=keep(enforced_on="enforced_on", conclusion="note"),
        ),
    ]


ADMIN_CASE = Workflow(
    name="publicinterest.admin_case",
    label=_("administrative public-interest case"),
    case_code="行公",
    **_CASE_TYPE,
    states={
        **_OPEN_STATES,
        "recommending": pgettext_lazy("state", "recommendation being drafted"),
        "pre_litigation": pgettext_lazy("state", "awaiting the agency's reply"),
        "follow_up": pgettext_lazy("state", "follow-up supervision"),
        **_COURT_STATES,
        "rectified": pgettext_lazy("state", "closed: rectified"),
        **_CLOSED_STATES,
    },
    final=frozenset({"rectified", *_CLOSED_STATES}),
    clocks={
        "handling": ClockSpec(
            _("recommendation or termination"), period="pil.admin_case_handling", owed_by=HANDLING
        )
    },
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
        ),
        Transition(
            "reply_lapsed",
            "pre_litigation",
            "follow_up",
            label=_("The reply period ended without a reply"),
            who=(),
            automatic=True,
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
            style="success",
        ),
        *_case_steps(
            terminate_from=("investigating", "follow_up"),
            sue_from=("follow_up",),
            clock="handling",
            file_starts=True,
        ),
    ],
)

CIVIL_CASE = Workflow(
    name="publicinterest.civil_case",
    label=_("civil public-interest case"),
    case_code="民公",
    **_CASE_TYPE,
    states={
        **_OPEN_STATES,
        "announcing": pgettext_lazy("state", "announced: waiting for an entitled organ to sue"),
        "announced": pgettext_lazy("state", "announcement ended: decide whether to sue"),
        **_COURT_STATES,
        "organ_sued": pgettext_lazy("state", "closed: an entitled organ sued"),
        **_CLOSED_STATES,
    },
    final=frozenset({"organ_sued", *_CLOSED_STATES}),
    clocks={
        "announcement": ClockSpec(
            _("announcement"),
            period="pil.civil_announcement",
            owed_by=HANDLING,
            on_expiry="announcement_ends",
        )
    },
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
        ),
        *_case_steps(
            terminate_from=("investigating", "announcing", "announced"),
            sue_from=("announced",),
            clock="announcement",
            file_starts=False,
        ),
    ],
)


# -- the recommendation --------------------------------------------------------------------------

RECOMMENDATION = Workflow(
    name="publicinterest.recommendation",
    label=_("procuratorial recommendation"),
    model="publicinterest.Recommendation",
    case_code="行公建",
    detail_template="publicinterest/_recommendation_detail.html",
    opened_by=_CASE_ROLES,
    states={
        "draft": pgettext_lazy("state", "draft"),
        "served": pgettext_lazy("state", "served"),
        "lapsed": pgettext_lazy("state", "reply period over"),
        "replied": pgettext_lazy("recommendation", "replied"),
        "withdrawn": pgettext_lazy("state", "withdrawn"),
    },
    initial="draft",
    final=frozenset({"replied", "withdrawn"}),
    # The agency's staff see the recommendation once it is served on it, never while it is
    # prepared nor once withdrawn as a draft; they add to it until the agency has replied. The
    # states are named, so a state added before "served" (an approval) stays unseen by the agency.
    sights=(
        Sight(
            Who(Relation.PARTNER_ORG),
            SERVED_STATES,
            comments=frozenset({"served", "lapsed"}),
            attachments=frozenset({"served", "lapsed"}),
        ),
    ),
    clocks={
        "reply": ClockSpec(
            _("agency's reply"),
            period="pil.recommendation_reply",
            urgent_period="pil.recommendation_reply_urgent",
            owed_by=(AGENCY,),
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
            form=RecommendForm,
            effect=revise_recommendation,
            style="outline-primary",
        ),
        Transition(
            "serve",
            "draft",
            "served",
            label=_("Serve on the agency"),
            who=HANDLING,
            effect=serve_recommendation,
            starts=("reply",),
            approval=APPROVED_BY_SENIORS,
            notifies=(
                Notify(
                    (AGENCY,),
                    _(
                        "%(actor)s served procuratorial recommendation %(number)s on your agency: "
                        "%(title)s"
                    ),
                ),
            ),
        ),
        Transition(
            "withdraw",
            "draft",
            "withdrawn",
            label=_("Withdraw the draft recommendation"),
            who=HANDLING,
            form=WithdrawRecommendationForm,
            effect=withdraw_recommendation,
            style="outline-danger",
        ),
        Transition(
            "lapse",
            "served",
            "lapsed",
            label=_("The reply period ended"),
            who=(),
            automatic=True,
            effect=reply_period_over,
        ),
        Transition(
            "reply",
            ("served", "lapsed"),
            "replied",
            label=_("Reply"),
            who=(AGENCY,),
            form=ReplyForm,
            effect=record_reply,
            stops=("reply",),
            notifies=(
                Notify(
                    (HANDLER,), _("%(actor)s replied to procuratorial recommendation %(number)s")
                ),
            ),
        ),
    ],
)

CASE_WORKFLOWS = (ADMIN_CASE, CIVIL_CASE)
