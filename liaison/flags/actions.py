"""Raising a flag, and the effects of its steps (``workflows.FLAG``): the other side's answer and
the outcome kept on the flag. Every change of state is a workflow transition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from liaison.attachments.actions import attachments_upload
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.orgs.forms import NO_SEAT_CHOSEN
from liaison.orgs.models import Organisation
from liaison.workflow.actions import apply_transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import apply_open

from .forms import NO_GROUNDS, NO_KIND
from .models import Flag
from .selectors import NOT_A_SIDE, NOT_THE_OTHER_SIDE, Raising, raising_for
from .workflows import FLAG

#: The purpose of the evidence sent with a flag.
EVIDENCE_PURPOSE = "flag_evidence"


@durable
def flag_raise(
    *,
    access: Access,
    subject: Matter,
    kind: str,
    grounds: str,
    against: Organisation | None = None,
    evidence: list[tuple[Any, str]] | None = None,
    side: Organisation | None = None,
) -> Flag:
    """Flag ``subject`` as suspected false litigation or pension fraud, for the user's side
    (``side``: one of the matter's organisations where they are case staff, the only one when
    not given), to the other side (``against``: one of the matter's other organisations, the
    only one when not given), with the grounds and any evidence. Refused about a matter the
    user does not see or that no two organisations share, for a side that is not theirs or left
    unnamed among several, without grounds, or of an unknown kind."""
    subject = Matter.objects.select_for_update().get(pk=subject.pk)
    found = raising_for(access, subject)
    if not isinstance(found, Raising):
        raise TransitionForbidden(found)
    side = side or found.side
    if side is None:
        raise WorkflowError(NO_SEAT_CHOSEN)
    if side.pk not in {s.pk for s in found.sides}:
        raise TransitionForbidden(NOT_A_SIDE)
    others = found.others(side)
    if against is None and len(others) == 1:
        against = others[0]
    if against is None or against.pk not in {o.pk for o in others}:
        raise WorkflowError(NOT_THE_OTHER_SIDE)
    if kind not in Flag.Kind.values:
        raise WorkflowError(NO_KIND)
    if not grounds.strip():
        raise WorkflowError(NO_GROUNDS)
    flag = apply_open(
        workflow=FLAG,
        owner=side,
        access=access,
        fields={
            "title": f"{subject.case_number or ''} {subject.title}".strip()[:200],
            "subject": subject,
            "kind": kind,
            "grounds": grounds,
        },
        partners=[against],
        handlers=[access.user] if access.user is not None else [],
    )
    if evidence and access.user is not None:
        attachments_upload(
            files=[(file, EVIDENCE_PURPOSE) for file, _type in evidence],
            uploaded_by=access.user,
            matter=flag,
        )
    apply_transition(matter=flag, name="raise", access=access, just_opened=True)
    assert isinstance(flag, Flag)
    return flag


def _answer(matter: Matter, answer: str, note: str) -> None:
    Flag.objects.filter(pk=matter.pk).update(
        answer=answer, answer_note=note, answered_at=timezone.now()
    )


def record_acknowledged(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``acknowledge`` step's effect: the other side's answer kept on the flag."""
    _answer(matter, Flag.Answer.ACKNOWLEDGED, str(data.get("note", "")))


def record_disputed(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``dispute`` step's effect: the other side's answer and its reasons kept on the flag."""
    _answer(matter, Flag.Answer.DISPUTED, str(data.get("note", "")))


def record_outcome(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``close`` step's effect: what became of the flagged matter, kept on the flag."""
    Flag.objects.filter(pk=matter.pk).update(
        outcome=data["outcome"], outcome_note=data["note"], outcome_at=timezone.now()
    )
