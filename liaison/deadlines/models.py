"""Statutory periods and corrections to the holiday calendar, both kept as data.

Periods are rows, not constants, because the rules behind them change and some come from secondary
sources that still have to be confirmed; an administrator corrects a row and every new clock uses
it. Calendar corrections exist because China's holidays (with their make-up working weekends) are
announced late in the year before, often before the holiday package knows them.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """How a period is counted."""

    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    WORKING_DAYS = "working_days", _("working days")


class Period(models.Model):
    """One statutory period, e.g. an organ's two months to answer a recommendation."""

    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("The stable identifier other code uses, e.g. pil.recommendation_reply."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    remind_before_days = models.PositiveSmallIntegerField(
        _("remind this many days before"), default=3
    )
    rule = models.TextField(_("legal source"), blank=True)
    needs_confirmation = models.BooleanField(
        _("needs confirmation"),
        default=False,
        help_text=_(
            "Taken from a secondary source; confirm it against the rule before relying on it."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("statutory period")
        verbose_name_plural = _("statutory periods")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="deadlines_period_amount_gt_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.amount} {self.get_unit_display()})"

    @property
    def label(self) -> str:
        """The name in the active language: staff read Chinese, some partners read English."""
        if self.name_en and (get_language() or "").lower().startswith("en"):
            return self.name_en
        return self.name


class CalendarCorrection(models.Model):
    """A day whose working status differs from (or is missing in) the holiday package."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(_("working day"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        ordering = ["day"]

    def __str__(self) -> str:
        kind = _("working day") if self.is_working_day else _("day off")
        return f"{self.day.isoformat()} {kind}"


class PeriodOverride(models.Model):
    """An organisation's own length for a period, where the rule leaves it to the organisation
    (e.g. how long its clue officers have to assess a clue). It applies to the organisation and
    every organisation below it in the tree, unless one of those sets its own; a clock copies
    the length when it starts, as with the period itself."""

    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("period")
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="period_overrides",
        verbose_name=_("organisation"),
    )
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    remind_before_days = models.PositiveSmallIntegerField(
        _("remind before (days)"), null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation's period")
        verbose_name_plural = _("organisations' periods")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"], name="deadlines_one_override_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="deadlines_override_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.period.code}: {self.amount} {self.unit}"
