"""Changes to inboxes and outboxes.

``notify`` is what the workflow engine calls from inside a transition; the other actions move a
delivery through its states (called by the delivery task) or mark inbox entries read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Least
from django.utils import timezone, translation
from django.utils.functional import Promise

from liaison.audit.actions import audit_record

from .models import Delivery, Notification

if TYPE_CHECKING:
    from liaison.accounts.models import User

logger = logging.getLogger(__name__)

CHANNELS: tuple[str, ...] = (Delivery.Channel.EMAIL, Delivery.Channel.SMS)

#: How long a worker may hold a delivery before another may take it over.
SENDING_LEASE = timedelta(minutes=10)


def max_attempts() -> int:
    return int(getattr(settings, "LIAISON_NOTIFY_MAX_ATTEMPTS", 6))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: the base delay doubled for every attempt after the first, capped."""
    base = int(getattr(settings, "LIAISON_NOTIFY_RETRY_SECONDS", 60))
    cap = int(getattr(settings, "LIAISON_NOTIFY_RETRY_MAX_SECONDS", 6 * 3600))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def _address(user: User, channel: str) -> str:
    if channel == Delivery.Channel.EMAIL:
        return (user.email or "").strip()
    return (user.mobile or "").strip()


#: Deliveries handed to one task: a change's recipients go together (one row of the database
#: queue, whatever their number); a long backlog is still spread over several workers.
DELIVERIES_PER_TASK = 50


def enqueue_deliveries(delivery_ids: Iterable[int]) -> int:
    """Hand deliveries to the task queue, up to ``DELIVERIES_PER_TASK`` to a task; returns how
    many were enqueued.

    A queue that refuses is logged, not raised: the Delivery rows stay pending and
    ``retry_deliveries`` picks them up, and the caller's request has already committed.
    """
    from .tasks import deliver_notifications

    ids = list(delivery_ids)
    count = 0
    for start in range(0, len(ids), DELIVERIES_PER_TASK):
        batch = ids[start : start + DELIVERIES_PER_TASK]
        try:
            deliver_notifications.enqueue(batch)
        except Exception:
            logger.exception("Could not enqueue deliveries %s; retry_deliveries will", batch)
        else:
            count += len(batch)
    return count


@dataclass(frozen=True)
class Message:
    """One notification to several people: what ``notify`` takes, as a value, so that a job
    telling many matters at once (the deadline reminders) queues them all with ``notify_all``."""

    recipients: Iterable[User]
    event: str
    text: str | Promise
    params: Mapping[str, Any]
    matter: Any = None
    actor: User | None = None
    channels: Sequence[str] = CHANNELS


@transaction.atomic(savepoint=False)
def notify(
    *,
    recipients: Iterable[User],
    event: str,
    text: str | Promise,
    params: Mapping[str, Any],
    matter: Any = None,
    actor: User | None = None,
    channels: Sequence[str] = CHANNELS,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and queue its emails and text messages.

    Called inside the caller's transaction: the inbox rows and outbox rows commit or roll back
    with the change they report, and sending starts only after commit. The actor is never told
    about his own act; inactive accounts get nothing.
    """
    return notify_all(
        [Message(recipients, event, text, params, matter=matter, actor=actor, channels=channels)]
    )


@transaction.atomic(savepoint=False)
def notify_all(messages: Iterable[Message]) -> list[Notification]:
    """``notify`` for many messages in two inserts, whatever their number (as ``notify``: in
    the caller's transaction, sent after commit)."""
    now = timezone.now()
    pending: list[tuple[Notification, Sequence[str]]] = []
    for message in messages:
        unknown = set(message.channels) - set(CHANNELS)
        if unknown:
            raise ValueError(f"Unknown notification channels: {sorted(unknown)}")
        actor_id = getattr(message.actor, "pk", None)
        people: dict[int, User] = {}
        for user in message.recipients:
            if user is None or user.pk == actor_id or not user.is_active:
                continue
            people.setdefault(user.pk, user)
        clean_params = {str(key): str(value) for key, value in message.params.items()}
        with translation.override(None):  # a lazy text is kept as its msgid, not today's language
            msgid = str(message.text)
        pending.extend(
            (
                Notification(
                    recipient=user,
                    event=message.event,
                    text=msgid,
                    params=clean_params,
                    matter=message.matter,
                    actor=message.actor,
                    created_at=now,
                ),
                message.channels,
            )
            for user in people.values()
        )
    if not pending:
        return []
    notifications = Notification.objects.bulk_create([n for n, _ in pending])
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(notification=notification, channel=channel, address=address, created_at=now)
            for notification, (_, channels) in zip(notifications, pending, strict=True)
            for channel in dict.fromkeys(channels)
            if (address := _address(notification.recipient, channel))
        ]
    )
    delivery_ids = [delivery.pk for delivery in deliveries]
    if delivery_ids and queue_commits_with_the_change():
        _enqueue(delivery_ids)
    elif delivery_ids:
        transaction.on_commit(lambda: enqueue_deliveries(delivery_ids))
    return notifications


