"""Opening a retrial case, its new evidence, and the effects of its steps
(``workflows.RETRIAL``). Every change of a case's state is a workflow transition; adding or
removing an item of evidence is the workflow's act ``edit_evidence`` (while drafted), put on the
timeline as an event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload, attachments_upload
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.workflow.actions import record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import add_parties, apply_open

from .models import EVIDENCE_PURPOSE, JUDGMENT_PURPOSE, NewEvidence, RetrialCase
from .selectors import courts_for
from .workflows import EDIT_EVIDENCE, EVIDENCE_ADDED, EVIDENCE_REMOVED, RETRIAL

NOT_A_PARTNER = _("Choose a court your procuratorate works with.")


@durable
def retrial_open(
    *,
    access: Access,
    owner: Organisation,
    kind: str,
    court: Organisation,
    original_judgment: str,
    title: str,
    grounds: str,
) -> RetrialCase:
    """Draft a protest or a retrial recommendation to ``court``: a court ``owner`` works
    with (an active cooperation), else refused. The court is named but not yet a partner: it
    sees nothing until the case is served. The prosecutor drafting it handles it."""
    if not courts_for(owner).filter(pk=court.pk).exists():
        raise WorkflowError(NOT_A_PARTNER)
    case = apply_open(
        workflow=RETRIAL,
        owner=owner,
        access=access,
        fields={
            "title": title,
            "kind": kind,
            "court": court,
            "original_judgment": original_judgment,
            "grounds": grounds,
        },
        handlers=[access.user] if access.user is not None else [],
    )
    assert isinstance(case, RetrialCase)
    return case


def _editable(access: Access, case: RetrialCase) -> RetrialCase:
    """The case locked, if the user may edit its evidence now (a draft not awaiting approval:
    what the approvers approve is what is served)."""
    locked = RetrialCase.objects.select_for_update(of=("matter_ptr",)).get(pk=case.pk)
    if (
        access.user is None
        or locked.awaiting_approval
        or not RETRIAL.policy.may(access, locked, EDIT_EVIDENCE)
    ):
        raise TransitionForbidden(
            _("New evidence is added or removed only while the case is drafted.")
        )
    return locked


@durable
def evidence_add(
    *,
    access: Access,
    case: RetrialCase,
    description: str,
    proves: str,
    files: Iterable[tuple[Any, str]] = (),
) -> NewEvidence:
    """Add an item of new evidence with its files to a drafted case."""
    locked = _editable(access, case)
    assert access.user is not None
    item = NewEvidence.objects.create(
        case=locked, description=description, proves=proves, added_by=access.user
    )
    stored = attachments_upload(
        files=[(file, EVIDENCE_PURPOSE) for file, _type in files],
        uploaded_by=access.user,
        matter=locked,
    )
    item.files.set(stored)
    record_event(matter=locked, access=access, action=EVIDENCE_ADDED, note=description[:200])
    return item


@durable
def evidence_remove(*, access: Access, case: RetrialCase, item: NewEvidence) -> None:
    """Take an item off a drafted case (its files stay in the case's file, as every upload
    does)."""
    locked = _editable(access, case)
    if item.case_id != locked.pk:
        raise WorkflowError(_("No such item of evidence on this case."))
    note = item.description[:200]
    item.delete()
    record_event(matter=locked, access=access, action=EVIDENCE_REMOVED, note=note)


def served(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``serve`` step's effect (after approval): the court named becomes a partner and
    sees the case from now on (``workflows.COURT_SIGHT``)."""
    case = RetrialCase.objects.select_related("court").get(pk=matter.pk)
    if not case.court.is_active:
        raise WorkflowError(_("The court is no longer active in Liaison."))
    add_parties(matter=matter, partners=[case.court])


def evidence_assessed(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``assess`` step's effect: each item's decision and reasons. The form required one
    for every item; an item added since the form was read cannot exist (items change only in
    a draft)."""
    now = timezone.now()
    items = list(NewEvidence.objects.filter(case_id=matter.pk))
    for item in items:
        decision = data.get(f"decision_{item.pk}")
        if decision is None:
            raise WorkflowError(_("Decide every item of new evidence."))
        item.accepted = decision == "accepted"
        item.reasons = data.get(f"reasons_{item.pk}", "")
        item.decided_at = now
    NewEvidence.objects.bulk_update(items, ["accepted", "reasons", "decided_at"])


def judgment_recorded(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    if access.user is None:
        raise WorkflowError("A judgment is recorded by a person.")
    ((file, _content_type),) = data["document"]
    document = attachment_upload(
        file=file, uploaded_by=access.user, matter=matter, purpose=JUDGMENT_PURPOSE
    )
    RetrialCase.objects.filter(pk=matter.pk).update(
        outcome=data["outcome"],
        judgment_on=data["judgment_on"],
        judgment_summary=data["judgment_summary"],
        judgment_document=document,
    )
