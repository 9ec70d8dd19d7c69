"""Petitions involving laws and lawsuits (涉法涉诉信访) that the procuratorate handles, with
lawyers taking part in resolving them (seed 000).

A ``Petition`` is a ``workflow.Matter``; the petitioner is a private person who has no account
here, so their name and contact are the petition's own fields, masked to everyone but the
procuratorate's handling staff. A lawyer invited to take part holds an engine ``Invitation``
(their answer) with a ``PetitionLawyer`` row (the opinion they recorded) and, while invited or
taking part, is a ``participant`` party of the matter, which is what lets them see it and be
told of its steps.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.validators import validate_mobile
from liaison.workflow.models import Invitation, Matter


class Channel(models.TextChoices):
    """How the petition reached the procuratorate."""

    VISIT = "visit", _("visit in person")
    LETTER = "letter", _("letter")
    ONLINE = "online", _("online (12309 procuratorial service)")
    PHONE = "phone", _("telephone (12309 hotline)")
    REFERRED = "referred", _("referred by another organ")


class Petition(Matter):
    """One petition: who brought it (private), what it is about, when and how it arrived, the
    procedural reply the petitioner was given, and the outcome."""

    petitioner_name = models.CharField(_("petitioner's name"), max_length=64)
    petitioner_mobile = models.CharField(
        _("petitioner's mobile"), max_length=11, validators=[validate_mobile]
    )
    petitioner_address = models.CharField(_("petitioner's address"), max_length=200, blank=True)
    details = models.TextField(_("what the petitioner asks"))
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    receipt_reply = models.TextField(_("reply of receipt"), blank=True)
    receipt_replied_at = models.DateTimeField(_("receipt replied"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["received_on"])]


class PetitionLawyer(models.Model):
    """A verified lawyer invited to take part in resolving a petition, and the opinion or work
    they recorded. The invitation itself (their answer, when) is the engine's ``Invitation``
    (``workflow/invitations.py``); the row stays when they decline or the invitation is
    withdrawn, so who was asked when stays known. One lawyer at a time is the workflow's rule:
    a lawyer is invited only from "accepted", and the state moves on at once."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="lawyers", verbose_name=_("petition")
    )
    lawyer = models.ForeignKey(
        "lawyers.Lawyer",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("lawyer"),
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="petition_lawyer"
    )
    opinion = models.TextField(_("lawyer's opinion and work"), blank=True)
    opinion_at = models.DateTimeField(_("opinion recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("lawyer taking part")
        verbose_name_plural = _("lawyers taking part")
        ordering = ["invitation__invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "lawyer"], name="petitions_lawyer_invited_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} · {self.lawyer_id} · {self.invitation_id}"
