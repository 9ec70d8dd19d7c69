"""Public notices: what a procuratorate announces to everyone, readable without logging in.

Two kinds today: the civil public-interest announcement (the 30 days in which a qualified organ
may sue before the procuratorate does) and the notice of a public hearing. Both are published by
a procuratorate for a date range and usually belong to a matter (the case, the hearing); they
live in an app of their own because cases and hearings both publish them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    CIVIL_ANNOUNCEMENT = "civil_announcement", _("civil public-interest announcement")
    HEARING = "hearing", _("hearing notice")


class PublicNotice(models.Model):
    """One public notice, shown from ``starts_on`` to ``ends_on`` and kept readable after."""

    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    publisher = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="public_notices",
        verbose_name=_("published by"),
    )
    matter = models.ForeignKey(
        "workflow.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_notices",
        verbose_name=_("matter"),
    )
    starts_on = models.DateField(_("shown from"))
    ends_on = models.DateField(_("shown until"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by (person)"),
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="announcements_notice_ends_after_it_starts",
                violation_error_message=_("A notice cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title
