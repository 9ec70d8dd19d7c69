"""The court's ruling clock: 30 days for a protest (民事诉讼法 art. 222), three months for a
retrial recommendation, from the period table; the court is reminded; the ruling (or a
withdrawal) stops it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.deadlines.models import Period
from liaison.notifications.models import Notification
from liaison.workflow.models import Clock
from liaison.workflow.reminders import send_deadline_reminders

from ..workflows import PROTEST_PERIOD, RECOMMENDATION_PERIOD
from .factories import assessed, served, take, today, world

pytestmark = pytest.mark.django_db


def test_the_periods_are_in_the_period_table_with_their_rules() -> None:
    protest = Period.objects.get(code=PROTEST_PERIOD)
    assert (protest.amount, protest.unit) == (30, "days") and "第二百二十二条" in protest.rule
    review = Period.objects.get(code=RECOMMENDATION_PERIOD)
    assert (review.amount, review.unit) == (3, "months") and review.rule


def test_a_protest_runs_thirty_days() -> None:
    clock = Clock.objects.get(matter=served(world(), "protest"), name="ruling")
    assert clock.period_code == PROTEST_PERIOD
    assert (clock.amount, clock.unit) == (30, "days")
    assert clock.started_on == today()
    assert timedelta(days=30) <= clock.due_on - today() < timedelta(days=40)


def test_a_retrial_recommendation_runs_three_months() -> None:
    clock = Clock.objects.get(matter=served(world(), "recommendation"), name="ruling")
    assert clock.period_code == RECOMMENDATION_PERIOD
    assert (clock.amount, clock.unit) == (3, "months")
    assert timedelta(days=88) <= clock.due_on - today() < timedelta(days=100)


def test_no_clock_runs_on_a_draft() -> None:
    from .factories import drafted

    assert not Clock.objects.filter(matter=drafted(world())).exists()


def test_the_court_is_reminded_before_the_ruling_falls_due() -> None:
    w = world()
    case = served(w, "protest")
    clock = Clock.objects.get(matter=case, name="ruling")
    before = Notification.objects.filter(recipient=w.judge, matter=case).count()
    run = send_deadline_reminders(today=clock.due_on - timedelta(days=2))
    assert run.reminded == 1
    assert Notification.objects.filter(recipient=w.judge, matter=case).count() > before


def test_the_ruling_stops_the_clock() -> None:
    w = world()
    case = take(
        assessed(w, "protest"), "rule_retrial", w.judge, ruled_on=today(), ruling_reasons=""
    )
    clock = Clock.objects.get(matter=case, name="ruling")
    assert clock.state == Clock.State.STOPPED


def test_a_withdrawal_stops_the_clock() -> None:
    w = world()
    case = take(served(w), "withdraw", w.prosecutor, note="当事人已和解。")
    assert Clock.objects.get(matter=case, name="ruling").state == Clock.State.STOPPED
