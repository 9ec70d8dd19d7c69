"""Matters and everything the engine keeps about them: parties, timeline, clocks, case numbers.

Every piece of cooperative work is a ``Matter``. A mechanism's own model inherits from it
(multi-table inheritance) and adds its fields; the state, version, owner, case number, parties,
timeline and clocks live here so that queues ("my work") and figures span every matter type
with one query.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.orgs.roles import Role

if TYPE_CHECKING:
    from .definitions import Workflow


class Relation(models.TextChoices):
    """How an organisation or person stands to a matter; transitions name these."""

    OWNER_ORG = "owner_org", _("owner organisation")
    PARTNER_ORG = "partner_org", _("partner organisation")
    HANDLER = "handler", _("handler")
    REPORTER = "reporter", _("reporter")
    PARTICIPANT = "participant", _("participant")
    APPLICANT = "applicant", _("applicant")
    SUPERVISOR = "supervisor", _("supervisor")
    COUNSEL = "counsel", _("lawyer of record")


#: The relations a person holds personally (not through an organisation); each lets the person see
#: the matter. A participant is someone invited to take part, e.g. in a hearing; an applicant is
#: the person who asked for the matter (a lawyer's booking, file review or complaint).
PERSONAL_RELATIONS = (
    Relation.HANDLER,
    Relation.REPORTER,
    Relation.PARTICIPANT,
    Relation.APPLICANT,
)

#: Personal relations that give *no* sight of the matter's own page: the person follows the
#: matter from outside and sees only the page its mechanism shows them (``Workflow.outside_pages``).
#: A volunteer who supervises a public-interest case's rectification files on-site observations
#: and reads what the agency must correct, but never the investigation file, the clue and its
#: reporter, or the internal timeline. The relation may still be named in a ``Who``.
#: A lawyer of record (``COUNSEL``) follows a case the same way: they read its procedural events
#: (``Workflow.readings``) on the page the lawyers' mechanism shows them, never the case file.
OUTSIDE_RELATIONS = (Relation.SUPERVISOR, Relation.COUNSEL)


class Matter(models.Model):
    """One piece of cooperative work, moved only by ``workflow.actions.transition``."""

    matter_type = models.CharField(_("matter type"), max_length=64, editable=False)
    workflow_version = models.PositiveSmallIntegerField(default=1, editable=False)
    state = models.CharField(_("state"), max_length=32, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    owner = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_matters",
        verbose_name=_("owner organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    urgent = models.BooleanField(
        _("urgent"), default=False, help_text=_("Urgent matters run on the shorter periods.")
    )
    case_number = models.CharField(
        _("case number"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    case_year = models.PositiveSmallIntegerField(null=True, editable=False)
    case_seq = models.PositiveIntegerField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    #: A step of the matter awaits approval (``approvals.py``): no other step may be taken until
    #: it is approved or returned. Kept on the row so that a step, the page and "my work" know
    #: without asking the approval requests.
    awaiting_approval = models.BooleanField(_("awaiting approval"), default=False, editable=False)

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        indexes = [
            # Queues by organisation, type and state (triage, "my work"), and within them by
            # the day reported: a date range and the oldest first read from the index.
            models.Index(
                fields=["owner", "matter_type", "state", "created_at"],
                name="workflow_matter_queue_idx",
            ),
            models.Index(fields=["matter_type", "state"]),
            models.Index(fields=["-updated_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "matter_type", "case_year", "case_seq"],
                name="workflow_matter_unique_case_seq",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_number or '#' + str(self.pk)} {self.title}"

    @property
    def workflow(self) -> "Workflow":
        from .registry import get_workflow

        return get_workflow(self.matter_type)

    @property
    def state_label(self) -> str:
        return str(self.workflow.state_label(self.state))

    @property
    def is_closed(self) -> bool:
        return self.state in self.workflow.final_states

    def concrete(self) -> "Matter":
        """The mechanism's own instance (e.g. an ``InformationNotice``) for this matter."""
        model = self.workflow.model_class()
        if isinstance(self, model):
            return self
        return model.objects.get(pk=self.pk)


