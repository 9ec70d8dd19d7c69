"""False-litigation and pension-fraud flags (seed 001: the court and the procuratorate tell each
other of suspected false litigation; issue 11: "on any shared matter, with the grounds").

A ``Flag`` is a matter of its own, owned by the organisation that raises it, the other side of
the flagged matter its only partner: a lawyer, volunteer, reporter or agency that stands to the
flagged matter never sees the flag. It is about another matter (``subject``) that both
organisations share; the other side answers it (acknowledged, or disputed with reasons) and the
raising side records what became of it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter


class Flag(Matter):
    class Kind(models.TextChoices):
        FALSE_LITIGATION = "false_litigation", _("false litigation")
        PENSION_FRAUD = "pension_fraud", _("pension insurance fraud")

    class Answer(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        DISPUTED = "disputed", _("disputed")

    class Outcome(models.TextChoices):
        REFERRED = "referred", _("referred for investigation")
        REOPENED = "reopened", _("case reopened or judgment revoked")
        RECOVERED = "recovered", _("money recovered")
        UNFOUNDED = "unfounded", _("found unfounded")

    subject = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        related_name="flags",
        verbose_name=_("flagged matter"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    grounds = models.TextField(_("grounds"))
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, blank=True)
    answer_note = models.TextField(_("answer's reasons"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome's details"), blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        indexes = [models.Index(fields=["kind"], name="flags_kind_idx")]
