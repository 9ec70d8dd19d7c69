"""Several workers handed the same delivery at once send it once (PostgreSQL: real writers)."""

import threading
from typing import Any

import pytest
from django.db import connection, connections

from liaison.notifications import sms
from liaison.notifications.actions import notify
from liaison.notifications.models import Delivery
from liaison.notifications.tasks import deliver_notification

from .helpers import make_user

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers: PostgreSQL (in .ci/run)"
)
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_four_workers_one_text_message(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notify(recipients=[make_user()], event="e.x", text="Hello", params={}, channels=["sms"])
    delivery = Delivery.objects.get()
    barrier = threading.Barrier(4)
    results: list[Any] = [None] * 4

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = deliver_notification.call(delivery.pk)
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, results)) == ["sent", "skipped", "skipped", "skipped"], results
    assert len(sms.outbox) == 1
