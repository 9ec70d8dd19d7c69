"""Clocks on matters: pause, resume, extend with a reason; reminders sent once."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.deadlines.models import Period
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.workflow import actions, clocks
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError
from liaison.workflow.models import Clock, TimelineEvent
from liaison.workflow.reminders import send_deadline_reminders

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock_and_people():  # type: ignore[no-untyped-def]
    procuratorate, the_court = OrganisationFactory(), court()
    prosecutor, judge = member(procuratorate, Role.PROSECUTOR), member(the_court, Role.JUDGE)
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    return Clock.objects.get(matter=notice), prosecutor, judge


def test_pause_and_resume_push_the_due_day_back(clock_and_people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock, prosecutor, _judge = clock_and_people
    start = clock.started_on
    monkeypatch.setattr(actions, "today", lambda: start + timedelta(days=2))
    clocks.clock_pause(clock=clock, access=access_for(prosecutor), reason="等待鉴定意见")
    monkeypatch.setattr(actions, "today", lambda: start + timedelta(days=12))
    resumed = clocks.clock_resume(clock=clock, access=access_for(prosecutor))
    assert resumed.paused_days == 10
    assert resumed.due_on >= clock.due_on + timedelta(days=10)
    notes = list(TimelineEvent.objects.filter(matter=clock.matter).values_list("action", "note"))
    assert ("workflow.clock.pause", "等待鉴定意见") in notes


def test_extension_needs_a_reason_and_moves_the_due_day(clock_and_people) -> None:  # type: ignore[no-untyped-def]
    clock, prosecutor, _judge = clock_and_people
    with pytest.raises(WorkflowError):
        clocks.clock_extend(
            clock=clock, access=access_for(prosecutor), amount=5, unit="days", reason=" "
        )
    extended = clocks.clock_extend(
        clock=clock,
        access=access_for(prosecutor),
        amount=1,
        unit="months",
        reason="经检察长批准延长",
    )
    assert extended.due_on > clock.due_on
    assert extended.extensions.get().reason == "经检察长批准延长"


def test_only_the_owner_staff_manage_clocks(clock_and_people) -> None:  # type: ignore[no-untyped-def]
    clock, _prosecutor, judge = clock_and_people
    with pytest.raises(TransitionForbidden):
        clocks.clock_pause(clock=clock, access=access_for(judge), reason="x")


def test_resuming_a_running_clock_is_refused(clock_and_people) -> None:  # type: ignore[no-untyped-def]
    clock, prosecutor, _judge = clock_and_people
    with pytest.raises(TransitionConflict):
        clocks.clock_resume(clock=clock, access=access_for(prosecutor))


def test_a_clock_keeps_the_period_it_started_with(clock_and_people) -> None:  # type: ignore[no-untyped-def]
    clock, *_ = clock_and_people
    Period.objects.filter(code="notices.answer").update(amount=99)
    clock.refresh_from_db()
    assert clock.amount == 10


def test_reminders_go_once_before_the_due_day_and_once_when_missed(  # type: ignore[no-untyped-def]
    clock_and_people, django_capture_on_commit_callbacks
) -> None:
    clock, _prosecutor, judge = clock_and_people
    due: date = clock.due_on
    assert send_deadline_reminders(today=due - timedelta(days=30)).reminded == 0
    with django_capture_on_commit_callbacks(execute=True):
        first = send_deadline_reminders(today=due - timedelta(days=clock.remind_before_days))
    again = send_deadline_reminders(today=due - timedelta(days=1))
    assert (first.reminded, again.reminded) == (1, 0)
    late = send_deadline_reminders(today=due + timedelta(days=1))
    late_again = send_deadline_reminders(today=due + timedelta(days=2))
    assert (late.overdue, late_again.overdue) == (1, 0)
    events = list(
        Notification.objects.filter(recipient=judge, matter=clock.matter).values_list(
            "event", flat=True
        )
    )
    assert events.count("workflow.clock.reminder") == 1
    assert events.count("workflow.clock.overdue") == 1
    assert any("截止" in m.body or "Deadline" in m.body for m in mail.outbox)


def test_stopped_clocks_are_not_reminded(clock_and_people) -> None:  # type: ignore[no-untyped-def]
    clock, _prosecutor, judge = clock_and_people
    actions.transition(
        matter=clock.matter, name="answer", access=access_for(judge), data={"answer": "好"}
    )
    assert send_deadline_reminders(today=clock.due_on + timedelta(days=5)).overdue == 0


def test_a_clock_counts_from_the_matters_own_date_when_its_spec_says_so() -> None:
    """A petition's reply is owed from its receipt, recorded maybe days later: ``counts_from``."""
    from datetime import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from liaison.workflow.definitions import ClockSpec

    step_day = date(2026, 3, 10)
    plain = ClockSpec("reply", period="x")
    received = ClockSpec("reply", period="x", counts_from="received_on")
    matter: Any = SimpleNamespace(received_on=date(2026, 3, 2))
    assert plain.start_day(matter, step_day) == step_day
    assert received.start_day(matter, step_day) == date(2026, 3, 2)
    # A time counts as the day it was in China: 23:30 UTC on the 1st is the 2nd in Beijing.
    matter.received_on = datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert received.start_day(matter, step_day) == date(2026, 3, 2)
    matter.received_on = None
    with pytest.raises(ValueError, match="not a date"):
        received.start_day(matter, step_day)
