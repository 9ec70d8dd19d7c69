"""Civil retrial with new evidence (seed 001: the procuratorate's protest or retrial
recommendation carries its new evidence; the court says whether each item is accepted as new
evidence, and how the retrial ended).

A ``RetrialCase`` is a matter owned by the procuratorate, addressed to one court (``court``),
which becomes its partner when it is served. Its ``NewEvidence`` items are rows of their own
(several per case, added while it is drafted), each with its files (attachments whose purpose
the server sets, ``EVIDENCE_PURPOSE``) and, once the court has examined it, its decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.workflow.models import Matter

#: What a new-evidence file and a retrial judgment are for (``Attachment.purpose``).
EVIDENCE_PURPOSE = "retrials.evidence"
JUDGMENT_PURPOSE = "retrials.judgment"


class Kind(models.TextChoices):
    """抗诉 goes to the court that will retry (the court above the one that judged); 再审检察建议
    to the court at the same level, which decides itself whether to retry."""

    PROTEST = "protest", _("protest")
    RECOMMENDATION = "recommendation", _("retrial recommendation")


class Ruling(models.TextChoices):
    RETRIAL = "retrial", _("retrial ruled")
    REFUSED = "refused", _("retrial refused")


class Outcome(models.TextChoices):
    CHANGED = "changed", _("judgment changed")
    PARTLY_CHANGED = "partly_changed", _("judgment partly changed")
    UPHELD = "upheld", _("original judgment upheld")
    MEDIATED = "mediated", _("settled by mediation")


class RetrialCase(Matter):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    court = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="retrial_cases",
        verbose_name=_("court"),
    )
    original_judgment = models.CharField(_("original judgment"), max_length=64)
    grounds = models.TextField(_("grounds"))
    court_case_number = models.CharField(
        _("court's retrial case number"), max_length=64, blank=True
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    ruling = models.CharField(_("ruling"), max_length=20, choices=Ruling.choices, blank=True)
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    ruling_reasons = models.TextField(_("reasons of the ruling"), blank=True)
    outcome = models.CharField(
        pgettext_lazy("retrial", "outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    judgment_on = models.DateField(_("judgment given on"), null=True, blank=True)
    judgment_summary = models.TextField(_("what the court decided"), blank=True)
    judgment_document = models.ForeignKey(
        "attachments.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judgment document"),
    )

    class Meta:
        verbose_name = _("civil retrial case")
        verbose_name_plural = _("civil retrial cases")


class NewEvidence(models.Model):
    """One item of new evidence the procuratorate relies on; ``accepted`` is None until the
    court has examined it (then True or False, with its ``reasons``)."""

    case = models.ForeignKey(
        RetrialCase, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("case")
    )
    description = models.TextField(_("description"))
    proves = models.TextField(_("what it proves"))
    files = models.ManyToManyField(
        "attachments.Attachment", blank=True, related_name="+", verbose_name=_("files")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    accepted = models.BooleanField(_("accepted as new evidence"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ("case", "pk")
        verbose_name = _("new evidence")
        verbose_name_plural = _("new evidence")

    def __str__(self) -> str:
        return self.description[:60]
