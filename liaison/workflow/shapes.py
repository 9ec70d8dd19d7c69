"""Shapes that recur across mechanisms, built from the workflow's data: an effect named by its
module (``deferred_effect``), and a matter one person asks for and others decide
(``application_workflow`` with its ``Outcome``s)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.orgs.roles import CASE_ROLES, SENIOR_ROLES

from .definitions import Workflow
from .models import Relation
from .parts import Effect, Label, Notify, Sight, Transition, Who

if TYPE_CHECKING:
    from liaison.core.access import Access

    from .models import Matter


#: A matter's handling prosecutors (its handlers who still hold a case role) and those above
#: them in its procuratorate (``SENIOR_ROLES``): who take a case's and a recommendation's steps.
HANDLING: tuple[Who, ...] = (
    Who(Relation.HANDLER, CASE_ROLES),
    Who(Relation.OWNER_ORG, frozenset(SENIOR_ROLES)),
)


def deferred_effect(module: str, function: str) -> Effect:
    """An effect that calls ``<module>.<function>(matter=, data=, access=)``, imported when the
    step is taken: a mechanism's actions import its workflows, so its workflows name the
    actions' effects by name rather than import them."""

    def effect(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
        getattr(import_module(module), function)(matter=matter, data=data, access=access)

    effect.__name__ = function
    effect.__qualname__ = f"deferred_effect.<{module}.{function}>"
    return effect


@dataclass(frozen=True)
class Outcome:
    """One way an application ends: the step ``name`` (``label`` on its button) to the final
    state ``state`` (``state_label``), with its input, effect, and what the applicant is told."""

    name: str
    label: Label
    state: str
    state_label: Label
    tells_applicant: Label
    form: type[forms.Form] | None = None
    effect: Effect | None = None
    style: str = "primary"
    channels: tuple[str, ...] = ("email", "sms")


def application_workflow(
    *,
    name: str,
    label: Label,
    model: str,
    case_code: str,
    detail_template: str,
    applicant: Who,
    deciders: tuple[Who, ...],
    submitted_label: Label,
    tells_deciders: Label,
    outcomes: Sequence[Outcome],
) -> Workflow:
    """A matter someone asks for and others decide (a lawyer's registration, a file-review
    application): opened as ``new`` on the applicant's behalf, ``submit``-ted by the applicant
    (the deciders are told by email), then ended by the deciders with one of ``outcomes``."""
    return Workflow(
        name=name,
        label=label,
        model=model,
        case_code=case_code,
        detail_template=detail_template,
        states={
            "new": pgettext_lazy("state", "new"),
            "submitted": submitted_label,
            **{o.state: o.state_label for o in outcomes},
        },
        initial="new",
        final=frozenset(o.state for o in outcomes),
        # The application is the applicant's until submitted: a partner organisation among
        # the deciders (a judicial bureau verifying lawyers) sees it from then on.
        sights=(
            Sight(
                Who(Relation.PARTNER_ORG),
                frozenset({"submitted", *(o.state for o in outcomes)}),
            ),
        ),
        transitions=[
            Transition(
                "submit",
                "new",
                "submitted",
                label=_("Submit"),
                who=(applicant,),
                notifies=(Notify(deciders, tells_deciders, channels=("email",)),),
            ),
            *(
                Transition(
                    o.name,
                    "submitted",
                    o.state,
                    label=o.label,
                    who=deciders,
                    form=o.form,
                    effect=o.effect,
                    style=o.style,
                    notifies=(Notify((applicant,), o.tells_applicant, channels=o.channels),),
                )
                for o in outcomes
            ),
        ],
    )
