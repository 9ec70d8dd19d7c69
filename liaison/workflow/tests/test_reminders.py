"""Deadline reminders chosen in SQL from the stored reminder day (``Clock.remind_on``): any
number of remind-before days, never for a paused clock, moved by an extension, sent once
however often the job runs, in a constant number of queries, and only to people who may act
on the matter now."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.deadlines.calculator import remind_day
from liaison.deadlines.calendar import current_calendar
from liaison.deadlines.models import Period
from liaison.notices.actions import notice_send
from liaison.notifications.models import Delivery, Notification
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Membership
from liaison.orgs.roles import Role
from liaison.workflow import actions, clocks
from liaison.workflow.models import Clock
from liaison.workflow.reminders import send_deadline_reminders

from .factories import court

pytestmark = pytest.mark.django_db


def _notices(count: int) -> tuple[list[Clock], User, User]:
    """``count`` notices sent today from one procuratorate to one court: their answer clocks,
    the prosecutor who sent them and the judge who owes the answers."""
    procuratorate, the_court = OrganisationFactory(), court()
    prosecutor, judge = member(procuratorate, Role.PROSECUTOR), member(the_court, Role.JUDGE)
    cooperation_start(actor=prosecutor, organisations=(procuratorate, the_court))
    notices = [
        notice_send(
            access=access_for(prosecutor),
            sender=procuratorate,
            recipient=the_court,
            title=f"关于执行案件信息共享的通报（{n}）",
            body="请贵院反馈相关执行案件的进展。",
        )
        for n in range(count)
    ]
    return [Clock.objects.get(matter=notice) for notice in notices], prosecutor, judge


def _reminders_to(person: User) -> int:
    return Notification.objects.filter(recipient=person, event="workflow.clock.reminder").count()


def test_a_clock_stores_its_reminder_day_from_its_period() -> None:
    (clock,), *_ = _notices(1)
    expected = remind_day(
        clock.due_on, clock.remind_before_days, current_calendar(), started=clock.started_on
    )
    assert clock.remind_before_days == 3
    assert clock.remind_on == expected


def test_a_reminder_ninety_days_before_is_sent_on_its_day() -> None:
    """The old job looked at most 60 days ahead: a 90-day warning was never given."""
    Period.objects.filter(code="notices.answer").update(
        amount=6, unit="months", remind_before_days=90
    )
    (clock,), _prosecutor, judge = _notices(1)
    assert clock.remind_on is not None
    assert clock.remind_on <= clock.due_on - timedelta(days=90)
    assert clock.remind_on > clock.started_on
    assert send_deadline_reminders(today=clock.remind_on - timedelta(days=1)).reminded == 0
    assert send_deadline_reminders(today=clock.remind_on).reminded == 1
    assert _reminders_to(judge) == 1


def test_a_paused_clock_is_not_reminded(monkeypatch: pytest.MonkeyPatch) -> None:
    (clock,), prosecutor, judge = _notices(1)
    monkeypatch.setattr(actions, "today", lambda: clock.started_on + timedelta(days=1))
    paused = clocks.clock_pause(clock=clock, access=access_for(prosecutor), reason="等待鉴定意见")
    assert paused.remind_on is None
    run = send_deadline_reminders(today=clock.due_on)
    late = send_deadline_reminders(today=clock.due_on + timedelta(days=1))
    assert (run.reminded, late.overdue) == (0, 0)
    assert _reminders_to(judge) == 0

    monkeypatch.setattr(actions, "today", lambda: clock.started_on + timedelta(days=6))
    resumed = clocks.clock_resume(clock=paused, access=access_for(prosecutor))
    assert resumed.due_on > clock.due_on
    assert resumed.remind_on == remind_day(
        resumed.due_on, 3, current_calendar(), started=clock.started_on
    )
    assert send_deadline_reminders(today=resumed.remind_on).reminded == 1


def test_an_extended_clock_is_reminded_again_on_its_new_day() -> None:
    (clock,), prosecutor, judge = _notices(1)
    assert clock.remind_on is not None
    assert send_deadline_reminders(today=clock.remind_on).reminded == 1
    extended = clocks.clock_extend(
        clock=clock, access=access_for(prosecutor), amount=1, unit="months", reason="经批准延长"
    )
    assert extended.remind_on is not None and extended.remind_on > clock.remind_on
    assert extended.reminded_on is None
    assert send_deadline_reminders(today=extended.remind_on - timedelta(days=1)).reminded == 0
    assert send_deadline_reminders(today=extended.remind_on).reminded == 1
    assert _reminders_to(judge) == 2


def test_running_the_job_twice_sends_each_reminder_once(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    clocks, _prosecutor, judge = _notices(2)
    today: date = clocks[0].due_on
    with django_capture_on_commit_callbacks(execute=True):
        first = send_deadline_reminders(today=today)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = send_deadline_reminders(today=today)
    assert (first.reminded, second.reminded) == (2, 0)
    assert callbacks == []  # nothing queued the second time
    assert _reminders_to(judge) == 2
    deliveries = Delivery.objects.filter(
        notification__recipient=judge, notification__event="workflow.clock.reminder"
    )
    assert deliveries.filter(channel="email").count() == 2
    assert sum("Deadline" in m.body or "截止" in m.body for m in mail.outbox) == 2


def test_the_job_works_through_every_batch() -> None:
    clocks, _prosecutor, judge = _notices(7)
    run = send_deadline_reminders(today=clocks[0].due_on, batch_size=3)
    assert run.reminded == 7
    assert not Clock.objects.filter(reminded_on__isnull=True, state="running").exists()
    assert _reminders_to(judge) == 7


def _queries_for_a_run(count: int) -> int:
    clocks, *_ = _notices(count)
    today = clocks[0].due_on
    with CaptureQueriesContext(connection) as reminding:
        assert send_deadline_reminders(today=today).reminded == count
    with CaptureQueriesContext(connection) as overdue:
        assert send_deadline_reminders(today=today + timedelta(days=1)).overdue == count
    return len(reminding) + len(overdue)


def test_the_jobs_queries_do_not_grow_with_the_number_of_clocks() -> None:
    few = _queries_for_a_run(2)
    Clock.objects.update(state="stopped")  # out of the next run's way
    many = _queries_for_a_run(12)
    assert many == few, (few, many)
    assert few <= 30


def test_a_person_whose_membership_ended_is_not_reminded() -> None:
    (clock,), _prosecutor, judge = _notices(1)
    colleague = member(clock.matter.parties.get(relation="partner_org").organisation, Role.JUDGE)
    Membership.objects.filter(person=judge).update(is_active=False, until=clock.started_on)
    assert clock.remind_on is not None
    assert send_deadline_reminders(today=clock.remind_on).reminded == 1
    assert (_reminders_to(judge), _reminders_to(colleague)) == (0, 1)


def test_a_handler_whose_membership_ended_is_not_reminded() -> None:
    """Recipients are the policy's (``Policy.recipients``): a Who's roles hold for a personal
    relation too, so a handler who left the procuratorate is not reminded."""
    from liaison.publicinterest.tests.factories import filed_case, procuratorate, prosecutor

    procuratorate(name="鄂尔多斯市康巴什区人民检察院")  # where the factories' clue is reported
    case = filed_case()
    handler = case.parties.get(relation="handler").person
    clock = Clock.objects.get(matter=case, name="handling", state="running")
    Membership.objects.filter(person=handler).update(is_active=False, until=clock.started_on)
    still_there = prosecutor(case.owner)
    assert still_there != handler
    assert clock.remind_on is not None
    assert send_deadline_reminders(today=clock.remind_on).reminded == 1
    assert _reminders_to(handler) == 0


def test_the_migration_fills_the_reminder_day_of_running_clocks_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps

    migration = import_module("liaison.workflow.migrations.0009_clock_remind_on")
    (running, other, paused, stopped), prosecutor, _judge = _notices(4)
    monkeypatch.setattr(actions, "today", lambda: running.started_on + timedelta(days=1))
    clocks.clock_pause(clock=paused, access=access_for(prosecutor), reason="等待鉴定意见")
    Clock.objects.filter(pk=stopped.pk).update(state="stopped")
    Clock.objects.update(remind_on=None)  # as before the migration

    monkeypatch.setattr(migration, "BATCH", 1)  # and through more than one batch
    migration.fill_remind_on(apps, SimpleNamespace(connection=connection))
    by_pk = {c.pk: c.remind_on for c in Clock.objects.all()}
    assert by_pk == {
        running.pk: running.remind_on,
        other.pk: other.remind_on,
        paused.pk: None,
        stopped.pk: None,
    }
    assert running.remind_on is not None
