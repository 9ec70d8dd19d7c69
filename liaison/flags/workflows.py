"""The flag's workflow, declared as data (docs/architecture.md).

    new ─raise▶ raised ─acknowledge▶ acknowledged ─close▶ closed
                  └────dispute────▶ disputed ─────close▶ closed
       raised, acknowledged, disputed ─withdraw▶ withdrawn

The raising side (the owner organisation's case staff) raises it, records the outcome and may
withdraw it; the other side (the flag's one partner organisation) answers it. The flag's parties
are the two organisations alone, whatever else stands to the flagged matter, and through them
only their case staff see it (``SIGHTS``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.orgs.roles import FLAG_ROLES
from liaison.workflow.definitions import Notify, Sight, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Relation
from liaison.workflow.shapes import deferred_effect

from .forms import AcknowledgeForm, OutcomeForm

#: Who raise, answer and see flags: the case staff of either side (``orgs.roles.FLAG_ROLES``),
#: never its liaison person, administrator or clue officer.
RAISER = Who(Relation.OWNER_ORG, FLAG_ROLES)
OTHER_SIDE = Who(Relation.PARTNER_ORG, FLAG_ROLES)

ACTIONS = "liaison.flags.actions"

STATES = {
    "new": pgettext_lazy("state", "new"),
    "raised": pgettext_lazy("state", "raised, awaiting the answer"),
    "acknowledged": pgettext_lazy("state", "acknowledged"),
    "disputed": pgettext_lazy("state", "disputed"),
    "closed": pgettext_lazy("state", "closed with its outcome"),
    "withdrawn": pgettext_lazy("state", "withdrawn"),
}
ALL = frozenset(STATES)
OPEN = ("raised", "acknowledged", "disputed")

FLAG = Workflow(
    name="flags.flag",
    label=_("flag"),
    model="flags.Flag",
    case_code="警",
    detail_template="flags/_detail.html",
    opened_by=FLAG_ROLES,
    states=STATES,
    initial="new",
    final=frozenset({"closed", "withdrawn"}),
    sights=(Sight(RAISER, ALL), Sight(OTHER_SIDE, ALL)),
    transitions=[
        Transition(
            "raise",
            "new",
            "raised",
            label=_("Raise"),
            who=(RAISER,),
            notifies=(
                Notify(
                    (OTHER_SIDE,),
                    _("%(actor)s flagged %(title)s to your organisation: please answer it."),
                ),
            ),
        ),
        Transition(
            "acknowledge",
            "raised",
            "acknowledged",
            label=_("Acknowledge"),
            who=(OTHER_SIDE,),
            form=AcknowledgeForm,
            effect=deferred_effect(ACTIONS, "record_acknowledged"),
            notifies=(Notify((RAISER,), _("%(actor)s acknowledged flag %(number)s.")),),
        ),
        Transition(
            "dispute",
            "raised",
            "disputed",
            label=_("Dispute"),
            who=(OTHER_SIDE,),
            form=ReasonForm,
            style="outline-secondary",
            effect=deferred_effect(ACTIONS, "record_disputed"),
            notifies=(Notify((RAISER,), _("%(actor)s disputed flag %(number)s: %(note)s")),),
        ),
        Transition(
            "close",
            ("acknowledged", "disputed"),
            "closed",
            label=_("Record the outcome"),
            who=(RAISER,),
            form=OutcomeForm,
            effect=deferred_effect(ACTIONS, "record_outcome"),
            notifies=(
                Notify((OTHER_SIDE,), _("%(actor)s recorded the outcome of flag %(number)s.")),
            ),
        ),
        Transition(
            "withdraw",
            OPEN,
            "withdrawn",
            label=_("Withdraw the flag"),
            who=(RAISER,),
            form=ReasonForm,
            style="outline-danger",
            in_my_work=False,
            notifies=(Notify((OTHER_SIDE,), _("%(actor)s withdrew flag %(number)s: %(note)s")),),
        ),
    ],
)
