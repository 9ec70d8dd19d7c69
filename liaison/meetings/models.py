"""Joint meetings under a cooperation agreement, and what they decide.

A ``JointMeeting`` is a ``workflow.Matter`` hosted by one party of an agreement (its owner), the
other parties its partner organisations; the people invited (the parties' liaison persons and
those they add) hold the engine's invitations (``workflow.Invitation``). Its agenda items may
link matters (an overdue recommendation, a dispute). Its minutes are drafted by the host and
approved by every party (``MinutesApproval``, one row per party and round of the draft).
Resolutions are recorded at the meeting; each becomes one or more ``ActionItem`` matters, owned
by the organisation that must act and handled by one of its people, on a clock.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter


class JointMeeting(Matter):
    """A joint meeting of an agreement's parties, hosted by the owner organisation."""

    under_agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("agreement"),
    )
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)
    #: Which draft of the minutes the parties approve: a correction asked for starts a new one,
    #: and approvals of an earlier draft no longer count.
    minutes_round = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        indexes = [models.Index(fields=["under_agreement", "starts_at"])]

    @property
    def day(self) -> date:
        return timezone.localtime(self.starts_at).date()


class AgendaItem(models.Model):
    """One item of a meeting's agenda, proposed by a party; it may link matters."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(_("item"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    proposed_by = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    matters = models.ManyToManyField(
        Matter, blank=True, related_name="agenda_items", verbose_name=_("linked matters")
    )
    #: The overdue action item this item carries over, when the system put it on the agenda.
    carried = models.ForeignKey(
        "meetings.ActionItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_onto",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "carried"],
                condition=models.Q(carried__isnull=False),
                name="meetings_item_carried_once_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MinutesApproval(models.Model):
    """A party's approval of one draft (``round``) of a meeting's minutes."""

    meeting = models.ForeignKey(
        JointMeeting, on_delete=models.CASCADE, related_name="minutes_approvals"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveIntegerField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval of minutes")
        verbose_name_plural = _("approvals of minutes")
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "round"], name="meetings_minutes_approved_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.round}"


class Resolution(models.Model):
    """What the meeting decided; carried out through its action items."""

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="resolutions")
    text = models.TextField(_("resolution"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(Matter):
    """What one organisation (the owner) must do for a resolution, handled by one of its people,
    due on the workflow's clock; the other parties of the agreement follow it as partners."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="items", verbose_name=_("resolution")
    )
    under_agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("agreement"),
    )
    assigned_on = models.DateField(_("assigned"))
    done_note = models.TextField(_("what was done"), blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")


#: The files that show an action item was carried out (``ActionItem`` ``done`` step).
EVIDENCE_PURPOSE = "action_item_evidence"