class MatterParty(models.Model):
    """An organisation or a person standing to a matter in a relation."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="parties")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [
            models.Index(fields=["organisation", "relation", "matter"]),
            models.Index(fields=["person", "relation", "matter"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, person__isnull=True)
                    | models.Q(organisation__isnull=True, person__isnull=False)
                ),
                name="workflow_party_org_xor_person",
            ),
            models.UniqueConstraint(
                fields=["matter", "relation", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="workflow_party_unique_org",
            ),
            models.UniqueConstraint(
                fields=["matter", "relation", "person"],
                condition=models.Q(person__isnull=False),
                name="workflow_party_unique_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.organisation or self.person}"


class Invitation(models.Model):
    """A person asked to take part in a matter (a hearing, a petition), and what became of it:
    invited, then accepted or declined (or withdrawn by whoever invited them), then, once the
    matter has taken place, attended or absent. While it is live (invited or accepted, and for
    a workflow whose invitees may change their minds, declined) the person holds ``relation``
    to the matter as a ``MatterParty``. Changed only through ``workflow/invitations.py``; a
    mechanism keeps what is its own (a participant's role at a hearing, a lawyer's opinion) in
    a row linked one-to-one to this one."""

    class State(models.TextChoices):
        INVITED = "invited", _("not answered yet")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("invitation", "withdrawn")
        ATTENDED = "attended", pgettext_lazy("invitation", "attended")
        ABSENT = "absent", pgettext_lazy("invitation", "absent")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("person"),
    )
    relation = models.CharField(
        _("relation"), max_length=16, choices=Relation.choices, default=Relation.PARTICIPANT
    )
    state = models.CharField(
        _("answer"), max_length=16, choices=State.choices, default=State.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    attendance_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "person"], name="workflow_invitation_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["person", "state"])]

    def __str__(self) -> str:
        return f"{self.matter_id} · {self.person_id} · {self.state}"

    @property
    def attended(self) -> bool | None:
        """Whether they came, once recorded; None before."""
        if self.state == self.State.ATTENDED:
            return True
        if self.state == self.State.ABSENT:
            return False
        return None


class TimelineEvent(models.Model):
    """One entry of a matter's timeline. Append-only: a database trigger refuses updates and
    deletes (migration 0002), because the timeline is the record of what happened."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="timeline")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100)
    transition = models.CharField(max_length=64, blank=True)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["matter", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class Clock(models.Model):
    """A deadline running on a matter. The period is copied when the clock starts, so a later
    correction of the period table does not move a deadline already announced to a party."""

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        PAUSED = "paused", _("paused")
        STOPPED = "stopped", _("stopped")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="clocks")
    name = models.CharField(_("clock"), max_length=32)
    period_code = models.CharField(max_length=64)
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=16, choices=Unit.choices)
    remind_before_days = models.PositiveSmallIntegerField(default=3)
    started_on = models.DateField(_("started"))
    due_on = models.DateField(_("due"), db_index=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.RUNNING)
    paused_since = models.DateField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    stopped_on = models.DateField(null=True, blank=True)
    #: The day its reminder is due (``calculator.remind_day``), set whenever the clock starts,
    #: resumes or is extended, and cleared while it is paused or once it stops: the reminder
    #: job picks the clocks to remind with one indexed range, whatever the remind-before days.
    remind_on = models.DateField(_("remind on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline clock")
        verbose_name_plural = _("deadline clocks")
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(
                fields=["remind_on"],
                condition=models.Q(state="running", reminded_on__isnull=True),
                name="workflow_clock_to_remind_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "name"],
                condition=~models.Q(state="stopped"),
                name="workflow_one_live_clock_per_name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.due_on}"

    @property
    def label(self) -> str:
        spec = self.matter.workflow.clocks.get(self.name)
        return str(spec.label) if spec else self.name

    @property
    def met_in_time(self) -> bool | None:
        if self.stopped_on is None:
            return None
        return self.stopped_on <= self.due_on


class ClockExtension(models.Model):
    """An extension of a clock, with the reason the law requires to be recorded."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions")
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"+{self.amount} {self.unit}: {self.reason[:40]}"


class CaseNumberSequence(models.Model):
    """The last case number issued per organisation, type code and year. Incremented with an
    ``UPDATE … SET last_value = last_value + 1`` inside the opening transaction, so numbers never
    repeat, and never skip: a rolled-back opening rolls back its increment too."""

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE)
    type_code = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "type_code", "year"], name="workflow_unique_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.type_code}/{self.year}: {self.last_value}"


class ApprovalRule(models.Model):
    """Who approves a step in this organisation and the organisations below it (unless one of
    them configures its own): its ``levels``, in order. Without a rule, the step's declared
    default applies (``Approval.default_approvers``)."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="approval_rules",
        verbose_name=_("organisation"),
    )
    matter_type = models.CharField(_("matter type"), max_length=64)
    step = models.CharField(_("step"), max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("approval rule")
        verbose_name_plural = _("approval rules")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "matter_type", "step"],
                name="workflow_one_approval_rule_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.matter_type}.{self.step}"


class ApprovalLevel(models.Model):
    """One level of an ``ApprovalRule``: a holder of ``role`` in the matter's owner approves."""

    rule = models.ForeignKey(ApprovalRule, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveSmallIntegerField(_("order"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("approval level")
        verbose_name_plural = _("approval levels")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "position"], name="workflow_level_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.role}"


class ApprovalRequest(models.Model):
    """A step submitted for approval, with the input it was taken with (``data``) and the
    levels that approve it, copied when it is submitted (a rule changed later does not move a
    request already on its way). Decided through ``approvals.py`` only."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", pgettext_lazy("approval", "approved")
        RETURNED = "returned", _("returned with comments")
        WITHDRAWN = "withdrawn", pgettext_lazy("approval", "withdrawn by the submitter")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="approvals")
    step = models.CharField(_("step"), max_length=64)
    data = models.JSONField(default=dict, blank=True)
    levels = models.JSONField(default=list)
    level = models.PositiveSmallIntegerField(default=0)
    #: The role of the level that must approve now ("" once decided): what "my work" asks.
    current_role = models.CharField(max_length=32, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    #: Who approved each level so far: [{"level", "role", "user", "name", "at"}].
    approved = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["state", "current_role", "matter"])]
        constraints = [
            models.UniqueConstraint(
                fields=["matter"],
                condition=models.Q(state="pending"),
                name="workflow_one_pending_approval",
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}.{self.step}: {self.state}"
