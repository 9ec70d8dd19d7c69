"""Support prosecution (支持起诉, seed 002): the procuratorate supports a vulnerable person's
civil suit — migrant workers' unpaid wages, an elderly parent's alimony, a child's support —
with a formal opinion to the court, and follows the money actually recovered.

``SupportCase`` is the matter; who it helps are ``Beneficiary`` rows (one wage case often helps
many workers), what came back are ``Recovery`` rows (in instalments). The categories are data
(``SupportCategory``): an administrator adds the next one, and each says in which group of the
seed's figures its cases count.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from liaison.core.validators import validate_resident_id
from liaison.publicinterest.codes import display_query_code
from liaison.workflow.models import Matter

#: Amounts are yuan with two places (fen), up to a trillion: exact decimals, never floats.
AMOUNT: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
CENT = Decimal("0.01")


class FiguresGroup(models.TextChoices):
    """The groups the seed's figures count cases and people in."""

    MIGRANT_WORKERS = "migrant_workers", _("migrant workers")
    ELDERLY_AND_MINORS = "elderly_and_minors", _("elderly people and minors")
    OTHER = "other", _("other groups")


class SupportCategory(models.Model):
    """A kind of support-prosecution case (农民工讨薪, 老年人赡养费 …): rows, not code, so an
    administrator adds the next one and says where its cases count in the figures."""

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("A stable identifier for exports and figures, e.g. migrant_wages."),
    )
    name = models.CharField(pgettext_lazy("category", "name"), max_length=64)
    name_en = models.CharField(
        pgettext_lazy("category", "English name"), max_length=128, blank=True
    )
    figures_group = models.CharField(
        _("counts in the figures as"),
        max_length=24,
        choices=FiguresGroup.choices,
        default=FiguresGroup.OTHER,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive categories are no longer offered to applicants."),
    )

    class Meta:
        verbose_name = _("support-prosecution category")
        verbose_name_plural = _("support-prosecution categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (Chinese unless the reader reads English)."""
        if self.name_en and (get_language() or "").lower().startswith("en"):
            return self.name_en
        return self.name


class Channel(models.TextChoices):
    """How the case came in."""

    ONLINE = "online", _("online application")
    COUNTER = "counter", _("at the counter")
    PHONE = "phone", _("by phone")
    REFERRAL = "referral", _("referral")


class Outcome(models.TextChoices):
    """How the supported suit ended before the court."""

    JUDGMENT = "judgment", pgettext_lazy("support", "judgment")
    MEDIATION = "mediation", _("mediation")
    WITHDRAWAL = "withdrawal", _("withdrawal")


class SupportCase(Matter):
    """A support-prosecution case (支持起诉案件) of a procuratorate."""

    category = models.ForeignKey(
        SupportCategory,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("category"),
    )
    channel = models.CharField(_("received"), max_length=16, choices=Channel.choices)
    referred_by = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    received_on = models.DateField(_("received on"))
    applicant_name = models.CharField(_("applicant"), max_length=100)
    applicant_id_number = models.CharField(
        _("applicant's resident ID"),
        max_length=18,
        blank=True,
        validators=[validate_resident_id],
    )
    applicant_mobile = models.CharField(_("applicant's mobile"), max_length=20, blank=True)
    applicant_address = models.CharField(_("applicant's address"), max_length=200, blank=True)
    respondent = models.CharField(pgettext_lazy("support", "respondent"), max_length=200)
    facts = models.TextField(_("facts and claim"))
    #: What the applicant keeps to follow the case on the public status page.
    query_code = models.CharField(_("query code"), max_length=16, unique=True, editable=False)
    #: The online form's idempotency token: the same application posted twice is one case.
    submission_key = models.UUIDField(
        _("submission key"), unique=True, null=True, blank=True, editable=False
    )
    eligibility_reasons = models.TextField(_("reasons of the eligibility decision"), blank=True)
    court = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court"),
    )
    opinion_facts = models.TextField(_("facts found"), blank=True)
    opinion_text = models.TextField(_("opinion"), blank=True)
    opinion_sent_on = models.DateField(_("opinion sent on"), null=True, blank=True)
    court_case_number = models.CharField(_("court's case number"), max_length=40, blank=True)
    outcome = models.CharField(
        pgettext_lazy("support", "outcome"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **AMOUNT,
    )
    amount_awarded = models.DecimalField(
        _("amount awarded (yuan)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **AMOUNT,
    )
    closing_reasons = models.TextField(_("closing reasons"), blank=True)

    class Meta:
        verbose_name = _("support-prosecution case")
        verbose_name_plural = _("support-prosecution cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_claimed__isnull=True) | Q(amount_claimed__gte=0),
                name="supportprosecution_claimed_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_awarded__isnull=True) | Q(amount_awarded__gte=0),
                name="supportprosecution_awarded_not_negative",
            ),
        ]

    @property
    def query_code_display(self) -> str:
        return display_query_code(self.query_code)


class BeneficiaryGroup(models.TextChoices):
    """Who a beneficiary is, as the figures count people helped."""

    MIGRANT_WORKER = "migrant_worker", _("migrant worker")
    ELDERLY = "elderly", _("elderly person")
    MINOR = "minor", _("minor")
    DISABLED = "disabled", _("person with disabilities")
    OTHER = "other", _("other")


class Beneficiary(models.Model):
    """A person the case helps. Their identity is private: masked to all but the handling
    staff, every look audited (``identities.py``)."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="beneficiaries")
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(
        _("resident ID"), max_length=18, blank=True, validators=[validate_resident_id]
    )
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    group = models.CharField(_("group"), max_length=16, choices=BeneficiaryGroup.choices)
    amount_owed = models.DecimalField(
        _("amount owed (yuan)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **AMOUNT,
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["case", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""), name="supportprosecution_beneficiary_named"
            ),
            models.CheckConstraint(
                condition=Q(amount_owed__isnull=True) | Q(amount_owed__gte=0),
                name="supportprosecution_owed_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"


class Recovery(models.Model):
    """One instalment of money actually recovered for the case's beneficiaries."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="recoveries")
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recoveries",
        verbose_name=_("beneficiary"),
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount (yuan)"), **AMOUNT)
    #: Why the recovered total passes the amount awarded (interest, costs): required then.
    over_award_reason = models.TextField(_("reason for recovering more than awarded"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recovery")
        verbose_name_plural = _("recoveries")
        ordering = ["case", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="supportprosecution_recovery_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.amount}"
