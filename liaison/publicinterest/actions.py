"""Reporting clues, transferring them, and looking at who reported one.

Every later change of a clue's state is a workflow transition (``workflows.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload
from liaison.audit.actions import audit_record
from liaison.core.access import SYSTEM, Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import procuratorate_for_division
from liaison.workflow.actions import apply_open
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, Relation

from .codes import new_query_code
from .images import strip_metadata
from .models import PHOTO_PURPOSE, Clue, Field, mask_mobile, mask_name
from .selectors import clue_for_submission, may_see_reporter
from .workflows import CLUE

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.attachments.models import Attachment
    from liaison.places.models import Division

PORTAL_USERNAME = "publicinterest-portal"
TITLE_EXCERPT = 40


class NoJurisdiction(WorkflowError):
    """No procuratorate on the platform covers the place: the clue cannot be routed."""

    def __init__(self, place: str) -> None:
        super().__init__(
            _(
                "No procuratorate on this platform handles %(place)s yet, so the clue cannot be "
                "sent here. Check the place, or call the procuratorate's 12309 service line."
            )
            % {"place": place}
        )


def portal_account() -> User:
    """The account under which photos of anonymous reports are stored (an attachment names its
    uploader). It cannot log in and belongs to no organisation."""
    from liaison.accounts.models import User

    user, _created = User.objects.get_or_create(
        username=PORTAL_USERNAME,
        defaults={
            "name": "公益诉讼线索举报平台",
            "is_active": False,
            "password": make_password(None),
        },
    )
    return user


def _unused_query_code() -> str:
    for _attempt in range(5):
        code = new_query_code()
        if not Clue.objects.filter(query_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused query code")  # pragma: no cover - 31^10 codes


def _title(field: Field, description: str) -> str:
    text = " ".join(description.split())
    excerpt = text if len(text) <= TITLE_EXCERPT else text[:TITLE_EXCERPT] + "…"
    return f"{field.name}：{excerpt}"


def clue_submit(
    *,
    submission_key: uuid.UUID,
    field: Field,
    description: str,
    division: Division,
    seen_on: date,
    anonymous: bool,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    coordinate_system: str = "",
    reporter_name: str = "",
    reporter_mobile: str = "",
    photos: Iterable[tuple[Any, str]] = (),
    reporter: User | None = None,
    **_: Any,
) -> tuple[Clue, bool]:
    """Store a clue from the public and send it to the procuratorate whose jurisdiction covers
    ``division``; returns the clue and whether it is new.

    A submission key already stored returns that clue unchanged (a phone that retried, a
    double tap), even when two copies arrive at once: the second loses on the unique key and
    answers with the first. A place no procuratorate covers raises ``NoJurisdiction`` before
    anything is stored. ``photos`` are (file, content type) pairs already checked by content;
    their metadata is stripped (``images.strip_metadata``) and only the stripped copy is kept.
    The reporter's name and mobile are kept only when the report is not anonymous; a logged-in
    reporter who is not anonymous also becomes the clue's reporter party (for "my clues").
    """
    existing = clue_for_submission(submission_key)
    if existing is not None:
        return existing, False
    owner = procuratorate_for_division(division.code)
    if owner is None:
        raise NoJurisdiction(place=division.full_name)
    person = reporter if reporter is not None and reporter.is_authenticated else None
    if anonymous:
        reporter_name, reporter_mobile, person = "", "", None
    fields = {
        "title": _title(field, description),
        "field": field,
        "description": description,
        "division": division,
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
        "coordinate_system": coordinate_system if latitude is not None else "",
        "seen_on": seen_on,
        "anonymous": anonymous,
        "reporter_name": reporter_name,
        "reporter_mobile": reporter_mobile,
        "query_code": _unused_query_code(),
        "submission_key": submission_key,
    }
    stored: list[Attachment] = []
    try:
        clue = _store(owner=owner, fields=fields, person=person, photos=photos, stored=stored)
    except (IntegrityError, ValidationError):
        # Another copy of this submission got in first: the model's unique check or, in a
        # closer race, the database's unique index refused this one.
        _discard(stored)
        existing = clue_for_submission(submission_key)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _discard(stored)
        raise
    return clue, True


@transaction.atomic(durable=True)
def _store(
    *,
    owner: Organisation,
    fields: dict[str, Any],
    person: User | None,
    photos: Iterable[tuple[Any, str]],
    stored: list[Attachment],
) -> Clue:
    clue = apply_open(
        workflow=CLUE,
        owner=owner,
        access=SYSTEM,
        fields=fields,
        reporters=[person] if person is not None else [],
        start="submit",
    )
    assert isinstance(clue, Clue)
    uploader = person or portal_account()
    for file, content_type in photos:
        stored.append(
            attachment_upload(
                file=strip_metadata(file, content_type),
                uploaded_by=uploader,
                matter=clue,
                purpose=PHOTO_PURPOSE,
            )
        )
    return clue


def _discard(attachments: list[Attachment]) -> None:
    """Remove the stored files of a submission whose transaction rolled back."""
    for attachment in attachments:
        attachment.file.delete(save=False)


def open_transferred_clue(*, clue: Matter, target: Organisation, reason: str = "") -> Clue:
    """Open, at ``target``, the clue that ``clue`` is transferred as: the same report, place,
    photos and reporter, under the target's own case number and assessment clock, linked back
    to ``clue``. Runs inside the ``transfer`` transition's transaction (its effect), so the
    transfer and the new clue commit together or not at all."""
    assert isinstance(clue, Clue)
    if target.pk == clue.owner_id or target.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("Transfer the clue to another procuratorate."))
    if not target.is_active:
        raise WorkflowError(_("This procuratorate no longer works on the platform."))
    copied = {
        name: getattr(clue, name)
        for name in (
            "title",
            "urgent",
            "field",
            "description",
            "division",
            "address",
            "latitude",
            "longitude",
            "coordinate_system",
            "seen_on",
            "anonymous",
            "reporter_name",
            "reporter_mobile",
        )
    }
    reporters = [
        party.person
        for party in clue.parties.filter(relation=Relation.REPORTER).select_related("person")
    ]
    new = apply_open(
        workflow=CLUE,
        owner=target,
        access=SYSTEM,
        fields={
            **copied,
            "transferred_from": clue,
            "query_code": _unused_query_code(),
            "submission_key": uuid.uuid4(),
        },
        reporters=reporters,
        start="submit",
        note=reason,
    )
    assert isinstance(new, Clue)
    for photo in clue.attachments.filter(purpose=PHOTO_PURPOSE).select_related("uploaded_by"):
        with photo.file.open("rb") as content:
            attachment_upload(
                file=File(content, name=photo.original_name),
                uploaded_by=photo.uploaded_by,
                matter=new,
                purpose=PHOTO_PURPOSE,
            )
    return new


@dataclass(frozen=True)
class ReporterIdentity:
    anonymous: bool
    name: str
    mobile: str


def masked_identity(clue: Clue) -> ReporterIdentity:
    """What everyone not entitled sees: 王** and 139****0000, or that the report is anonymous."""
    return ReporterIdentity(
        anonymous=clue.anonymous,
        name=mask_name(clue.reporter_name),
        mobile=mask_mobile(clue.reporter_mobile) if clue.reporter_mobile else "",
    )


def reporter_identity(*, clue: Clue, access: Access) -> ReporterIdentity:
    """Who reported ``clue``, for a clue officer of the procuratorate handling it.

    Every look is audited (``publicinterest.reporter.view``); a refused one too
    (``publicinterest.reporter.refused``), then ``TransitionForbidden`` with a clear message.
    """
    if not may_see_reporter(access, clue):
        audit_record(actor=access.user, action="publicinterest.reporter.refused", obj=clue)
        raise TransitionForbidden(
            _(
                "Only the clue officers of the procuratorate handling this clue may see who "
                "reported it."
            )
        )
    audit_record(
        actor=access.user,
        action="publicinterest.reporter.view",
        obj=clue,
        payload={"anonymous": clue.anonymous, "case_number": clue.case_number},
    )
    return ReporterIdentity(
        anonymous=clue.anonymous, name=clue.reporter_name, mobile=clue.reporter_mobile
    )
