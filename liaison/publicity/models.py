"""Joint publicity (seed 002): law-popularisation campaigns, lectures and on-site legal
consultations a procuratorate holds with the judicial bureau, the legal-aid centre or others.

An event is a record, not a workflow matter: it has no life of steps (nothing is asked,
granted, answered or awaited; it happened, and is written down), so it has no states, clocks or
timeline. Its changes are audited (``actions.py``); who sees it is one rule
(``selectors.events_visible_to``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The purpose of an event's material among attachments: the server's to say.
MATERIAL_PURPOSE = "publicity.material"


class EventKind(models.TextChoices):
    CAMPAIGN = "campaign", _("law-popularisation campaign")
    LECTURE = "lecture", _("lecture")
    CONSULTATION = "consultation", _("on-site legal consultation")


class PublicityEvent(models.Model):
    """One campaign, lecture or consultation: the organisation that records it (``organiser``)
    and the partners it held it with are all its ``organisers``."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    organiser = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded for"),
    )
    #: Every organising organisation, the recording one included (visibility asks this).
    organisers = models.ManyToManyField(
        "orgs.Organisation", related_name="publicity_events", verbose_name=_("organisers")
    )
    participants_text = models.TextField(_("participants"), blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="publicity_events",
        verbose_name=_("participating staff"),
    )
    audience = models.PositiveIntegerField(_("audience"), default=0)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publicity_events",
        verbose_name=_("under the agreement"),
    )
    material = models.ManyToManyField(
        "attachments.Attachment", blank=True, related_name="+", verbose_name=_("material")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("publicity event")
        verbose_name_plural = _("publicity events")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="publicity_held_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience__gte=0), name="publicity_audience_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.title
