"""The agreement's workflow: draft → signed → in force → expired, or replaced by a newer one.

The drafting organisation (the owner) moves it; every party's staff see it in every state (the
engine's default sight: a draft is negotiated between the parties)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.orgs.roles import SPEAKS_FOR_ROLES
from liaison.workflow.definitions import Act, Notify, Panel, Transition, Who, Workflow
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation
from liaison.workflow.shapes import deferred_effect

from .forms import ExpireForm, InForceForm, ReplaceForm, SignForm

#: Who drafts, signs and ends an organisation's agreements: those who speak for it.
MANAGER_ROLES = SPEAKS_FOR_ROLES
OWNER_MANAGERS = Who(Relation.OWNER_ORG, MANAGER_ROLES)
PARTNER_MANAGERS = Who(Relation.PARTNER_ORG, MANAGER_ROLES)
PARTNER_STAFF = Who(Relation.PARTNER_ORG)

ACTIONS = "liaison.agreements.actions"

NAMED = "agreements.liaison.named"


def has_other_party(matter: Matter, access: Access) -> str | None:
    """An agreement has two parties at least: its owner and one partner."""
    if not matter.parties.filter(relation=Relation.PARTNER_ORG).exists():
        return str(_("Name at least one other party before the agreement is signed."))
    return None


AGREEMENT = Workflow(
    name="agreements.agreement",
    label=_("cooperation agreement"),
    model="agreements.Agreement",
    case_code="协议",
    detail_template="agreements/_detail.html",
    opened_by=MANAGER_ROLES,
    states={
        "draft": pgettext_lazy("state", "draft"),
        "signed": pgettext_lazy("state", "signed"),
        "in_force": pgettext_lazy("state", "in force"),
        "expired": pgettext_lazy("state", "expired"),
        "replaced": pgettext_lazy("state", "replaced"),
        "abandoned": pgettext_lazy("state", "abandoned"),
    },
    initial="draft",
    final=frozenset({"expired", "replaced", "abandoned"}),
    acts={
        # Correct the draft: its title, parties, articles, what it governs, its cadence.
        "edit": Act((OWNER_MANAGERS,), frozenset({"draft"})),
    },
    events={NAMED: _("Liaison person named")},
    notifies={
        NAMED: (
            Notify(
                (),
                _("%(actor)s named you liaison person under agreement %(number)s: %(title)s"),
                subject=True,
            ),
        )
    },
    transitions=[
        Transition(
            # A draft the parties did not sign: kept, with why, never deleted.
            "abandon",
            "draft",
            "abandoned",
            label=_("Abandon the draft"),
            who=(OWNER_MANAGERS,),
            form=ReasonForm,
            style="outline-secondary",
            in_my_work=False,
            notifies=(
                Notify(
                    (PARTNER_MANAGERS,),
                    _("%(actor)s abandoned the draft agreement %(number)s: %(title)s"),
                ),
            ),
        ),
        Transition(
            "sign",
            "draft",
            "signed",
            label=_("Record signing"),
            who=(OWNER_MANAGERS,),
            form=SignForm,
            guard=has_other_party,
            effect=deferred_effect(ACTIONS, "record_signing"),
            notifies=(
                Notify(
                    (PARTNER_MANAGERS,),
                    _("%(actor)s recorded that agreement %(number)s was signed: %(title)s"),
                ),
            ),
        ),
        Transition(
            "bring_into_force",
            "signed",
            "in_force",
            label=_("Bring into force"),
            who=(OWNER_MANAGERS,),
            form=InForceForm,
            effect=deferred_effect(ACTIONS, "record_in_force"),
            notifies=(Notify((PARTNER_STAFF,), _("Agreement %(number)s is in force: %(title)s")),),
        ),
        Transition(
            "expire",
            "in_force",
            "expired",
            label=_("Record expiry"),
            who=(OWNER_MANAGERS,),
            form=ExpireForm,
            effect=deferred_effect(ACTIONS, "record_expiry"),
            style="outline-danger",
            in_my_work=False,
            notifies=(
                Notify((PARTNER_MANAGERS,), _("Agreement %(number)s has expired: %(title)s")),
            ),
        ),
        Transition(
            "replace",
            ("signed", "in_force"),
            "replaced",
            label=_("Replace by a newer agreement"),
            who=(OWNER_MANAGERS,),
            form=ReplaceForm,
            effect=deferred_effect(ACTIONS, "record_replacement"),
            style="outline-secondary",
            in_my_work=False,
            notifies=(
                Notify(
                    (PARTNER_MANAGERS,),
                    _("Agreement %(number)s was replaced by a newer one: %(title)s"),
                ),
            ),
        ),
    ],
)

#: The panel every matter's page shows: the agreements it runs under (``apps.py`` adds it).
GOVERNED_BY_PANEL = Panel("agreements/_runs_under.html", column="side")