def queue_commits_with_the_change() -> bool:
    """Whether the task queue is a table of the database the change is written to (the
    database queue, ``LIAISON_TASKS=database``): a task enqueued inside the change's
    transaction then commits or rolls back with it, and a worker sees it only once the change
    is committed, as after commit, without a second transaction (the public clue submission,
    the busiest write, commits once). Any other queue (one that runs or sends at once) is
    handed the deliveries after commit."""
    from django.db import router
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import deliver_notifications

    return isinstance(deliver_notifications.get_backend(), DatabaseBackend) and (
        router.db_for_write(DBTaskResult) == router.db_for_write(Delivery)
    )


def _enqueue(delivery_ids: list[int]) -> None:
    """Enqueue in the caller's transaction: a refusal is the database's and fails the change
    with it (nothing half-stored), unlike ``enqueue_deliveries`` after commit."""
    from .tasks import deliver_notifications

    for start in range(0, len(delivery_ids), DELIVERIES_PER_TASK):
        deliver_notifications.enqueue(delivery_ids[start : start + DELIVERIES_PER_TASK])


def _claimable(now: datetime) -> Q:
    """Deliveries a worker may take now: new ones, failed ones whose wait is over, and ones
    whose previous worker's lease lapsed."""
    return Q(status=Delivery.Status.PENDING) | Q(
        status__in=[Delivery.Status.FAILED, Delivery.Status.SENDING], next_attempt_at__lte=now
    )


@transaction.atomic
def delivery_claim(*, delivery_id: int) -> Delivery | None:
    """Take a delivery for sending, or return None when it is sent, abandoned, not yet due, or
    another worker has it.

    The conditional update is the lock: of two workers handed the same delivery exactly one
    changes the row, so nothing is sent twice.
    """
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(_claimable(now), pk=delivery_id).update(
            status=Delivery.Status.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + SENDING_LEASE,
        )
        == 1
    )
    if not claimed:
        return None
    return Delivery.objects.select_related(
        "notification__recipient", "notification__matter", "notification__actor"
    ).get(pk=delivery_id)


@transaction.atomic
def delivery_mark_sent(*, delivery: Delivery) -> None:
    """Record that the gateway accepted the message."""
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=now, next_attempt_at=None, last_error=""
    )
    delivery.status, delivery.sent_at = Delivery.Status.SENT, now


@transaction.atomic
def delivery_mark_failed(*, delivery: Delivery, error: str) -> None:
    """Record a failed attempt and schedule the next, or give up after the last one.

    Giving up leaves the inbox entry in place: the person still sees the event in Liaison.
    """
    now = timezone.now()
    if delivery.attempts >= max_attempts():
        status, next_attempt_at = Delivery.Status.ABANDONED, None
    else:
        status, next_attempt_at = Delivery.Status.FAILED, now + retry_delay(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=status, next_attempt_at=next_attempt_at, last_error=error[:2000]
    )
    delivery.status, delivery.next_attempt_at, delivery.last_error = status, next_attempt_at, error
    if status == Delivery.Status.FAILED:
        transaction.on_commit(lambda: _schedule_retry(delivery.pk, next_attempt_at))


def _schedule_retry(delivery_id: int, when: datetime | None) -> None:
    """Queue the retry for its time when the backend can defer tasks; otherwise
    ``retry_deliveries`` (run from cron) does it."""
    from .tasks import deliver_notification

    if when is None or not deliver_notification.get_backend().supports_defer:
        return
    try:
        deliver_notification.using(run_after=when).enqueue(delivery_id)
    except Exception:
        logger.exception("Could not schedule retry of delivery %s", delivery_id)


def due_deliveries(*, now: datetime | None = None) -> QuerySet[Delivery]:
    """Deliveries the queue should have but may not: failed ones whose wait is over, lapsed
    claims, and pending ones older than the grace period (their enqueue was lost)."""
    now = now or timezone.now()
    grace = timedelta(seconds=int(getattr(settings, "LIAISON_NOTIFY_PENDING_GRACE_SECONDS", 300)))
    return Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING, created_at__lte=now - grace)
        | Q(status__in=[Delivery.Status.FAILED, Delivery.Status.SENDING], next_attempt_at__lte=now)
    ).order_by("next_attempt_at", "pk")


@transaction.atomic
def deliveries_retry_now(*, deliveries: Iterable[Delivery], actor: User) -> int:
    """An administrator's "try again": failed and abandoned deliveries go back to pending with
    one more attempt allowed, and are queued after commit. Sent ones are left alone."""
    ids = [d.pk for d in deliveries]
    rows = list(
        Delivery.objects.select_for_update()
        .filter(pk__in=ids, status__in=[Delivery.Status.FAILED, Delivery.Status.ABANDONED])
        .order_by("pk")
    )
    retried = [d.pk for d in rows]
    Delivery.objects.filter(pk__in=retried).update(
        status=Delivery.Status.PENDING,
        next_attempt_at=None,
        attempts=Least(F("attempts"), max_attempts() - 1),
    )
    for delivery in rows:
        audit_record(
            actor=actor,
            action="notifications.delivery.retry",
            obj=delivery,
            payload={"status": delivery.status, "attempts": delivery.attempts},
        )
    if retried:
        transaction.on_commit(lambda: enqueue_deliveries(retried))
    return len(retried)


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: User) -> None:
    """Mark one of the user's own notifications read (a no-op if it already is)."""
    if notification.recipient_id != user.pk:
        raise PermissionError("A person can only mark their own notifications read.")
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    """Mark everything in the user's inbox read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
