"""The public-interest clue's workflow: reported → accepted, not accepted, or transferred, with
an assessment clock. Declared here as data (docs/architecture.md); ``actions.py`` only opens
clues.

    new ──submit──▶ submitted ──accept──▶ accepted
                         │ ──reject───▶ rejected     (with a reason the reporter reads)
                         └ ──transfer─▶ transferred  (a new clue opens at the other procuratorate)

"new" lasts only inside the submitting transaction: the portal opens the clue and submits it in
one step, so that the submission starts the clock and tells the clue officers like any step.
Merging duplicates ("merged") comes with the duplicate suggestions, later in issue 4.

Why transfer opens a new clue rather than changing the owner: case numbers, sequences and
figures belong to an organisation, so the first procuratorate's record keeps its number and
ends in "transferred" (an outcome it is answerable for), and the receiving one registers the
clue under its own number with its own assessment clock. The two are linked
(``Clue.transferred_from``), the photos and the reporter go along, and the reporter's query code
follows the link, so the reporter sees one clue.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import Role
from liaison.workflow.definitions import ClockSpec, Notify, Transition, Who, Workflow
from liaison.workflow.models import Matter, Relation

from .forms import RejectForm, TransferForm

CLUE_OFFICER = Who(Relation.OWNER_ORG, frozenset({Role.CLUE_OFFICER}))
REPORTER = Who(Relation.REPORTER)


def record_reason(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Keep the reason on the clue, where the progress page reads it for the reporter."""
    from .models import Clue

    Clue.objects.filter(pk=matter.pk).update(public_reason=data["note"])


def transfer(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .actions import open_transferred_clue

    open_transferred_clue(clue=matter, target=data["target"], reason=data.get("note", ""))


CLUE = Workflow(
    name="publicinterest.clue",
    label=_("public-interest clue"),
    model="publicinterest.Clue",
    case_code="公线",
    detail_template="publicinterest/_clue_detail.html",
    opened_by=frozenset({Role.CLUE_OFFICER}),
    states={
        "new": _("new"),
        "submitted": _("submitted"),
        "accepted": _("accepted"),
        "rejected": _("not accepted"),
        "transferred": _("transferred"),
    },
    initial="new",
    final=frozenset({"accepted", "rejected", "transferred"}),
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
            stops=("assessment",),
            notifies=(Notify((REPORTER,), _("Your public-interest clue was accepted.")),),
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
    ],
)
