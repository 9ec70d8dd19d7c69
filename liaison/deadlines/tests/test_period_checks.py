"""The system check on periods: a clock naming a period nobody declares stops the start-up; a
declared period nothing uses is reported."""

from collections.abc import Iterator

import pytest
from django.core import checks

from liaison.deadlines import declarations
from liaison.deadlines.declarations import Declarations, check_periods, period_problems
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.workflow import registry
from liaison.workflow.definitions import ClockSpec, Transition, Who, Workflow


@pytest.fixture
def empty_registries(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The project's registries set aside, so a test registers its own workflows only."""
    monkeypatch.setattr(declarations, "REGISTRY", Declarations())
    monkeypatch.setattr(registry, "_WORKFLOWS", {})
    monkeypatch.setattr(registry, "_REACTIONS", {})
    yield


def _period(code: str, amount: int = 10) -> PeriodDefault:
    return PeriodDefault(code=code, name="期间", name_en="period", amount=amount, unit=Unit.DAYS)


def _workflow(*, period: str, urgent: str | None = None, periods=()) -> Workflow:  # type: ignore[no-untyped-def]
    return Workflow(
        name="tests.matter",
        label="test matter",
        model="notices.InformationNotice",
        case_code="测",
        states={"new": "new", "open": "open"},
        initial="new",
        final=frozenset({"open"}),
        clocks={"c": ClockSpec("c", period=period, urgent_period=urgent)},
        periods=periods,
        transitions=[
            Transition(
                "start", "new", "open", label="start", who=(Who("owner_org"),), starts=("c",)
            )
        ],
    )


def _ids(messages: list[checks.CheckMessage]) -> list[str]:
    return [message.id or "" for message in messages]


def test_the_project_declares_every_period_its_clocks_name_and_uses_every_one_it_declares():
    assert check_periods() == []
    project = checks.run_checks()
    assert [m for m in project if (m.id or "").startswith("deadlines.")] == []


@pytest.mark.usefixtures("empty_registries")
def test_a_workflow_naming_an_unknown_period_fails_the_check():
    registry.register(_workflow(period="tests.known", periods=[_period("tests.known")]))
    assert check_periods() == []

    registry._WORKFLOWS.clear()
    registry.register(
        _workflow(period="tests.known", urgent="tests.nowhere", periods=[_period("tests.known")])
    )
    problems = [m for m in checks.run_checks() if (m.id or "").startswith("deadlines.")]
    assert _ids(problems) == ["deadlines.E001"]
    assert problems[0].level == checks.ERROR
    assert "tests.nowhere" in problems[0].msg and "tests.matter" in problems[0].msg


@pytest.mark.usefixtures("empty_registries")
def test_a_declared_period_nothing_uses_is_reported():
    registry.register(
        _workflow(period="tests.used", periods=[_period("tests.used"), _period("tests.idle")])
    )
    problems = check_periods()
    assert _ids(problems) == ["deadlines.W001"]
    assert "tests.idle" in problems[0].msg


@pytest.mark.usefixtures("empty_registries")
def test_a_period_read_by_code_is_in_use_once_declared():
    declarations.declare_periods([_period("tests.read")], by="tests.actions", read_by_code=True)
    assert check_periods() == []


def test_two_different_defaults_for_one_code_fail_the_check():
    problems = period_problems(
        {"tests.x": {"a": _period("tests.x", 1), "b": _period("tests.x", 2)}},
        {"tests.x": {"a", "b"}},
    )
    assert _ids(problems) == ["deadlines.E002"]
    same = period_problems(
        {"tests.x": {"a": _period("tests.x"), "b": _period("tests.x")}}, {"tests.x": {"a"}}
    )
    assert same == []
