"""Public-interest litigation: its fields (kept as data), the clues the public reports, the
cases accepted clues open, and the on-site observations of the agencies' rectification (the
procuratorial recommendations those cases serve on administrative agencies are
``liaison.recommendations``').

``Clue`` and ``PILCase`` are ``workflow.Matter``s (multi-table inheritance,
like the information notice): state, owner (the procuratorate), case number, parties, timeline
and clocks live in the engine's tables; what is particular to each lives here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from liaison.core.validators import validate_mobile
from liaison.workflow.models import Matter

from .codes import display_query_code

#: ``Attachment.purpose`` of a reporter's photos (staff may attach other files to a clue).
PHOTO_PURPOSE = "clue_photo"
#: ``Attachment.purpose`` of a reporter's short videos (their metadata boxes blanked, ``videos``).
VIDEO_PURPOSE = "clue_video"
#: What a reporter sends with a clue or an addition: photos and short videos.
REPORT_FILE_PURPOSES = (PHOTO_PURPOSE, VIDEO_PURPOSE)
#: ``Attachment.purpose`` of the photos of an on-site observation (stripped like a reporter's).
OBSERVATION_PHOTO_PURPOSE = "observation_photo"


class EvidenceKind(models.TextChoices):
    """What a file in a case's investigation file is: its ``Attachment.purpose``. The case page
    groups the file by these; any other purpose is listed as "other"."""

    SITE = "evidence_site", _("on-site inspection record or photo")
    DOCUMENT = "evidence_document", _("documentary evidence")
    TESTIMONY = "evidence_testimony", _("witness or party statement")
    EXPERT = "evidence_expert", _("expert opinion, test or monitoring report")
    OTHER = "evidence_other", _("other evidence")
    #: The suit brought before the court, and the evidence submitted with it: the files of the
    #: case the court sees (``case_parts.COURT_FILES``).
    SUIT = "suit_document", _("suit document (the statement of claim)")
    SUIT_EVIDENCE = "suit_evidence", _("evidence submitted to the court with the suit")


#: What a judgment document is for (``Attachment.purpose``), kept by the court's step.
JUDGMENT_PURPOSE = "publicinterest.judgment"


class Field(models.Model):
    """A public-interest field (领域): the statutory four and those later laws added. Rows, not
    code, because the list grows with each new law; an administrator adds the next one."""

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("A stable identifier for exports and figures, e.g. ecology."),
    )
    name = models.CharField(pgettext_lazy("field", "name"), max_length=64)
    name_en = models.CharField(pgettext_lazy("field", "English name"), max_length=128, blank=True)
    statutory = models.BooleanField(
        _("statutory field"),
        default=False,
        help_text=_(
            "One of the four fields the Civil Procedure and Administrative Litigation Laws name; "
            "the others were added by later laws."
        ),
    )
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive fields are no longer offered to reporters."),
    )

    class Meta:
        verbose_name = _("public-interest field")
        verbose_name_plural = _("public-interest fields")
        ordering = ["-statutory", "order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (Chinese unless the reader reads English)."""
        if self.name_en and (get_language() or "").lower().startswith("en"):
            return self.name_en
        return self.name


class CoordinateSystem(models.TextChoices):
    """GPS gives WGS-84; Chinese map services give GCJ-02 (DESIGN.md §6). A point without its
    system is off by hundreds of metres on the other kind of map, so the system is stored."""

    WGS84 = "wgs84", _("WGS-84 (GPS)")
    GCJ02 = "gcj02", _("GCJ-02 (Chinese maps)")


class ClueSource(models.TextChoices):
    """Where a clue came from, as it was when it came (a reporter may join a volunteer
    organisation later; the figures count what the clue was)."""

    PUBLIC = "public", _("reported by the public")
    VOLUNTEER = "volunteer", _("reported by a volunteer")
    TRANSFER = "transfer", _("transferred by another procuratorate")


