"""Shapes that recur across mechanisms, offered by the engine: an effect named by its module
and function, and the application workflow (submitted by one, ended by others)."""

import sys
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from django import forms

from liaison.core.access import SYSTEM
from liaison.workflow.definitions import Who
from liaison.workflow.models import Relation
from liaison.workflow.shapes import Outcome, application_workflow, deferred_effect

APPLICANT = Who(Relation.APPLICANT)
DECIDERS = (Who(Relation.OWNER_ORG, {"prosecutor"}), Who(Relation.PARTNER_ORG, {"bureau_officer"}))


def test_a_deferred_effect_imports_its_function_when_the_step_is_taken(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    effect = deferred_effect("liaison_shapes_probe", "record")  # the module does not exist yet
    calls: list[dict[str, Any]] = []
    module = ModuleType("liaison_shapes_probe")
    module.record = lambda **kwargs: calls.append(kwargs)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "liaison_shapes_probe", module)
    matter: Any = SimpleNamespace(pk=1)
    effect(matter, {"note": "x"}, SYSTEM)
    assert calls == [{"matter": matter, "data": {"note": "x"}, "access": SYSTEM}]
    assert effect.__name__ == "record"


class _Reason(forms.Form):
    note = forms.CharField()


def test_an_application_is_submitted_by_the_applicant_and_ended_by_the_deciders() -> None:
    workflow = application_workflow(
        name="shapes.application",
        label="application",
        model="shapes.Application",
        case_code="申",
        detail_template="",
        applicant=APPLICANT,
        deciders=DECIDERS,
        submitted_label="awaiting a decision",
        tells_deciders="%(number)s awaits your decision.",
        outcomes=[
            Outcome("grant", "Grant", "granted", "granted", "Granted: %(number)s."),
            Outcome(
                "refuse",
                "Refuse",
                "refused",
                "refused",
                "Refused: %(number)s.",
                form=_Reason,
                style="outline-danger",
                channels=("sms",),
            ),
        ],
    )
    assert list(workflow.states) == ["new", "submitted", "granted", "refused"]
    assert workflow.initial == "new" and workflow.final == {"granted", "refused"}
    submit = workflow.transition("submit")
    assert (submit.source_states, submit.target, submit.who) == (
        ("new",),
        "submitted",
        (APPLICANT,),
    )
    assert submit.notifies[0].who == DECIDERS and submit.notifies[0].channels == ("email",)
    refuse = workflow.transition("refuse")
    assert (refuse.source_states, refuse.target, refuse.who) == (
        ("submitted",),
        "refused",
        DECIDERS,
    )
    assert refuse.form is _Reason and refuse.style == "outline-danger"
    assert refuse.notifies[0].who == (APPLICANT,) and refuse.notifies[0].channels == ("sms",)
    assert workflow.transition("grant").notifies[0].channels == ("email", "sms")
    assert [t.name for t in workflow.transitions_from("submitted")] == ["grant", "refuse"]


def test_an_application_with_two_outcomes_to_one_state_is_refused() -> None:
    with pytest.raises(ValueError, match="used twice"):
        application_workflow(
            name="shapes.twice",
            label="application",
            model="shapes.Application",
            case_code="申",
            detail_template="",
            applicant=APPLICANT,
            deciders=DECIDERS,
            submitted_label="submitted",
            tells_deciders="…",
            outcomes=[
                Outcome("grant", "Grant", "granted", "granted", "…"),
                Outcome("grant", "Grant again", "granted", "granted", "…"),
            ],
        )
