"""The public-interest clue, declared as data (docs/architecture.md). ``actions.py`` holds what
its steps' effects do; the case it leads to is in ``workflows.py``.

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

Who may see what of a clue is its policy's (``CLUE.policy``): its named acts are revealing who
reported it (``SEE_REPORTER``: the clue officers of the procuratorate that handles it, so not
once transferred) and reading it as the procuratorate does (``READ_INTERNAL``: its staff see
that it has reporters, their masked names, a point far from the place named and the clues
merged into it). Reporters see it only as reporters: no other reporter, only their own files
and additions (``policy.PRIVATE_RELATIONS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_ROLES, STAFF_ROLES, Role
from liaison.workflow.definitions import Act, ClockSpec, Notify, Transition, Who, Workflow
from liaison.workflow.models import Matter, Relation

from .clue_forms import AcceptForm, MergeForm, RejectForm, TransferForm

CLUE_OFFICER = Who(Relation.OWNER_ORG, frozenset({Role.CLUE_OFFICER}))
REPORTER = Who(Relation.REPORTER)
#: The procuratorate's staff, whoever handles the clue.
OWNER_STAFF = Who(Relation.OWNER_ORG, STAFF_ROLES)
#: Those who accept a clue into a case are told; any prosecutor of the procuratorate.
_PROSECUTORS = Who(Relation.OWNER_ORG, CASE_ROLES)
#: The timeline events of a clue that another report was added to, or another clue merged into.
ADDITION_EVENT = "publicinterest.clue.addition"
MERGED_IN_EVENT = "publicinterest.clue.merged_in"
#: The clue's named acts (``Workflow.acts``), asked with ``CLUE.policy.may``.
SEE_REPORTER = "see_reporter"
READ_INTERNAL = "read_internal"

_STATES = {
    "new": pgettext_lazy("state", "new"),
    "submitted": pgettext_lazy("state", "submitted"),
    "accepted": pgettext_lazy("state", "accepted"),
    "rejected": pgettext_lazy("state", "not accepted"),
    "transferred": pgettext_lazy("state", "transferred"),
    "merged": pgettext_lazy("state", "merged into another clue"),
}


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


CLUE = Workflow(
    name="publicinterest.clue",
    label=_("public-interest clue"),
    model="publicinterest.Clue",
    case_code="公线",
    detail_template="publicinterest/_clue_detail.html",
    opened_by=frozenset({Role.CLUE_OFFICER}),
    acts={
        SEE_REPORTER: Act((CLUE_OFFICER,), states=frozenset(_STATES) - {"transferred"}),
        READ_INTERNAL: (OWNER_STAFF,),
    },
    states=_STATES,
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
                    (_PROSECUTORS,),
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
