"""The other side's answer clock (``workflows.ANSWER_PERIOD``): its period, started when a flag is
raised, stopped by either answer, by withdrawal and by closing; reminders to those who may answer
and nobody else; a lapsed clock making the flag "answer overdue" and telling the raising side
once; the clock in the receiver's "my work"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.deadlines.calculator import clock_due
from liaison.deadlines.calendar import current_calendar
from liaison.deadlines.declarations import declared_periods
from liaison.deadlines.models import Period, Unit
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.models import Clock
from liaison.workflow.reminders import send_deadline_reminders, take_expiry_steps
from liaison.workflow.selectors import my_work

from ..models import Flag
from ..selectors import answer_clock
from ..workflows import ANSWER_PERIOD
from .factories import flagged, world

pytestmark = pytest.mark.django_db

LAPSE = "flags.flag.lapse"


def _fresh(f: Flag) -> Flag:
    return Flag.objects.get(pk=f.pk)


def _take(flag: Flag, name: str, person: Any, **data: Any) -> Any:
    return transition(matter=_fresh(flag), name=name, access=access_for(person), data=data)


def _clock(flag: Flag) -> Clock:
    return Clock.objects.get(matter=flag, name="answer")


def _lapsed(flag: Flag) -> Clock:
    """The flag's answer clock once its due day passed yesterday and today's job has run."""
    today = timezone.localdate()
    Clock.objects.filter(matter=flag, name="answer").update(
        started_on=today - timedelta(days=16), due_on=today - timedelta(days=1)
    )
    assert take_expiry_steps(today=today) == 1
    return _clock(flag)


# -- the period ----------------------------------------------------------------------------------


def test_the_answer_period_is_fifteen_days_by_agreement_and_to_be_confirmed() -> None:
    declared = {p.code: p for p in declared_periods()}["flags.answer"]
    assert declared == ANSWER_PERIOD
    assert (declared.amount, declared.unit, declared.remind_before_days) == (15, Unit.DAYS, 3)
    assert declared.needs_confirmation and "协作机制约定" in declared.rule
    stored = Period.objects.get(code="flags.answer")
    assert (stored.amount, stored.unit, stored.needs_confirmation) == (15, Unit.DAYS, True)


# -- start and stop ------------------------------------------------------------------------------


def test_raising_starts_the_clock_owed_by_the_other_side() -> None:
    w = world()
    flag = flagged(w)
    clock = _clock(flag)
    assert (clock.state, clock.period_code) == (Clock.State.RUNNING, "flags.answer")
    assert clock.due_on == clock_due(clock.started_on, 15, Unit.DAYS, current_calendar())
    assert clock.remind_on is not None and clock.remind_on < clock.due_on
    assert answer_clock(flag) == clock


@pytest.mark.parametrize(
    ("step", "data"), [("acknowledge", {}), ("dispute", {"note": "有转账记录。"})]
)
def test_either_answer_stops_the_clock_in_time(step: str, data: dict[str, str]) -> None:
    w = world()
    flag = flagged(w)
    _take(flag, step, w.enforcement, **data)
    clock = _clock(flag)
    assert clock.state == Clock.State.STOPPED and clock.met_in_time
    assert clock.remind_on is None


def test_withdrawing_stops_the_clock() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "withdraw", w.prosecutor, note="申请执行人已撤回执行申请。")
    assert _clock(flag).state == Clock.State.STOPPED


def test_closing_an_overdue_flag_stops_the_clock_and_no_clock_is_left_running() -> None:
    w = world()
    flag = flagged(w)
    _lapsed(flag)
    _take(flag, "close", w.prosecutor, outcome="referred", note="对方未答复，已移送公安机关。")
    assert _fresh(flag).state == "closed"
    assert not Clock.objects.filter(matter=flag).exclude(state=Clock.State.STOPPED).exists()


def test_closing_after_an_answer_leaves_the_stopped_clock_as_it_was() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "acknowledge", w.judge)
    stopped = _clock(flag)
    _take(flag, "close", w.prosecutor, outcome="unfounded", note="经核查，线索不成立。")
    assert Clock.objects.get(pk=stopped.pk).stopped_on == stopped.stopped_on
    assert Clock.objects.filter(matter=flag).count() == 1


# -- reminders -----------------------------------------------------------------------------------


def test_reminders_reach_only_those_who_may_answer() -> None:
    w = world()
    liaison, administrator = member(w.court, Role.LIAISON), member(w.court, Role.ADMINISTRATOR)
    flag = flagged(w)
    clock = _clock(flag)
    assert clock.remind_on is not None
    send_deadline_reminders(today=clock.remind_on)
    send_deadline_reminders(today=clock.remind_on)  # a second run sends nothing more
    assert _clock(flag).reminded_on == clock.remind_on
    reminded = Notification.objects.filter(matter=flag, event="workflow.clock.reminder")
    assert sorted(reminded.values_list("recipient", flat=True)) == sorted(
        [w.judge.pk, w.enforcement.pk]
    )
    for nobody in (liaison, administrator, w.prosecutor, w.head):
        assert not Notification.objects.filter(recipient=nobody, matter=flag).exclude(
            event="flags.flag.raise"
        )
    # The missed deadline too, once, to the same people.
    send_deadline_reminders(today=clock.due_on + timedelta(days=1))
    assert _clock(flag).overdue_notified_on == clock.due_on + timedelta(days=1)
    missed = Notification.objects.filter(matter=flag, event="workflow.clock.overdue")
    assert sorted(missed.values_list("recipient", flat=True)) == sorted(
        [w.judge.pk, w.enforcement.pk]
    )


def test_an_answered_flag_is_not_reminded_and_does_not_lapse() -> None:
    w = world()
    flag = flagged(w)
    clock = _clock(flag)
    _take(flag, "acknowledge", w.judge)
    assert clock.remind_on is not None
    send_deadline_reminders(today=clock.remind_on)
    take_expiry_steps(today=clock.due_on + timedelta(days=1))
    assert _fresh(flag).state == "acknowledged"
    assert not Notification.objects.filter(matter=flag, event__startswith="workflow.clock")


# -- the lapse -----------------------------------------------------------------------------------


def test_a_lapsed_clock_makes_the_flag_overdue_and_tells_the_raising_side_once() -> None:
    w = world()
    flag = flagged(w)
    clock = _lapsed(flag)
    assert _fresh(flag).state == "overdue"
    assert clock.state == Clock.State.RUNNING  # it runs on: a late answer is recorded as late
    # The next days' runs, reminders included, take nothing and tell the raising side nothing.
    later = timezone.localdate() + timedelta(days=1)
    assert take_expiry_steps(today=later) == 0
    send_deadline_reminders(today=later)
    told = Notification.objects.filter(matter=flag, event=LAPSE)
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        [w.prosecutor.pk, w.head.pk, w.chief.pk]
    )
    assert not told.filter(recipient__in=[w.judge, w.enforcement]).exists()


def test_the_other_side_may_still_answer_late_and_the_clock_shows_it_late() -> None:
    w = world()
    flag = flagged(w)
    _lapsed(flag)
    _take(flag, "dispute", w.judge, note="借款有银行转账记录。")
    assert _fresh(flag).state == "disputed"
    clock = _clock(flag)
    assert clock.state == Clock.State.STOPPED and clock.met_in_time is False


# -- my work -------------------------------------------------------------------------------------


def test_the_flag_is_in_the_receivers_work_with_its_due_day() -> None:
    w = world()
    flag = flagged(w)
    due = _clock(flag).due_on
    for person in (w.judge, w.enforcement):
        work = my_work(access_for(person))
        assert work.get(pk=flag.pk).next_due == due  # type: ignore[attr-defined]
    assert not my_work(access_for(w.prosecutor)).filter(pk=flag.pk).exists()
    _take(flag, "acknowledge", w.enforcement)
    assert not my_work(access_for(w.judge)).filter(pk=flag.pk).exists()


def test_an_overdue_flag_stays_in_the_receivers_work_and_comes_to_the_raisers() -> None:
    w = world()
    flag = flagged(w)
    _lapsed(flag)
    assert my_work(access_for(w.judge)).filter(pk=flag.pk).exists()
    # The raising side may record the outcome without an answer.
    assert my_work(access_for(w.prosecutor)).filter(pk=flag.pk).exists()


def test_the_clock_counts_from_the_day_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import liaison.workflow.actions as engine

    monkeypatch.setattr(engine, "today", lambda: date(2026, 3, 2))
    w = world()
    clock = _clock(flagged(w))
    assert (clock.started_on, clock.due_on) == (date(2026, 3, 2), date(2026, 3, 17))
