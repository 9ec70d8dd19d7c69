"""Procuratorial hearings (检察听证): a procuratorate hears volunteers, lawyers, people's
supervisors and others on a case before deciding it.

A ``Hearing`` is a ``workflow.Matter`` on any other matter (``case``): a public-interest case, a
support-prosecution case, a lawyer's complaint. Its invitees are ``Participant`` rows: a person
with a role in this hearing (volunteer, lawyer, people's supervisor, other), not a kind of user,
so lawyers (issue 5) and volunteers (issue 4) are invited alike. The invitation is the engine's
(``workflow.Invitation``): while it stands the person is a ``participant`` party of the matter,
which is what lets them see it and be notified.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Invitation, Matter


class HearingRole(models.TextChoices):
    VOLUNTEER = "volunteer", _("volunteer")
    LAWYER = "lawyer", _("lawyer")
    PEOPLES_SUPERVISOR = "peoples_supervisor", _("people's supervisor")
    OTHER = "other", _("other participant")


class Hearing(Matter):
    """A hearing on ``case``: when, where, what about (told to participants), and what it heard."""

    case = models.ForeignKey(
        Matter, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("case")
    )
    subject = models.TextField(
        _("what the hearing is about"),
        help_text=_("Told to the participants and, for a public hearing, to the public."),
    )
    scheduled_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    public = models.BooleanField(
        _("public hearing"), default=True, help_text=_("A public hearing is announced publicly.")
    )
    notify_by = models.DateField(
        _("participants told by"),
        editable=False,
        help_text=_("The last day on which participants can still be told of the hearing."),
    )
    opinions = models.TextField(_("opinions heard"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)

    class Meta:
        verbose_name = _("procuratorial hearing")
        verbose_name_plural = _("procuratorial hearings")
        indexes = [models.Index(fields=["scheduled_at"])]

    @property
    def day(self) -> date:
        """The hearing's day where it is held (China's time), from which notice is counted."""
        return timezone.localtime(self.scheduled_at).date()


class Participant(models.Model):
    """A person invited to a hearing in a role. The invitation itself (their answer, whether
    they came, when) is the engine's ``Invitation`` (``workflow/invitations.py``); the role is
    the hearing's own."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hearing_invitations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role in the hearing"), max_length=32, choices=HearingRole.choices)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="hearing_participant"
    )

    class Meta:
        verbose_name = _("hearing participant")
        verbose_name_plural = _("hearing participants")
        ordering = ["invitation__invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "person"], name="hearings_participant_invited_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"
