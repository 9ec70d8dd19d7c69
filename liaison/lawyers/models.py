"""Lawyers and the procuratorate (seed 000): lawyers' accounts, the cases they act in and the
procedural events of those cases, reception slots and bookings, online file review, plea
leniency and practice-rights complaints. A case's procedural events are its timeline's steps,
read by its lawyers of record through the engine (``workflow.timeline``).

The matters (a registration, a case, a booking, a file-review application, a complaint) inherit
``workflow.Matter``; everything else here is the mechanism's own data around them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.masking import mask_name
from liaison.core.validators import validate_lawyer_licence
from liaison.workflow.models import Matter

#: ``Attachment.purpose`` of the papers a lawyer sends and of the case file staff release.
PURPOSE_LICENCE = "practice_licence"
PURPOSE_AUTHORITY = "authority"
PURPOSE_FIRM_LETTER = "firm_letter"
PURPOSE_CASE_FILE = "case_file"
PURPOSE_COMPLAINT = "complaint"


# -- lawyers ------------------------------------------------------------------------------------


class Lawyer(models.Model):
    """A person practising as a lawyer at a law firm. Verified by the judicial bureau or the
    procuratorate (the ``lawyers.registration`` matter) before they may act."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lawyer",
        verbose_name=_("person"),
    )
    licence_number = models.CharField(
        _("practising-certificate number"),
        max_length=17,
        unique=True,
        validators=[validate_lawyer_licence],
        error_messages={"unique": _("A lawyer with this practising-certificate number exists.")},
    )
    firm = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="lawyers",
        verbose_name=_("law firm"),
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )

    class Meta:
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")

    def __str__(self) -> str:
        return f"{self.user.display_name} ({self.licence_number})"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class LawyerRegistration(Matter):
    """A lawyer's request to be verified: owned by the procuratorate the lawyer chose, with the
    judicial bureau of the same place as partner; either may verify."""

    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("lawyer")
    )

    class Meta:
        verbose_name = _("lawyer registration")
        verbose_name_plural = _("lawyer registrations")


# -- cases and their procedural events ----------------------------------------------------------


class CaseKind(models.TextChoices):
    CRIMINAL = "criminal", _("criminal")
    CIVIL = "civil", _("civil")
    ADMINISTRATIVE = "administrative", _("administrative")


class ProcuratorateCase(Matter):
    """A case the procuratorate handles, as far as lawyers are concerned: its number, the
    parties' names (masked to lawyers not of record) and its procedural events."""

    kind = models.CharField(
        _("kind of case"), max_length=16, choices=CaseKind.choices, default=CaseKind.CRIMINAL
    )
    cause = models.CharField(_("charge or cause of action"), max_length=100)

    class Meta:
        verbose_name = _("procuratorate case")
        verbose_name_plural = _("procuratorate cases")


class CaseParty(models.Model):
    """A person the case is about. Lawyers not of record see the name masked."""

    class Role(models.TextChoices):
        SUSPECT = "suspect", _("suspect or defendant")
        VICTIM = "victim", _("victim")
        PLAINTIFF = "plaintiff", _("plaintiff or applicant")
        RESPONDENT = "respondent", _("respondent")
        THIRD_PARTY = "third_party", _("third party")

    case = models.ForeignKey(
        ProcuratorateCase, on_delete=models.CASCADE, related_name="persons", verbose_name=_("case")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)

    class Meta:
        verbose_name = _("case party")
        verbose_name_plural = _("case parties")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


class CaseCounsel(models.Model):
    """A lawyer of record on a case: linked by staff once the power of attorney (or legal-aid
    letter) is checked, directly or by approving a file-review application. While the link is
    live the lawyer is a ``counsel`` party of the case (``party``). Ending the link keeps the
    row, so who acted when, and for whom, stays known."""

    case = models.ForeignKey(
        ProcuratorateCase, on_delete=models.PROTECT, related_name="counsel", verbose_name=_("case")
    )
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="cases", verbose_name=_("lawyer")
    )
    client = models.CharField(_("acting for"), max_length=64)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    #: The lawyer's ``counsel`` party of the case while the link is live (what lets the engine
    #: tell them of its steps and show them its procedural events); none once ended.
    party = models.OneToOneField(
        "workflow.MatterParty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_counsel",
    )

    class Meta:
        verbose_name = _("lawyer of record")
        verbose_name_plural = _("lawyers of record")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "lawyer"],
                condition=Q(ended_at__isnull=True),
                name="lawyers_one_live_link_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lawyer} → {self.case_id}"


# -- reception booking --------------------------------------------------------------------------


class Purpose(models.TextChoices):
    MEETING = "meeting", _("meeting the handling prosecutor")
    FILE_REVIEW = "file_review", _("reviewing the case file")
    OPINIONS = "opinions", _("submitting defence or representation opinions")
    EVIDENCE = "evidence", _("applying for evidence to be collected")


