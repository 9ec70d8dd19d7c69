"""The dispute's workflow, declared as data (docs/architecture.md).

    new ─raise▶ raised ─agenda▶ on_agenda ─resolve▶ resolved
                  ▲                 │
                  └─meeting_cancelled (automatic)
       raised, on_agenda ─withdraw▶ withdrawn

The raising side (the owner organisation's staff) raises it and may withdraw it; the joint
office (the agreement's liaison persons on either side, the dispute's participants) puts it on
the agenda of the next joint meeting scheduled under the agreement and records the resolution
reached there once the meeting is held. While no meeting is scheduled it waits, "awaiting a
meeting". Both sides' staff see it in every state (the engine's default sight).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.orgs.roles import STAFF_ROLES
from liaison.workflow.definitions import Label, Notify, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import deferred_effect

from .forms import ResolveForm

RAISER = Who(Relation.OWNER_ORG, STAFF_ROLES)
OTHER_SIDE = Who(Relation.PARTNER_ORG, STAFF_ROLES)
#: The joint office: each side's liaison person under the agreement, taking part in the dispute.
OFFICE = Who(Relation.PARTICIPANT)
HANDLER = Who(Relation.HANDLER)

ACTIONS = "liaison.disputes.actions"


def meeting_scheduled(matter: Matter, access: Access) -> Label | None:
    from .selectors import next_meeting_for

    if next_meeting_for(matter) is None:
        return _(
            "No joint meeting is scheduled under the agreement yet: the dispute waits for one. "
            "Schedule the next joint meeting, then put the dispute on its agenda."
        )
    return None


def meeting_held(matter: Matter, access: Access) -> Label | None:
    from .selectors import resolvable_at

    return resolvable_at(matter)


DISPUTE = Workflow(
    name="disputes.dispute",
    label=_("dispute"),
    model="disputes.Dispute",
    case_code="争",
    detail_template="disputes/_detail.html",
    opened_by=STAFF_ROLES,
    states={
        "new": pgettext_lazy("state", "new"),
        "raised": pgettext_lazy("state", "raised, awaiting a meeting"),
        "on_agenda": pgettext_lazy("state", "on a joint meeting's agenda"),
        "resolved": pgettext_lazy("state", "resolved"),
        "withdrawn": pgettext_lazy("state", "withdrawn"),
    },
    initial="new",
    final=frozenset({"resolved", "withdrawn"}),
    transitions=[
        Transition(
            "raise",
            "new",
            "raised",
            label=_("Raise"),
            who=(RAISER,),
            notifies=(
                Notify(
                    (OTHER_SIDE, OFFICE),
                    _(
                        "%(actor)s raised dispute %(number)s with your organisation: %(title)s. "
                        "It goes to the joint office."
                    ),
                ),
            ),
        ),
        Transition(
            "agenda",
            "raised",
            "on_agenda",
            label=_("Put on the next joint meeting's agenda"),
            who=(OFFICE,),
            guard=meeting_scheduled,
            effect=deferred_effect(ACTIONS, "put_on_agenda"),
            notifies=(
                Notify(
                    (RAISER, OTHER_SIDE),
                    _("%(actor)s put dispute %(number)s on the next joint meeting's agenda."),
                ),
            ),
        ),
        Transition(
            "meeting_cancelled",
            "on_agenda",
            "raised",
            label=_("The joint meeting was cancelled"),
            who=(),
            automatic=True,
            effect=deferred_effect(ACTIONS, "off_agenda"),
            notifies=(
                Notify(
                    (OFFICE,),
                    _(
                        "The joint meeting dispute %(number)s was to be settled at was "
                        "cancelled: put it on the next one's agenda."
                    ),
                ),
            ),
        ),
        Transition(
            "resolve",
            "on_agenda",
            "resolved",
            label=_("Record the resolution"),
            who=(OFFICE,),
            form=ResolveForm,
            guard=meeting_held,
            effect=deferred_effect(ACTIONS, "record_resolution"),
            notifies=(
                Notify(
                    (RAISER, OTHER_SIDE),
                    _("%(actor)s recorded the joint meeting's resolution of dispute %(number)s."),
                ),
            ),
        ),
        Transition(
            "withdraw",
            ("raised", "on_agenda"),
            "withdrawn",
            label=_("Withdraw the dispute"),
            who=(RAISER,),
            form=ReasonForm,
            style="outline-danger",
            notifies=(
                Notify(
                    (OTHER_SIDE, OFFICE),
                    _("%(actor)s withdrew dispute %(number)s: %(note)s"),
                ),
            ),
        ),
    ],
)
