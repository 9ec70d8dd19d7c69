"""Files attached to matters: evidence photos, replies, recommendations, short videos.

The stored file carries a random name; the sender's name is kept only in ``original_name`` and
given back on download, so nothing a sender types ever becomes a path in the store.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attachment(models.Model):
    """One uploaded file, checked by content (``validators.validate_upload``)."""

    matter = models.ForeignKey(
        "workflow.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("matter"),
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/", max_length=255)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    purpose = models.CharField(
        _("purpose"),
        max_length=64,
        blank=True,
        help_text=_("What the file is for, e.g. evidence or reply; the mechanism decides."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["matter", "uploaded_at"], name="attach_matter_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