class ReceptionSlot(models.Model):
    """A time the procuratorate receives lawyers for one purpose, with room for ``capacity``.

    ``booked`` counts the bookings holding a place. It only moves by conditional updates
    (``booked < capacity``) and the database refuses ``booked > capacity`` as well, so a slot is
    never overbooked, however many lawyers press "book" for its last place at once.
    """

    procuratorate = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="reception_slots",
        verbose_name=_("procuratorate"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("reception slot")
        verbose_name_plural = _("reception slots")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["procuratorate", "purpose", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")), name="lawyers_slot_never_overbooked"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="lawyers_slot_has_room"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="lawyers_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return self.capacity - self.booked


class Booking(Matter):
    """A lawyer's booking of a reception slot for a case they act in."""

    slot = models.ForeignKey(
        ReceptionSlot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    case = models.ForeignKey(
        ProcuratorateCase,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("case"),
    )
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("lawyer")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    request = models.TextField(_("what the lawyer asks for"), blank=True)
    reason = models.TextField(_("reason given to the lawyer"), blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    #: States in which the booking holds a place in its slot.
    HOLDING = frozenset({"requested", "confirmed", "attended", "no_show"})

    class Meta:
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")


# -- online file review -------------------------------------------------------------------------


class Authority(models.TextChoices):
    POWER_OF_ATTORNEY = "power_of_attorney", _("power of attorney")
    LEGAL_AID = "legal_aid", _("legal-aid appointment letter")


class FileReviewApplication(Matter):
    """A lawyer binding themself to a case for online file review, with the three papers the
    national service asks for (attachments of the matter, by purpose)."""

    case = models.ForeignKey(
        ProcuratorateCase,
        on_delete=models.PROTECT,
        related_name="file_reviews",
        verbose_name=_("case"),
    )
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="file_reviews", verbose_name=_("lawyer")
    )
    authority = models.CharField(_("authority"), max_length=20, choices=Authority.choices)
    client = models.CharField(_("acting for"), max_length=64)
    reason = models.TextField(_("reason given to the lawyer"), blank=True)

    class Meta:
        verbose_name = _("file-review application")
        verbose_name_plural = _("file-review applications")


class CaseFileRelease(models.Model):
    """A case-file document (a PDF attached to the case) that staff released for review by the
    case's lawyers of record. Withdrawing it keeps the row and stops every download at once."""

    case = models.ForeignKey(ProcuratorateCase, on_delete=models.PROTECT, related_name="releases")
    attachment = models.ForeignKey(
        "attachments.Attachment", on_delete=models.PROTECT, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), auto_now_add=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("released case-file document")
        verbose_name_plural = _("released case-file documents")
        ordering = ["released_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attachment"],
                condition=Q(withdrawn_at__isnull=True),
                name="lawyers_one_live_release_per_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.attachment_id}"


# -- plea leniency ------------------------------------------------------------------------------


class DutyAssignment(models.Model):
    """A duty lawyer on the roster of a procuratorate for one day, assigned by the judicial
    bureau of the same place."""

    procuratorate = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="duty_roster",
        verbose_name=_("procuratorate"),
    )
    day = models.DateField(_("day"))
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="duty_days", verbose_name=_("lawyer")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("duty-lawyer assignment")
        verbose_name_plural = _("duty-lawyer roster")
        ordering = ["day", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "day", "lawyer"], name="lawyers_duty_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.lawyer}"


class PleaSigning(models.Model):
    """Who was present when the suspect signed the plea statement (认罪认罚具结书), the
    sentencing recommendation, and the lawyer's opinion on it."""

    class Capacity(models.TextChoices):
        COUNSEL = "counsel", _("lawyer of record")
        DUTY = "duty", _("duty lawyer")

    class Position(models.TextChoices):
        AGREE = "agree", _("agrees")
        PARTLY = "partly", _("agrees in part")
        DISAGREE = "disagree", _("disagrees")

    case = models.ForeignKey(
        ProcuratorateCase, on_delete=models.PROTECT, related_name="plea_signings"
    )
    signed_at = models.DateTimeField(_("signed"))
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="plea_signings", verbose_name=_("lawyer")
    )
    capacity = models.CharField(_("present as"), max_length=8, choices=Capacity.choices)
    prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prosecutor present"),
    )
    recommendation = models.TextField(_("sentencing recommendation"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(
        _("lawyer's position"), max_length=8, choices=Position.choices, blank=True
    )
    opinion = models.TextField(_("lawyer's opinion"), blank=True)
    opinion_at = models.DateTimeField(_("opinion given"), null=True, blank=True)

    class Meta:
        verbose_name = _("plea-statement signing")
        verbose_name_plural = _("plea-statement signings")
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.signed_at:%Y-%m-%d}"


# -- practice-rights complaints -----------------------------------------------------------------


class Right(models.TextChoices):
    MEETING = "meeting", _("meeting")
    FILE_REVIEW = "file_review", _("file review")
    EVIDENCE = "evidence", _("evidence collection")
    OPINIONS = "opinions", _("submitting opinions")
    OTHER = "other", _("other")


class RightsComplaint(Matter):
    """A lawyer's complaint that a practice right was obstructed, and the procuratorate's
    finding, remedy and written reply."""

    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("lawyer")
    )
    right = models.CharField(_("right obstructed"), max_length=16, choices=Right.choices)
    facts = models.TextField(_("facts"))
    case_reference = models.CharField(_("case concerned"), max_length=100, blank=True)
    founded = models.BooleanField(_("founded"), null=True, blank=True)
    remedy = models.TextField(_("remedy"), blank=True)
    reply = models.TextField(_("written reply"), blank=True)
    replied_at = models.DateTimeField(_("reply sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice-rights complaint")
        verbose_name_plural = _("practice-rights complaints")
