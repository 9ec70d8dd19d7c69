"""Public-interest litigation: its fields (kept as data) and the clues the public reports.

A ``Clue`` is a ``workflow.Matter`` (multi-table inheritance, like the information notice): its
state, owner (the procuratorate that handles it), case number, timeline and assessment clock
live in the engine's tables; what the reporter gave lives here.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from liaison.core.validators import validate_mobile
from liaison.workflow.models import Matter

from .codes import display_query_code

#: ``Attachment.purpose`` of a reporter's photos (staff may attach other files to a clue).
PHOTO_PURPOSE = "clue_photo"


class Field(models.Model):
    """A public-interest field (领域): the statutory four and those later laws added. Rows, not
    code, because the list grows with each new law; an administrator adds the next one."""

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("A stable identifier for exports and figures, e.g. ecology."),
    )
    name = models.CharField(pgettext_lazy("field", "name"), max_length=64)
    name_en = models.CharField(pgettext_lazy("field", "English name"), max_length=128, blank=True)
    statutory = models.BooleanField(
        _("statutory field"),
        default=False,
        help_text=_(
            "One of the four fields the Civil Procedure and Administrative Litigation Laws name; "
            "the others were added by later laws."
        ),
    )
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive fields are no longer offered to reporters."),
    )

    class Meta:
        verbose_name = _("public-interest field")
        verbose_name_plural = _("public-interest fields")
        ordering = ["-statutory", "order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (Chinese unless the reader reads English)."""
        if self.name_en and (get_language() or "").lower().startswith("en"):
            return self.name_en
        return self.name


class CoordinateSystem(models.TextChoices):
    """GPS gives WGS-84; Chinese map services give GCJ-02 (DESIGN.md §6). A point without its
    system is off by hundreds of metres on the other kind of map, so the system is stored."""

    WGS84 = "wgs84", _("WGS-84 (GPS)")
    GCJ02 = "gcj02", _("GCJ-02 (Chinese maps)")


class Clue(Matter):
    """A public-interest clue: what is wrong, where, when, and who (unless anonymous) says so."""

    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="clues", verbose_name=_("field")
    )
    description = models.TextField(_("what is wrong"))
    division = models.ForeignKey(
        "places.Division",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("administrative division"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinate_system = models.CharField(
        _("coordinate system"), max_length=8, choices=CoordinateSystem.choices, blank=True
    )
    seen_on = models.DateField(_("seen on"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = models.CharField(_("reporter's name"), max_length=64, blank=True)
    reporter_mobile = models.CharField(
        _("reporter's mobile"), max_length=11, blank=True, validators=[validate_mobile]
    )
    query_code = models.CharField(_("query code"), max_length=16, unique=True, editable=False)
    submission_key = models.UUIDField(
        _("submission key"),
        unique=True,
        editable=False,
        help_text=_("Made by the reporter's browser; a retried submission carries the same key."),
    )
    public_reason = models.TextField(
        _("reason given to the reporter"),
        blank=True,
        help_text=_("Shown on the progress page, e.g. why the clue was not accepted."),
    )
    transferred_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_to",
        verbose_name=_("transferred from"),
    )

    class Meta:
        verbose_name = _("public-interest clue")
        verbose_name_plural = _("public-interest clues")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(reporter_name="", reporter_mobile=""),
                name="publicinterest_clue_anonymous_keeps_no_identity",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | (
                    models.Q(latitude__isnull=False, longitude__isnull=False)
                    & ~models.Q(coordinate_system="")
                ),
                name="publicinterest_clue_point_is_whole",
            ),
        ]

    @property
    def query_code_display(self) -> str:
        return display_query_code(self.query_code)

    @property
    def photo_count(self) -> int:
        return self.attachments.filter(purpose=PHOTO_PURPOSE).count()

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def mask_name(name: str) -> str:
    """All but the first character hidden, as ``User.masked_name`` does: 王小明 → 王**."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_mobile(mobile: str) -> str:
    """The first three and last four digits: 139****0000."""
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else ("*" * len(mobile))
