"""Cooperation agreements: the "Opinions" or "Implementation Measures" a procuratorate signs with
a court, the judicial bureau, a legal-aid centre or a volunteer association (every seed), and
the liaison person each party names under it.

An agreement is a matter (``workflow.Matter``): its owner is the organisation that drafts it,
the other parties are its partner organisations (``workflow.MatterParty``), its states are the
engine's (``workflows.AGREEMENT``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter

#: The purpose of the signed document among the agreement's files: the server's to say.
SIGNED_DOCUMENT_PURPOSE = "agreements.signed"


class Cadence(models.IntegerChoices):
    """How many months lie between two joint meetings the agreement asks for."""

    MONTHLY = 1, _("monthly")
    QUARTERLY = 3, _("quarterly")
    TWICE_A_YEAR = 6, _("twice a year")
    YEARLY = 12, _("yearly")


class Agreement(Matter):
    """A cooperation agreement between its owner and its partner organisations (two or more
    parties in all)."""

    articles = models.TextField(_("articles"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    #: The matter types (workflow names, e.g. ``recommendations.recommendation``) the agreement
    #: governs: a JSON list, read in Python (agreements are few; SQLite has no JSON containment).
    governs = models.JSONField(_("governs"), default=list, blank=True)
    meeting_cadence = models.PositiveSmallIntegerField(
        _("joint meetings"),
        choices=Cadence.choices,
        null=True,
        blank=True,
        help_text=_("How often the parties hold a joint meeting; empty when it says nothing."),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")


class LiaisonPerson(models.Model):
    """The liaison person one party names under an agreement, from ``started_at`` until
    ``ended_at`` (None: the current one). A change ends the current row and starts a new one,
    so the history stays (``actions.liaison_person_name``)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="liaison_persons"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="liaison_roles",
        verbose_name=_("liaison person"),
    )
    started_at = models.DateTimeField(_("since"))
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("liaison person")
        verbose_name_plural = _("liaison persons")
        ordering = ["agreement", "organisation", "-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="agreements_one_current_liaison",
            )
        ]
        indexes = [models.Index(fields=["person", "ended_at"], name="agreements_liaison_person")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.person}"
