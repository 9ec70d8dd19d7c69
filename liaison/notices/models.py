"""The information notice: what partners send each other under "case information notification"
and "information exchange and feedback" (seeds 001, 002, 003)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter


class InformationNotice(Matter):
    """A notice from the owner organisation to one partner, who acknowledges and answers it."""

    body = models.TextField(_("notice"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("information notice")
        verbose_name_plural = _("information notices")
