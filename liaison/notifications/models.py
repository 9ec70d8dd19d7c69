"""The inbox and the outbox.

A ``Notification`` is what a person sees in their inbox; it keeps the English msgid and its
parameters rather than a rendered sentence, so it reads in whatever language the person uses
when they open it. A ``Delivery`` is one email or text message about a notification: the row is
written in the same transaction as the change it reports, so an event is never lost even when
the task queue is down, and the row's status says how far sending got.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class _Params(dict[str, Any]):
    """Parameters that answer a missing name with an empty string instead of a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def format_message(text: str, params: Mapping[str, Any] | None) -> str:
    """Translate ``text`` in the active language and fill in ``params``.

    A message must still read when a caller forgot a parameter or a translator mistyped one:
    missing names become empty, and a broken translation falls back to the English text.
    """
    values = _Params(params or {})
    translated = gettext(text) if text else ""
    for candidate in (translated, text):
        try:
            return candidate % values
        except (TypeError, ValueError):
            logger.warning("Cannot format notification text %r with %r", candidate, params)
    return text


class Notification(models.Model):
    """One entry in a person's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(
        _("event"), max_length=100, help_text=_("Dotted id, e.g. notices.notice.send.")
    )
    text = models.CharField(
        _("text"),
        max_length=500,
        help_text=_("English message id with %(name)s placeholders, translated when shown."),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    matter = models.ForeignKey(
        "workflow.Matter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("matter"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient_id}"

    @property
    def message(self) -> str:
        """The text in the active language with its parameters filled in."""
        return format_message(self.text, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def matter_url(self) -> str | None:
        """The matter's page, or None while the workspace has no such page."""
        if self.matter_id is None:
            return None
        try:
            return reverse("workspace:matter", args=[self.matter_id])
        except NoReverseMatch:
            return None


class Delivery(models.Model):
    """One email or text message about a notification: the outbox row.

    ``next_attempt_at`` is when a failed delivery may be tried again, and while a worker is
    sending (status ``sending``) when its claim lapses, so a worker that died mid-send does not
    strand the message.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        SMS = "sms", _("text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, will retry")
        ABANDONED = "abandoned", _("abandoned")

    notification = models.ForeignKey(
        Notification,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("notification"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_delivery_due_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="notif_one_delivery_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address} ({self.status})"
