"""Several workers handed the same delivery at once send it once (PostgreSQL: real writers)."""

from typing import Any

import pytest

from liaison.core.tests.races import postgres_only, race
from liaison.notifications import sms
from liaison.notifications.actions import notify
from liaison.notifications.models import Delivery
from liaison.notifications.tasks import deliver_notification

from .helpers import make_user

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
    results = race([lambda: deliver_notification.call(delivery.pk) for _ in range(4)])
    assert sorted(map(str, results)) == ["sent", "skipped", "skipped", "skipped"], results
    assert len(sms.outbox) == 1
