"""The chief procurator at the court's adjudication committee (检察长列席审判委员会会议).

A ``CommitteeSession`` is a ``workflow.Matter`` owned by the court whose committee meets; the
procuratorate invited is its partner organisation (the engine's party, no field beside it), so
its staff see the session and its seniors answer. Who attends for it is the engine's
invitation (``workflow.Invitation``): the person the procuratorate names holds the participant
relation. The agenda is the session's own rows (``AgendaItem``), each naming the court's case
and, optionally, a Liaison matter both sides are party to, on whose timeline the opinion given
is recorded.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.workflow.models import Matter


class CommitteeSession(Matter):
    """A session of the court's adjudication committee to which a procuratorate is invited."""

    scheduled_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    notify_by = models.DateField(
        _("procuratorate told by"),
        editable=False,
        help_text=_("The last day on which the procuratorate can still be told of the session."),
    )
    #: Grows with every change of the agenda (an item added, edited or withdrawn), so the
    #: calendar event's SEQUENCE (the version plus this) grows without the agenda's changes
    #: making a step's page stale, as a version change would.
    agenda_changes = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("adjudication committee session")
        verbose_name_plural = _("adjudication committee sessions")
        indexes = [models.Index(fields=["scheduled_at"])]

    @property
    def day(self) -> date:
        """The session's day where the court sits (China's time), from which notice is counted."""
        return timezone.localtime(self.scheduled_at).date()

    @property
    def has_started(self) -> bool:
        """Once the session's time comes, its agenda is what the committee discusses: fixed."""
        return timezone.now() >= self.scheduled_at


class AgendaItem(models.Model):
    """A case on the session's agenda: the court's case number and what the committee discusses,
    the Liaison matter it concerns (a supervision case, a public-interest suit, a
    recommendation) if any, and once the session is held the opinion the procuratorate's
    attendee gave and the committee's decision."""

    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="committee_items"
    )
    court_case_number = models.CharField(_("court case number"), max_length=64)
    summary = models.TextField(_("what the committee discusses"))
    matter = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_agenda_items",
        verbose_name=_("linked matter"),
    )
    opinion = models.TextField(_("procuratorate's opinion"), blank=True)
    decision = models.TextField(_("committee's decision"), blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    #: A withdrawn item stays on the agenda, shown as withdrawn with the court's reason: the
    #: procuratorate was told of it and may have prepared it.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)
    #: Grows with each edit, so an edit made from a page showing an older item is refused
    #: rather than silently undoing the other one (``actions.agenda_item_edit``).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.court_case_number
