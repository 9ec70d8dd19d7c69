"""The effects of a public-interest suit's steps (``workflows.py``): the procuratorate sues and
the court named becomes a partner of the case, so that it receives the suit in Liaison; the court
registers it under its own case number, records its hearing days and its judgment (the document
kept as an attachment of the case). Each runs inside the engine's step (``apply_transition``),
whose state check makes registering twice, or a judgment before the registration, a refusal that
changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from liaison.attachments.actions import attachment_upload
from liaison.core.access import Access
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation

from .models import JUDGMENT_PURPOSE as JUDGMENT_PURPOSE  # kept on the model's module
from .models import CourtHearing, PILCase


def suit_filed(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Keep the suit on the case and make the court named a partner of it (it sees the case
    from then on, ``case_parts.COURT_SIGHT``)."""
    court = data["court"]
    PILCase.objects.filter(pk=matter.pk).update(
        court=court, suit_filed_on=data["suit_filed_on"], claims=data["claims"]
    )
    MatterParty.objects.get_or_create(
        matter=matter, relation=Relation.PARTNER_ORG, organisation=court
    )


def suit_registered(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    PILCase.objects.filter(pk=matter.pk).update(
        judgment_number=data["court_case_number"], registered_on=data["registered_on"]
    )


def hearing_recorded(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    if access.user is None:
        raise WorkflowError("A hearing is recorded by a person.")
    CourtHearing.objects.create(
        case_id=matter.pk,
        held_on=data["held_on"],
        note=data.get("note", ""),
        recorded_by=access.user,
    )


def judgment_recorded(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    if access.user is None:
        raise WorkflowError("A judgment is recorded by a person.")
    ((file, _content_type),) = data["document"]
    document = attachment_upload(
        file=file, uploaded_by=access.user, matter=matter, purpose=JUDGMENT_PURPOSE
    )
    PILCase.objects.filter(pk=matter.pk).update(
        judgment_on=data["judgment_on"],
        judgment_outcome=data["judgment_outcome"],
        judgment_summary=data["judgment_summary"],
        judgment_document=document,
    )
