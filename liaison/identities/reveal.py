"""Who a private person on a matter is: masked for everyone, revealed to those entitled, and
every look audited.

A mechanism that keeps the identity of a private person on its matters (the reporter of a clue
and of each report added to it, the petitioner of a petition) registers a ``Subject`` for its
matter type in ``AppConfig.ready()``. Everything else is here, once: the masked view
(``masked``: 王** and 139****0000), the question whether this reader may look (``may_reveal``,
one named act), the audited look (``identity_reveal``), one view and one template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.masking import mask_id_number, mask_mobile, mask_name
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.models import Matter


@dataclass(frozen=True)
class Identity:
    """A private person as a page shows them: ``anonymous`` says they chose not to be named."""

    name: str = ""
    mobile: str = ""
    id_number: str = ""
    address: str = ""
    anonymous: bool = False


def masked(identity: Identity) -> Identity:
    """What everyone not entitled sees: 王**, 139****0000, 150***********0012, and no address."""
    return replace(
        identity,
        name=mask_name(identity.name),
        mobile=mask_mobile(identity.mobile) if identity.mobile else "",
        id_number=mask_id_number(identity.id_number) if identity.id_number else "",
        address="",
    )


@dataclass(frozen=True)
class Subject:
    """A private person a mechanism keeps on its matters of ``matter_type``.

    ``act`` names the permission asked (``see_reporter``), a named act of the matter type's
    workflow (``Workflow.acts``) which its policy answers; ``rule`` answers it instead only for
    a subject on a matter type that declares no such act. ``identity`` reads who they are from
    the matter, or from one of its ``items`` (a further report added to a clue), which ``item``
    finds by id on that matter (``None``: not one of its items). ``audit`` is the dotted prefix
    of the audit records (``.view``, ``.refused``), so the log reads as before. A subject with
    ``asks_reason`` is shown only to a reader who says why (kept in the audit record).
    """

    matter_type: str
    name: str
    act: str
    identity: Callable[[Any], Identity]
    audit: str
    label: Any
    show: Any
    refusal: Any
    rule: Callable[[Access, Any], bool] | None = None
    item: Callable[[Any, int], Any | None] | None = None
    asks_reason: bool = False


_SUBJECTS: dict[tuple[str, str], Subject] = {}


def register(*subjects: Subject) -> None:
    """Register subjects (from an ``AppConfig.ready()``). A subject with no ``rule`` must name
    an act its workflow declares, or nobody could ever see who they are."""
    from liaison.workflow.registry import get_workflow

    for subject in subjects:
        if subject.rule is None and subject.act not in get_workflow(subject.matter_type).acts:
            raise ValueError(f"{subject.matter_type} declares no act {subject.act!r}")
        key = (subject.matter_type, subject.name)
        if key in _SUBJECTS and _SUBJECTS[key] != subject:
            raise ValueError(f"{subject.matter_type} has a subject {subject.name!r} already")
        _SUBJECTS[key] = subject


def subject_for(matter: Matter, name: str) -> Subject:
    """The subject ``name`` of ``matter``'s type; ``LookupError`` if it has none."""
    try:
        return _SUBJECTS[(matter.matter_type, name)]
    except KeyError:
        raise LookupError(f"{matter.matter_type} has no subject {name!r}") from None


def may_reveal(access: Access, matter: Matter, subject: Subject) -> bool:
    """Whether this reader may see who ``subject`` is on ``matter``: the one question asked,
    by the page's button, the view and the action alike."""
    if subject.rule is not None:
        return subject.rule(access, matter)
    return matter.workflow.policy.may(access, matter, subject.act)


def identity_of(subject: Subject, matter: Matter, item: int | None = None) -> Identity:
    """Who ``subject`` is on ``matter`` (or on its item of id ``item``), unmasked and unaudited:
    for ``masked`` and ``identity_reveal`` only. ``LookupError`` if there is no such item."""
    if item is None:
        return subject.identity(matter)
    record = subject.item(matter, item) if subject.item is not None else None
    if record is None:
        raise LookupError(f"{matter!r} has no {subject.name} item {item}")
    return subject.identity(record)


class RevealRefused(TransitionForbidden):
    """Not entitled to look."""


class ReasonRequired(RevealRefused):
    """A look that must say why, and did not."""

    default_message = _("Say why you need to see who this is; your reason is kept with your look.")


def identity_reveal(
    *,
    access: Access,
    matter: Matter,
    subject: Subject,
    item: int | None = None,
    reason: str = "",
) -> Identity:
    """Who ``subject`` on ``matter`` (or on its item of id ``item``) is, unmasked;
    ``LookupError`` if ``matter`` has no such item.

    Every look is audited (``<subject.audit>.view``: who looked, at whose identity on which
    matter, and why if asked); a refused one too (``.refused``), then ``RevealRefused`` with
    the subject's clear message (``ReasonRequired`` if it asks why and
    was not told). Nothing else is written; each record is its own statement, so
    a refusal is kept although the caller turns it into an error.
    """
    identity = identity_of(subject, matter, item)
    payload: dict[str, Any] = {"subject": subject.name, "case_number": matter.case_number}
    if item is not None:
        payload["item"] = item
    reason = reason.strip()
    if reason:
        payload["reason"] = reason
    if not may_reveal(access, matter, subject):
        audit_record(
            actor=access.user, action=f"{subject.audit}.refused", obj=matter, payload=payload
        )
        raise RevealRefused(subject.refusal)
    if subject.asks_reason and not reason:
        raise ReasonRequired()
    audit_record(
        actor=access.user,
        action=f"{subject.audit}.view",
        obj=matter,
        payload={**payload, "anonymous": identity.anonymous},
    )
    return identity
