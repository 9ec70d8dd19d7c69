"""Disputes through the joint office (seed 003: the leading group's office settles the court's and
the procuratorate's disagreements about legal supervision of civil enforcement).

A ``Dispute`` is a matter owned by the side that raises it, the other side its partner; it is
about another matter both sides see (``subject``: a supervision matter, a recommendation). It
runs under the court–procuratorate agreement in force between the two (the joint office: the
agreement's liaison persons on either side, who take part in the dispute), goes onto the agenda
of the next joint meeting under that agreement (``meeting``), and ends with the resolution
recorded at that meeting, or is withdrawn by the side that raised it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter


class Dispute(Matter):
    subject = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name=_("disputed matter"),
    )
    grounds = models.TextField(_("grounds"))
    under_agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="disputes_under",
        verbose_name=_("agreement"),
    )
    #: The joint meeting whose agenda it is on (and where it is resolved).
    meeting = models.ForeignKey(
        "meetings.JointMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disputes_on_agenda",
        verbose_name=_("joint meeting"),
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolution recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
