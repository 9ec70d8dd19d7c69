"""Sending, outside the web request.

``deliver_notification`` runs on the task queue (``django_tasks``); it claims its Delivery row,
renders the message in the recipient's language, hands it to the mail framework or the SMS
gateway, and records the outcome. Failures are recorded and retried, never raised to the queue:
the Delivery row, not the queue's result, is the record of what happened.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import Truncator
from django_tasks import task

from .actions import delivery_claim, delivery_mark_failed, delivery_mark_sent
from .models import Delivery, Notification
from .sms import get_sms_backend

logger = logging.getLogger(__name__)

SMS_MAX_CHARS = 300


def render_email(notification: Notification) -> tuple[str, str]:
    """Subject and plain-text body, in the active language."""
    message = notification.message
    site_url = getattr(settings, "LIAISON_SITE_URL", "").rstrip("/")
    matter_url = notification.matter_url()
    try:
        inbox_url = reverse("notifications:inbox")
    except NoReverseMatch:
        inbox_url = None
    context = {
        "notification": notification,
        "message": message,
        "recipient": notification.recipient,
        "matter": notification.matter,
        "matter_link": f"{site_url}{matter_url}" if site_url and matter_url else "",
        "inbox_link": f"{site_url}{inbox_url}" if site_url and inbox_url else "",
    }
    subject = render_to_string("notifications/email/subject.txt", context)
    body = render_to_string("notifications/email/body.txt", context)
    return " ".join(subject.split()), body


def render_sms(notification: Notification) -> str:
    """The text message, in the active language."""
    return Truncator(notification.message).chars(SMS_MAX_CHARS)


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    with translation.override(notification.recipient.language or settings.LANGUAGE_CODE):
        if delivery.channel == Delivery.Channel.EMAIL:
            subject, body = render_email(notification)
            send_mail(subject, body, None, [delivery.address], fail_silently=False)
        elif delivery.channel == Delivery.Channel.SMS:
            get_sms_backend().send(delivery.address, render_sms(notification))
        else:
            raise ValueError(f"Unknown channel {delivery.channel!r}")


@task()
def deliver_notification(delivery_id: int) -> str:
    """Send one delivery if it is due and nobody else has it; returns what happened."""
    return _deliver(delivery_id)


@task()
def deliver_notifications(delivery_ids: list[int]) -> list[str]:
    """Send the deliveries of one change (its recipients' emails and text messages), each as
    ``deliver_notification`` would: one that fails is recorded and retried on its own, and
    never keeps the others from being sent."""
    return [_deliver(delivery_id) for delivery_id in delivery_ids]


def _deliver(delivery_id: int) -> str:
    delivery = delivery_claim(delivery_id=delivery_id)
    if delivery is None:
        return "skipped"
    try:
        _send(delivery)
    except Exception as exc:
        logger.warning(
            "Delivery %s (%s) failed on attempt %s: %s",
            delivery.pk,
            delivery.channel,
            delivery.attempts,
            exc,
            exc_info=True,
        )
        delivery_mark_failed(delivery=delivery, error=f"{type(exc).__name__}: {exc}")
        return delivery.status
    delivery_mark_sent(delivery=delivery)
    return delivery.status
