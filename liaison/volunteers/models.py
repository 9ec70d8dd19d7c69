"""Public-interest volunteers (seed 004): who registered, the roles they take on, the training
they read and the points they earn.

Why the roles (publicist, clue collector, rectification supervisor) are not membership roles in
``orgs/roles.py``: a membership role is a seat in an organisation that grants access to its
matters (every role but lawyer and volunteer is a staff role), while these say what a volunteer
does for public-interest work, whichever organisation they joined or none. A volunteer who leaves
the youth league's association is still a clue collector. Who may act on a case comes from a
personal relation (a supervisor assigned to a case), never from holding one of these roles.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VolunteerRole(models.TextChoices):
    PUBLICIST = "publicist", _("publicist")
    CLUE_COLLECTOR = "clue_collector", _("clue collector")
    RECTIFICATION_SUPERVISOR = "rectification_supervisor", _("rectification supervisor")


#: The youngest a volunteer may be (whole years, from the resident ID's birth date) when no
#: volunteer organisation says otherwise (``OrganisationSettings.minimum_age``).
DEFAULT_MINIMUM_AGE = 18


class OrganisationSettings(models.Model):
    """A volunteer organisation's own rules for its volunteers. An organisation without a row
    keeps the defaults; its coordinators or the platform's administrators set them."""

    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="volunteer_settings",
        limit_choices_to={"kind": "volunteer_organisation"},
        verbose_name=_("volunteer organisation"),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age for volunteer roles"),
        default=DEFAULT_MINIMUM_AGE,
        validators=[MinValueValidator(14), MaxValueValidator(99)],
        help_text=_(
            "Whole years, counted from the birth date in the resident ID number: younger people "
            "cannot join, take on a volunteer role or be assigned to supervise a rectification."
        ),
    )

    class Meta:
        verbose_name = _("volunteer organisation's settings")
        verbose_name_plural = _("volunteer organisations' settings")

    def __str__(self) -> str:
        return str(self.organisation)


class Volunteer(models.Model):
    """A person registered as a public-interest volunteer with their real name, mobile and
    resident ID (kept on the person: ``accounts.User``)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer",
        verbose_name=_("person"),
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return str(self.person)


class HeldRole(models.Model):
    """One of the roles a volunteer takes on; a volunteer may hold several."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=VolunteerRole.choices)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer role")
        verbose_name_plural = _("volunteer roles")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "role"], name="volunteers_role_once")
        ]
        indexes = [models.Index(fields=["role", "volunteer"])]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.get_role_display()}"


class PointsReason(models.TextChoices):
    CLUE_ACCEPTED = "clue_accepted", _("clue accepted")
    SUPERVISION_REPORT = "supervision_report", _("supervision report")
    HEARING_ATTENDED = "hearing_attended", _("hearing attended")


#: Points per reason when no ``PointsRule`` row says otherwise.
DEFAULT_POINTS: dict[str, int] = {
    PointsReason.CLUE_ACCEPTED: 10,
    PointsReason.SUPERVISION_REPORT: 5,
    PointsReason.HEARING_ATTENDED: 8,
}


class PointsRule(models.Model):
    """How many points a reason earns: data, so that the procuratorate and the volunteer
    organisation can change their scheme without a release. Entries already awarded keep their
    points."""

    reason = models.CharField(_("reason"), max_length=32, choices=PointsReason.choices, unique=True)
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("points rule")
        verbose_name_plural = _("points rules")
        ordering = ["reason"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.points}"


class PointsEntry(models.Model):
    """Points a person earned for one event. The unique constraint is what makes an event count
    once, whoever retries or races: the same reason for the same matter, once per person, and
    per ``ref`` where one matter holds several such events (each supervision report accepted on
    a case earns its own points)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="points_entries",
        verbose_name=_("person"),
    )
    reason = models.CharField(_("reason"), max_length=32, choices=PointsReason.choices)
    matter = models.ForeignKey(
        "workflow.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("matter")
    )
    points = models.PositiveSmallIntegerField(_("points"))
    ref = models.CharField(
        _("event"),
        max_length=32,
        blank=True,
        default="",
        help_text=_("Which of the matter's events earned the points, e.g. observation:12."),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "reason", "matter", "ref"],
                name="volunteers_points_once_per_event",
            )
        ]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self) -> str:
        return f"{self.person} +{self.points} {self.get_reason_display()}"


class TrainingMaterial(models.Model):
    """An article, with an optional file, that a volunteer organisation's coordinators or a
    procuratorate's staff publish for volunteers to read."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    file = models.ForeignKey(
        "attachments.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    publisher = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="training_materials",
        verbose_name=_("published by"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title
