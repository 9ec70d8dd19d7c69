"""States are named through the workflow's checked accessor: a misspelt or removed state is an
error where it is named, never a comparison that is quietly false."""

import pytest
from django.template import Context, Template

from liaison.hearings.workflows import HEARING
from liaison.petitions.workflows import PETITION
from liaison.publicinterest.models import PILCase
from liaison.publicinterest.workflows import ADMIN_CASE, CIVIL_CASE, CLUE
from liaison.workflow.registry import all_workflows


def test_a_state_is_named_back_and_an_unknown_one_fails() -> None:
    assert CLUE.state("transferred") == "transferred"
    with pytest.raises(LookupError, match=r"publicinterest\.clue has no state 'transfered'"):
        CLUE.state("transfered")
    assert PETITION.states_named("resolved", "closed_unresolved") == {
        "resolved",
        "closed_unresolved",
    }
    with pytest.raises(LookupError):
        PETITION.states_named("resolved", "closed")
    with pytest.raises(LookupError):  # a state of another workflow is not this one's
        CIVIL_CASE.state("rectified")


def test_every_declared_state_is_named_by_the_accessor() -> None:
    for workflow in all_workflows():
        assert workflow.states_named(*workflow.states) == frozenset(workflow.states)


def test_the_constants_come_from_the_declarations() -> None:
    from liaison.hearings.selectors import OPEN_STATES
    from liaison.publicinterest.figures import SUED_STATES

    assert set(HEARING.states) >= OPEN_STATES and set(ADMIN_CASE.states) >= SUED_STATES


def _in_state(matter: object, name: str) -> str:
    return Template('{% load liaison %}{{ m|in_state:"' + name + '" }}').render(
        Context({"m": matter})
    )


def test_templates_name_states_through_the_accessor_too() -> None:
    admin = PILCase(matter_type=ADMIN_CASE.name, state="rectified")
    civil = PILCase(matter_type=CIVIL_CASE.name, state="concluded")
    assert _in_state(admin, "rectified") == "True"
    # a state of the other kind of the same model: a civil case is never "rectified"
    assert _in_state(civil, "rectified") == "False"
    assert _in_state(civil, "concluded") == "True"
    with pytest.raises(LookupError):
        _in_state(admin, "rectifed")
