"""The procuratorial recommendation (检察建议): a matter of its own, addressed to any
organisation, arising (or not) from another matter.

A matter of its own, not steps on the matter it arises from, because of who sees what: the
addressee is a partner of the recommendation only, so its officers see the recommendation, its
document, their reply clock and their own reply, and never the file behind it (a public-interest
case's clue, evidence, internal timeline). It also carries a document number of its own, as a
served recommendation does (e.g. 同检行公建〔2026〕1号), and its own reply clock.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.workflow.models import Matter

from .kinds import Adoption, RecommendationKind, get_kind

#: ``Attachment.purpose`` of the served recommendation's PDF and DOCX.
DOCUMENT_PURPOSE = "recommendation_document"
#: ``Attachment.purpose`` of the evidence an addressee sends with its reply.
REPLY_EVIDENCE_PURPOSE = "reply_evidence"


class Recommendation(Matter):
    """A procuratorial recommendation of one of the registered kinds (``kinds.py``)."""

    kind = models.CharField(_("kind"), max_length=64)
    source = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("arises from"),
        help_text=_("The matter it arises from (a public-interest case, a court case…), if any."),
    )
    addressee = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="recommendations_received",
        verbose_name=_("served on"),
        help_text=_("The organisation it is addressed to, as served."),
    )
    facts = models.TextField(_("facts found"))
    opinion = models.TextField(_("the procuratorate's opinion"))
    measures = models.TextField(_("recommended measures"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    document_pdf = models.OneToOneField(
        "attachments.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document (PDF)"),
    )
    document_docx = models.OneToOneField(
        "attachments.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document (Word)"),
    )
    reply = models.TextField(_("reply"), blank=True)
    #: The answer as the kind puts it (e.g. "rectification under way"), and how it counts.
    reply_outcome = models.CharField(_("answer"), max_length=16, blank=True)
    adoption = models.CharField(_("adoption"), max_length=16, choices=Adoption.choices, blank=True)
    replied_at = models.DateTimeField(pgettext_lazy("field", "replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("procuratorial recommendation")
        verbose_name_plural = _("procuratorial recommendations")

    @property
    def kind_spec(self) -> RecommendationKind:
        return get_kind(self.kind)

    def get_reply_outcome_display(self) -> str:
        outcome = self.kind_spec.outcome(self.reply_outcome)
        return str(outcome.label) if outcome else self.reply_outcome
