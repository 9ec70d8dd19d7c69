"""The delivery task and the retry command: claimed once, retried with backoff, never lost."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from liaison.audit.models import AuditRecord
from liaison.notifications import sms
from liaison.notifications.actions import deliveries_retry_now, notify, retry_delay
from liaison.notifications.models import Delivery, Notification
from liaison.notifications.tasks import deliver_notification

from .helpers import make_user

pytestmark = pytest.mark.django_db

FAILING = "liaison.notifications.tests.test_delivery.FailingSMSBackend"


class FailingSMSBackend(sms.SMSBackend):
    calls = 0

    def send(self, mobile: str, text: str) -> None:
        FailingSMSBackend.calls += 1
        raise ConnectionError("gateway unreachable")


@pytest.fixture
def failing_sms(settings):
    settings.LIAISON_SMS_BACKEND = FAILING
    FailingSMSBackend.calls = 0
    return FailingSMSBackend


def _sms_delivery(captured, person=None, *, send=True) -> Delivery:
    person = person or make_user()
    with captured(execute=send):
        notify(
            recipients=[person],
            event="workflow.clock.reminder",
            text="The %(clock)s of %(number)s is due on %(due)s.",
            params={"clock": "答复期限", "number": "康检协〔2025〕1号", "due": "2025-03-01"},
            channels=["sms"],
        )
    return Delivery.objects.get(notification__recipient=person)


def _make_due(delivery: Delivery) -> None:
    """Let the clock run past the delivery's retry time or its worker's lease."""
    Delivery.objects.filter(pk=delivery.pk, next_attempt_at__isnull=False).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def _retry() -> str:
    out = StringIO()
    call_command("retry_deliveries", stdout=out)
    return out.getvalue()


def test_sms_goes_to_the_gateway_in_the_recipients_language(
    django_capture_on_commit_callbacks,
) -> None:
    person = make_user(mobile="13912345678", language="en")
    delivery = _sms_delivery(django_capture_on_commit_callbacks, person)
    assert sms.outbox == [
        sms.SentSMS(
            mobile="13912345678", text="The 答复期限 of 康检协〔2025〕1号 is due on 2025-03-01."
        )
    ]
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1 and delivery.sent_at is not None


def test_a_failure_is_recorded_with_backoff_and_the_inbox_entry_kept(
    django_capture_on_commit_callbacks,
    failing_sms,
) -> None:
    before = timezone.now()
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 1
    assert "gateway unreachable" in delivery.last_error
    assert delivery.next_attempt_at is not None
    assert before + timedelta(seconds=59) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + timedelta(seconds=61)
    assert Notification.objects.filter(pk=delivery.notification_id).exists()


def test_backoff_doubles_and_is_capped(settings) -> None:
    settings.LIAISON_NOTIFY_RETRY_MAX_SECONDS = 600
    assert [retry_delay(n).total_seconds() for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


def test_a_failed_delivery_waits_for_its_time(
    django_capture_on_commit_callbacks,
    failing_sms,
) -> None:
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    assert deliver_notification.call(delivery.pk) == "skipped"
    assert "Queued 0 of 0" in _retry()
    assert failing_sms.calls == 1


def test_retried_until_abandoned_without_losing_the_inbox_entry(
    django_capture_on_commit_callbacks,
    failing_sms,
    settings,
) -> None:
    settings.LIAISON_NOTIFY_MAX_ATTEMPTS = 3
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    for _ in range(5):
        _make_due(delivery)
        _retry()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.ABANDONED
    assert delivery.attempts == 3 and failing_sms.calls == 3
    assert delivery.next_attempt_at is None
    notification = Notification.objects.get(pk=delivery.notification_id)
    assert notification.read_at is None  # still waiting in the inbox


def test_a_retry_succeeds_once_the_gateway_is_back(
    django_capture_on_commit_callbacks,
    failing_sms,
    settings,
) -> None:
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    settings.LIAISON_SMS_BACKEND = "liaison.notifications.sms.LocmemSMSBackend"
    _make_due(delivery)
    assert "Queued 1 of 1" in _retry()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 2
    assert delivery.last_error == ""
    assert len(sms.outbox) == 1


def test_a_sent_delivery_is_never_sent_again(django_capture_on_commit_callbacks) -> None:
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    assert deliver_notification.call(delivery.pk) == "skipped"
    assert deliver_notification.call(delivery.pk) == "skipped"
    assert len(sms.outbox) == 1


def test_another_workers_live_claim_is_respected_and_a_lapsed_one_taken_over(
    django_capture_on_commit_callbacks,
) -> None:
    delivery = _sms_delivery(django_capture_on_commit_callbacks, send=False)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENDING, next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    assert deliver_notification.call(delivery.pk) == "skipped"
    _make_due(delivery)  # the other worker died: its lease lapsed
    assert deliver_notification.call(delivery.pk) == "sent"
    assert len(sms.outbox) == 1


def test_retry_command_picks_up_lost_enqueues_and_is_idempotent(
    django_capture_on_commit_callbacks,
) -> None:
    person = make_user(email="lost@example.cn")
    # The commit happened but the queue never heard of it (callbacks not run).
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[person], event="e.x", text="Hello", params={})
    assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}

    assert "Queued 0 of 0" in _retry()  # too fresh: its enqueue may still be on its way
    Delivery.objects.update(created_at=timezone.now() - timedelta(minutes=10))

    assert "Queued 2 of 2" in _retry()
    assert "Queued 0 of 0" in _retry()
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_admin_retry_now_gives_an_abandoned_delivery_one_more_try(
    django_capture_on_commit_callbacks,
    failing_sms,
    settings,
) -> None:
    settings.LIAISON_NOTIFY_MAX_ATTEMPTS = 1
    delivery = _sms_delivery(django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.ABANDONED
    settings.LIAISON_SMS_BACKEND = "liaison.notifications.sms.LocmemSMSBackend"
    admin = make_user(is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        count = deliveries_retry_now(deliveries=Delivery.objects.all(), actor=admin)
    assert count == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert AuditRecord.objects.filter(
        action="notifications.delivery.retry", object_id=str(delivery.pk), actor=admin
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_retry_now(deliveries=Delivery.objects.all(), actor=admin) == 0
    assert len(sms.outbox) == 1


def test_a_changes_deliveries_go_to_the_queue_together_and_each_is_sent_on_its_own(
    django_capture_on_commit_callbacks, failing_sms, monkeypatch
) -> None:
    """One task for a change's deliveries (one row of the database queue), in batches of at
    most DELIVERIES_PER_TASK; a delivery that fails is recorded and retried alone, the others
    are sent."""
    from liaison.notifications import actions, tasks

    enqueued: list[list[int]] = []
    task = tasks.deliver_notifications

    class Recorder:
        def enqueue(self, ids: list[int]) -> object:
            enqueued.append(list(ids))
            return task.enqueue(ids)

        def get_backend(self) -> object:
            return task.get_backend()

    monkeypatch.setattr(tasks, "deliver_notifications", Recorder())
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[make_user() for _ in range(3)],
            event="workflow.clock.reminder",
            text="The %(clock)s of %(number)s is due on %(due)s.",
            params={"clock": "答复期限", "number": "康检协〔2025〕1号", "due": "2025-03-01"},
        )
    assert [len(batch) for batch in enqueued] == [6]  # one task for the change
    emails = Delivery.objects.filter(channel=Delivery.Channel.EMAIL)
    assert {d.status for d in emails} == {Delivery.Status.SENT} and len(mail.outbox) == 3
    texts = Delivery.objects.filter(channel=Delivery.Channel.SMS)
    assert {d.status for d in texts} == {Delivery.Status.FAILED} and failing_sms.calls == 3

    many = list(range(10_000, 10_000 + 2 * actions.DELIVERIES_PER_TASK + 1))
    assert actions.enqueue_deliveries(many) == len(many)
    assert [len(batch) for batch in enqueued[1:]] == [50, 50, 1]
