"""Recording and correcting publicity events, each audited. An event is a record, not a
matter (``models.py``), so these are plain actions in one durable transaction, not steps.

Who may: staff of the recording organisation (recording), staff of any organising
organisation (correcting, ``selectors.may_edit``). Partners are organisations the recording one
works with; participants are staff of the organisers; the agreement, if any, is one the user
sees and the recording organisation is party to. Anything else is refused with a message and
nothing is stored (files included: ``core.transactions.durable``).

An event is a record of something that took place (``models.py``: there are no planned
events, nothing to announce or await), so its date is today or before: a future date is refused
(``FUTURE_EVENT``), whether recorded or corrected. A coming lecture is recorded once held."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachments_upload
from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.workflow.errors import TransitionForbidden, WorkflowError

from .models import MATERIAL_PURPOSE, EventKind, PublicityEvent
from .selectors import agreement_choices, may_edit, partners_of, staff_of

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.agreements.models import Agreement


FUTURE_EVENT = _("An event is recorded once it has taken place: its date cannot be in the future.")


def held_in_the_past(day: date) -> bool:
    """Whether an event held on ``day`` has taken place (today counts), in the local day."""
    return day <= timezone.localdate()


@dataclass
class EventFields:
    """What a user types about an event (the form's cleaned data, or the demo's)."""

    kind: str
    title: str
    held_on: date
    place: str
    organiser: Organisation
    partners: Sequence[Organisation] = ()
    participants_text: str = ""
    participants: Sequence[User] = ()
    audience: int = 0
    agreement: Agreement | None = None
    files: Sequence[Any] = field(default_factory=list)


def _checked(access: Access, fields: EventFields) -> None:
    if fields.kind not in EventKind.values:
        raise WorkflowError(_("Choose the kind of event."))
    if not held_in_the_past(fields.held_on):
        raise WorkflowError(FUTURE_EVENT)
    if fields.audience is None or fields.audience < 0:
        raise WorkflowError(_("The audience is a number of people, zero or more."))
    partners = {p.pk for p in fields.partners} - {fields.organiser.pk}
    if partners - set(partners_of(fields.organiser).values_list("pk", flat=True)):
        raise WorkflowError(
            _(
                "Partners are organisations yours works with; ask your organisation's "
                "administrator to record the cooperation first."
            )
        )
    organisers = [fields.organiser.pk, *partners]
    allowed = set(
        staff_of(Organisation.objects.filter(pk__in=organisers)).values_list("pk", flat=True)
    )
    if {p.pk for p in fields.participants} - allowed:
        raise WorkflowError(_("Participants named from the list are staff of the organisers."))
    if fields.agreement is not None:
        from liaison.agreements.selectors import party_ids

        seen = agreement_choices(access).filter(pk=fields.agreement.pk).exists()
        if not seen or fields.organiser.pk not in party_ids(fields.agreement):
            raise WorkflowError(_("Choose an agreement your organisation is party to."))


def _apply(event: PublicityEvent, fields: EventFields) -> None:
    event.kind = fields.kind
    event.title = fields.title
    event.held_on = fields.held_on
    event.place = fields.place
    event.participants_text = fields.participants_text
    event.audience = fields.audience
    event.agreement = fields.agreement


def _snapshot(event: PublicityEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "title": event.title,
        "held_on": event.held_on.isoformat(),
        "place": event.place,
        "audience": event.audience,
        "agreement": event.agreement_id,
        "organisers": sorted(o.pk for o in event.organisers.all()),
        "participants": sorted(p.pk for p in event.participants.all()),
    }


def _store_material(event: PublicityEvent, user: User, files: Iterable[Any]) -> list[int]:
    stored = attachments_upload(files=[(f, MATERIAL_PURPOSE) for f in files], uploaded_by=user)
    event.material.add(*stored)
    return [a.pk for a in stored]


@durable
def event_record(*, access: Access, fields: EventFields) -> PublicityEvent:
    """Record an event held by ``fields.organiser`` (where the user is staff) and its partners."""
    if access.user is None or not access.is_staff_of(fields.organiser.pk):
        raise TransitionForbidden(
            _("An event is recorded by the staff of the organisation that held it.")
        )
    _checked(access, fields)
    event = PublicityEvent(organiser=fields.organiser, recorded_by=access.user)
    _apply(event, fields)
    event.full_clean()
    event.save()
    event.organisers.set([fields.organiser, *fields.partners])
    event.participants.set(fields.participants)
    files = _store_material(event, access.user, fields.files)
    audit_record(
        actor=access.user,
        action="publicity.event.record",
        obj=event,
        payload={**_snapshot(event), "material": files},
    )
    return event


@durable
def event_edit(*, access: Access, event: PublicityEvent, fields: EventFields) -> PublicityEvent:
    """Correct an event (staff of one of its organisers); new files are added to its material.
    The recording organisation stays the one that recorded it. The row is locked first, so two
    corrections at once are applied one after the other, never mixed."""
    locked = PublicityEvent.objects.select_for_update().get(pk=event.pk)
    if access.user is None or not may_edit(access, locked):
        raise TransitionForbidden(_("Only the organisers' staff correct an event."))
    fields.organiser = locked.organiser
    _checked(access, fields)
    before = _snapshot(locked)
    _apply(locked, fields)
    locked.full_clean()
    locked.save()
    locked.organisers.set([locked.organiser, *fields.partners])
    locked.participants.set(fields.participants)
    files = _store_material(locked, access.user, fields.files)
    audit_record(
        actor=access.user,
        action="publicity.event.edit",
        obj=locked,
        payload={"before": before, "after": _snapshot(locked), "material": files},
    )
    return locked


@durable
def material_remove(*, access: Access, event: PublicityEvent, attachment_id: int) -> None:
    """Take one file out of an event's material (kept in the store, as every attachment)."""
    locked = PublicityEvent.objects.select_for_update().get(pk=event.pk)
    if access.user is None or not may_edit(access, locked):
        raise TransitionForbidden(_("Only the organisers' staff correct an event."))
    attachment = locked.material.filter(pk=attachment_id).first()
    if attachment is None:
        raise WorkflowError(_("That file is not part of this event's material."))
    locked.material.remove(attachment)
    audit_record(
        actor=access.user,
        action="publicity.material.remove",
        obj=locked,
        payload={"attachment": attachment_id},
    )
