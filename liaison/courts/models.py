"""The courts' side of the procuratorate's civil and administrative supervision (seeds 001 and
003): the court's enforcement cases, shared with a procuratorate one by one or by importing the
court's register; a supervision matter about one shared case; and the court's case number a
recommendation to a court names.

An enforcement case is the court's record, not a matter: the court keeps it, and a
procuratorate reads it only once shared (``EnforcementShare``); supervising it is a matter of
the procuratorate's (``SupervisionCase``), which the court follows as its partner
(``workflows.COURT_SIGHT``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter

#: A court's case number: （2026）青0103执123号 — the year in full-width (or ASCII) brackets,
#: the province's one-character abbreviation, the court's code (four digits and up), the case
#: type (执, 执恢, 执异, 执保, 执监, 行审, 民初 …) and the number, then 号.
CASE_NUMBER = re.compile(
    r"^[（(](?P<year>\d{4})[）)][\u4e00-\u9fff]\d{2,4}(?:[\u4e00-\u9fff]{1,4})\d{1,6}号$"
)


def normalise_case_number(value: str) -> str:
    """The case number as the court writes it: full-width brackets, no spaces."""
    value = "".join(value.split()).replace("(", "（").replace(")", "）")
    return value


def validate_case_number(value: str) -> None:
    if not CASE_NUMBER.match(value):
        raise ValidationError(
            _("Not a court case number such as （2026）青0103执123号."), code="case_number"
        )


class EnforcementCase(models.Model):
    """One enforcement case of a court's register (执行案件)."""

    court = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="enforcement_cases",
        verbose_name=_("court"),
    )
    case_number = models.CharField(
        _("case number"), max_length=40, validators=[validate_case_number]
    )
    applicant = models.CharField(_("applicant for enforcement"), max_length=200)
    respondent = models.CharField(_("person subject to enforcement"), max_length=200)
    amount = models.DecimalField(_("amount to be enforced"), max_digits=14, decimal_places=2)
    filed_on = models.DateField(_("filed on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    imported = models.ForeignKey(
        "RegisterImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("imported with"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "case_number"], name="courts_case_number_once_per_court"
            )
        ]
        ordering = ["-filed_on", "case_number"]

    def __str__(self) -> str:
        return self.case_number


class EnforcementShare(models.Model):
    """The court's grant of one case to one procuratorate: only then may it read the case and
    open supervision on it."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="shares")
    procuratorate = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "procuratorate"], name="courts_share_once_per_procuratorate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.procuratorate_id}"


class RegisterImport(models.Model):
    """One upload of a court's register: imported whole, or refused whole with the rejected
    rows kept for the report the court downloads."""

    court = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    procuratorate = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared with"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    #: Each rejected row: {"row": n, "case_number": ..., "errors": [...]}.
    rejected = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def accepted(self) -> bool:
        return not self.rejected


#: What a supervision's files are for (``Attachment.purpose``): a party's application with its
#: evidence, and the public security organ's written reasons for not filing with their documents.
APPLICATION_PURPOSE = "supervision_application"
EXPLANATION_PURPOSE = "police_explanation"


class Origin(models.TextChoices):
    APPLICATION = "application", _("a party's application")
    OWN_INITIATIVE = "own_initiative", _("the procuratorate's own initiative")


class SupervisionCase(Matter):
    """Supervision of one shared enforcement case (民事执行监督; administrative non-litigation
    enforcement is a matter type of its own on this model)."""

    enforcement_case = models.ForeignKey(
        EnforcementCase,
        on_delete=models.PROTECT,
        related_name="supervisions",
        verbose_name=_("enforcement case"),
    )
    origin = models.CharField(_("opened on"), max_length=20, choices=Origin.choices)
    applicant_name = models.CharField(_("applicant"), max_length=100, blank=True)
    grounds = models.TextField(_("grounds"))
    #: The public security organ a refusal to execute was referred to (a partner from then on).
    police = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("public security organ"),
    )
    #: A referral recorded before the organ was chosen from the list: its name as typed.
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    outcome_reasons = models.TextField(_("reasons"), blank=True)
    #: The public security organ's answer: filed (its day and case number) or not (its reasons).
    police_filed_on = models.DateField(_("filed for investigation on"), null=True, blank=True)
    police_case_number = models.CharField(
        _("public security organ's case number"), max_length=60, blank=True
    )
    police_answer = models.TextField(_("public security organ's answer"), blank=True)
    #: The filing supervision (立案监督): why the procuratorate asked the organ to explain, the
    #: organ's written reasons, and the procuratorate's conclusion on them (accepted, or the
    #: reasons it found them untenable for when notifying the organ to file).
    reasons_request = models.TextField(_("why the reasons for not filing are asked"), blank=True)
    police_explanation = models.TextField(
        _("public security organ's reasons for not filing"), blank=True
    )
    filing_review = models.TextField(_("the procuratorate's conclusion on the reasons"), blank=True)

    class Meta:
        verbose_name = _("enforcement supervision case")
        verbose_name_plural = _("enforcement supervision cases")


class CourtRecommendation(models.Model):
    """What a recommendation to a court names of the court's own case (its case number)."""

    recommendation = models.OneToOneField(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        related_name="court_case",
    )
    court_case_number = models.CharField(_("court's case number"), max_length=40)

    def __str__(self) -> str:
        return self.court_case_number