class Clue(Matter):
    """A public-interest clue: what is wrong, where, when, and who (unless anonymous) says so."""

    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="clues", verbose_name=_("field")
    )
    description = models.TextField(_("what is wrong"))
    division = models.ForeignKey(
        "places.Division",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("administrative division"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    coordinate_system = models.CharField(
        _("coordinate system"), max_length=8, choices=CoordinateSystem.choices, blank=True
    )
    point_far_km = models.PositiveIntegerField(
        _("point's distance from the place (km)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the point lies far from the division named and the reporter confirmed "
            "both: the clue is routed by the division, and the triage queue flags it."
        ),
    )
    seen_on = models.DateField(_("seen on"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = models.CharField(_("reporter's name"), max_length=64, blank=True)
    reporter_mobile = models.CharField(
        _("reporter's mobile"), max_length=11, blank=True, validators=[validate_mobile]
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reported by (account)"),
        help_text=_(
            "The logged-in reporter who wrote this clue (not anonymous): of its reporters, the "
            "only one who reads its words; those who added to it or whose clue was merged "
            "into it read their own."
        ),
    )
    query_code = models.CharField(_("query code"), max_length=16, unique=True, editable=False)
    submission_key = models.UUIDField(
        _("submission key"),
        unique=True,
        editable=False,
        help_text=_("Made by the reporter's browser; a retried submission carries the same key."),
    )
    public_reason = models.TextField(
        _("reason given to the reporter"),
        blank=True,
        help_text=_("Shown on the progress page, e.g. why the clue was not accepted."),
    )
    transferred_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_to",
        verbose_name=_("transferred from"),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=ClueSource.choices, default=ClueSource.PUBLIC
    )
    case = models.ForeignKey(
        "PILCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
        verbose_name=_("case"),
        help_text=_("The case the clue was accepted into."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_clues",
        verbose_name=_("merged into"),
        help_text=_("The clue about the same problem that this one was merged into."),
    )

    class Meta:
        verbose_name = _("public-interest clue")
        verbose_name_plural = _("public-interest clues")
        indexes = [
            # The nearby check and the duplicate suggestions: same field, then a latitude band
            # (a range on the second column), the longitude read from the index itself.
            models.Index(
                fields=["field", "latitude", "longitude"], name="pil_clue_field_point_idx"
            ),
            # The same for clues without a point: same field and division.
            models.Index(fields=["field", "division"], name="pil_clue_field_division_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(reporter_name="", reporter_mobile=""),
                name="publicinterest_clue_anonymous_keeps_no_identity",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(reported_by__isnull=True),
                name="publicinterest_clue_anonymous_has_no_account",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | (
                    models.Q(latitude__isnull=False, longitude__isnull=False)
                    & ~models.Q(coordinate_system="")
                ),
                name="publicinterest_clue_point_is_whole",
            ),
        ]

    @property
    def query_code_display(self) -> str:
        return display_query_code(self.query_code)

    @property
    def photo_count(self) -> int:
        return self.attachments.filter(purpose__in=REPORT_FILE_PURPOSES).count()

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ClueAddition(models.Model):
    """ "I see this too": a further report of a problem already reported, added to the open clue
    about it instead of filed as a clue of its own (``actions.clue_add_to``).

    It carries what its reporter saw (description, photos and videos) and who they are, under
    the same rules as a clue: anonymous or named, the name seen only by the handling clue
    officers (audited). It has its own query code, which shows the clue's progress; the clue's
    other reporters never see it, nor it theirs.
    """

    clue = models.ForeignKey(
        Clue, on_delete=models.PROTECT, related_name="additions", verbose_name=_("clue")
    )
    description = models.TextField(_("what is wrong"))
    seen_on = models.DateField(_("seen on"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = models.CharField(_("reporter's name"), max_length=64, blank=True)
    reporter_mobile = models.CharField(
        _("reporter's mobile"), max_length=11, blank=True, validators=[validate_mobile]
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporter's account"),
    )
    query_code = models.CharField(_("query code"), max_length=16, unique=True, editable=False)
    submission_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    files = models.ManyToManyField(
        "attachments.Attachment", blank=True, related_name="+", verbose_name=_("photos and videos")
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("addition to a clue")
        verbose_name_plural = _("additions to clues")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(reporter_name="", reporter_mobile="", reporter__isnull=True),
                name="publicinterest_addition_anonymous_keeps_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clue_id}: {self.description[:40]}"

    @property
    def query_code_display(self) -> str:
        return display_query_code(self.query_code)


class CaseKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("administrative public-interest case")
    CIVIL = "civil", _("civil public-interest case")


class JudgmentOutcome(models.TextChoices):
    UPHELD = "upheld", _("claims upheld")
    PARTLY_UPHELD = "partly_upheld", _("claims partly upheld")
    DISMISSED = "dismissed", _("claims dismissed")
    MEDIATED = "mediated", _("settled by mediation")
    WITHDRAWN = "withdrawn", _("suit withdrawn after the defendant complied")


class PILCase(Matter):
    """A public-interest case, administrative or civil, opened when a clue is accepted.

    The kind is the matter type (``publicinterest.admin_case`` or ``publicinterest.civil_case``,
    see ``workflows.py``), not a column: the two kinds take different steps, number their cases
    with different codes, and a case does not change kind. ``kind`` reads it back.
    """

    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="cases", verbose_name=_("field")
    )
    division = models.ForeignKey(
        "places.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    facts = models.TextField(pgettext_lazy("public-interest case", "facts"))
    administrative_agency = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pil_cases",
        limit_choices_to={"kind": "administrative_agency"},
        verbose_name=_("responsible administrative agency"),
    )
    respondent = models.CharField(
        pgettext_lazy("public-interest case", "respondent"),
        max_length=200,
        blank=True,
        help_text=_("Who harmed the public interest (civil cases)."),
    )
    announcement = models.TextField(_("announcement"), blank=True)
    court = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "court"},
        verbose_name=_("court"),
    )
    suit_filed_on = models.DateField(_("suit filed on"), null=True, blank=True)
    claims = models.TextField(_("claims"), blank=True)
    #: The day the court registered the suit (立案) under its own case number,
    #: ``judgment_number`` (the name kept from when the prosecutor typed it with the judgment).
    registered_on = models.DateField(_("registered by the court on"), null=True, blank=True)
    judgment_on = models.DateField(_("judgment given on"), null=True, blank=True)
    judgment_number = models.CharField(_("court's case number"), max_length=64, blank=True)
    judgment_outcome = models.CharField(
        pgettext_lazy("judgment", "outcome"),
        max_length=16,
        choices=JudgmentOutcome.choices,
        blank=True,
    )
    judgment_summary = models.TextField(_("judgment"), blank=True)
    judgment_document = models.ForeignKey(
        "attachments.Attachment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judgment document"),
    )
    enforced_on = models.DateField(_("enforced on"), null=True, blank=True)
    conclusion = models.TextField(
        pgettext_lazy("public-interest case", "conclusion"),
        blank=True,
        help_text=_("Why and how the case was closed."),
    )

    class Meta:
        verbose_name = _("public-interest case")
        verbose_name_plural = _("public-interest cases")

    @property
    def kind(self) -> str:
        from .workflows import CIVIL_CASE

        return CaseKind.CIVIL if self.matter_type == CIVIL_CASE.name else CaseKind.ADMINISTRATIVE

    @property
    def is_administrative(self) -> bool:
        return self.kind == CaseKind.ADMINISTRATIVE

    def get_kind_display(self) -> str:
        return str(CaseKind(self.kind).label)


class CourtHearing(models.Model):
    """A hearing day the court recorded on a suit it registered (``suit_actions``)."""

    case = models.ForeignKey(
        PILCase, on_delete=models.PROTECT, related_name="court_hearings", verbose_name=_("case")
    )
    held_on = models.DateField(_("hearing day"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("court hearing")
        verbose_name_plural = _("court hearings")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.held_on}"


class ReplyOutcome(models.TextChoices):
    """How an agency answers a pre-litigation recommendation (``recommending.PRE_LITIGATION``
    says how each counts in the adoption rate)."""

    RECTIFIED = "rectified", _("rectified")
    RECTIFYING = "rectifying", _("rectification under way")
    DISAGREES = "disagrees", _("does not accept the recommendation")


class Finding(models.TextChoices):
    RECTIFIED = "rectified", _("rectified")
    PARTLY = "partly", _("partly rectified")
    NOT_RECTIFIED = "not_rectified", _("not rectified")


class Review(models.TextChoices):
    """Whether an observation counts. Those handling the case count at once; a volunteer
    supervisor's report waits for one of them to accept it (or not, with the reason the
    supervisor reads), so that a report nobody has read neither closes a case nor earns points."""

    PENDING = "pending", _("awaiting review")
    ACCEPTED = "accepted", pgettext_lazy("supervision report", "accepted")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("supervision report", "not accepted")


class Observation(models.Model):
    """What someone saw on site while the rectification was followed up, with photos (their
    metadata stripped as a reporter's are). Filed through
    ``supervision_actions.observation_file``; a volunteer supervisor's report is reviewed through
    ``supervision_actions.observation_review``."""

    case = models.ForeignKey(
        PILCase, on_delete=models.PROTECT, related_name="observations", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("observer"),
    )
    observed_on = models.DateField(_("observed on"))
    finding = models.CharField(_("finding"), max_length=16, choices=Finding.choices)
    note = models.TextField(_("what was seen"))
    photos = models.ManyToManyField(
        "attachments.Attachment", blank=True, related_name="+", verbose_name=_("photos")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    review = models.CharField(
        pgettext_lazy("supervision report", "review"),
        max_length=16,
        choices=Review.choices,
        default=Review.ACCEPTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(
        _("reason given to the supervisor"),
        blank=True,
        help_text=_("Why the report was not accepted; the supervisor reads it."),
    )

    class Meta:
        verbose_name = _("on-site observation")
        verbose_name_plural = _("on-site observations")
        ordering = ["-observed_on", "-id"]
        indexes = [
            models.Index(fields=["case", "observed_on"]),
            models.Index(fields=["case", "review"], name="pil_observation_review_idx"),
            # Active volunteers: who filed what in the last days.
            models.Index(fields=["created_at", "author"], name="pil_observation_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.observed_on} {self.get_finding_display()}"
