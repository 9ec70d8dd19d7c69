"""Two reminder jobs at once send each reminder once: a batch locks its clocks and the other
job skips them (PostgreSQL: real writers)."""

import threading
from typing import Any

import pytest
from django.db import connection, connections

from liaison.notifications.models import Notification
from liaison.workflow.reminders import send_deadline_reminders

from .test_reminders import _notices

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers: PostgreSQL"
    ),
]


def test_two_jobs_at_once_remind_each_clock_once(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    clocks, _prosecutor, judge = _notices(6)
    today = clocks[0].due_on
    barrier = threading.Barrier(2)
    results: list[Any] = [None] * 2

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = send_deadline_reminders(today=today, batch_size=2).reminded
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 6, results
    reminders = Notification.objects.filter(recipient=judge, event="workflow.clock.reminder")
    assert reminders.count() == 6
    assert len(set(reminders.values_list("matter_id", flat=True))) == 6
