"""Legal-aid referrals both ways (seed 002): a procuratorate refers a person to a legal-aid
centre, which accepts or declines and assigns an aid lawyer; a centre refers a case it found to
a procuratorate, which accepts it (and may then open a support-prosecution case) or declines.

One model for both directions; the direction is the matter type (``workflows.TO_CENTRE``,
``workflows.TO_PROCURATORATE``): different steps and number codes, one table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.masking import mask_name
from liaison.workflow.models import Matter


class Category(models.TextChoices):
    """The kind of matter, in the words of seed 002. The codes are the support-prosecution
    categories' own (``supportprosecution.SupportCategory.code``, kept there as data), so that a
    case referred to a procuratorate opens a support case in its category."""

    WAGES = "migrant_wages", _("unpaid wages of migrant workers")
    ELDERLY = "elderly_alimony", _("alimony for the elderly")
    MINORS = "minor_support", _("support for minors")
    DISABILITY = "disabled", _("people with disabilities")
    DOMESTIC_VIOLENCE = "domestic_violence", _("victims of domestic violence")
    OTHER = "other", _("other")


class LegalAidReferral(Matter):
    """A person referred from one side to the other. The referring organisation owns it, the
    receiving one is its partner (``receiver``, kept for lists and figures)."""

    receiver = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="legal_aid_referrals_received",
        verbose_name=_("referred to"),
    )
    source = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_referrals",
        verbose_name=_("arises from"),
        help_text=_("The matter it arises from (a case, a petition…), if any."),
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    person_name = models.CharField(_("name of the person"), max_length=64)
    person_id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    person_mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    facts = models.TextField(_("the matter in short"))
    #: Whom the person claims against (an employer, a son or daughter), when known: a case a
    #: centre refers to a procuratorate names them, as the support case it opens does.
    respondent = models.CharField(_("the other party"), max_length=200, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    aid_lawyer = models.ForeignKey(
        "lawyers.Lawyer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_referrals",
        verbose_name=_("aid lawyer"),
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("legal-aid referral")
        verbose_name_plural = _("legal-aid referrals")

    @property
    def masked_person(self) -> str:
        return mask_name(self.person_name)
