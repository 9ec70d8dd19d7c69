"""Storing and handing out attachments."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.batching import rows_batched
from liaison.core.transactions import file_stored

from .images import PHOTO_TYPES, strip_metadata
from .models import Attachment
from .validators import EXTENSIONS, base_name, file_size, validate_upload

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.core.access import Access

NAME_MAX = 255
#: The purpose of a file attached on a matter's page: the client never chooses one. Mechanisms
#: that need another (a recommendation's document, a case's evidence) set it in their actions.
MATTER_PAGE_PURPOSE = ""


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _original_name(file: Any, content_type: str) -> str:
    """The sender's file name, cut to fit while keeping its extension."""
    name = base_name(getattr(file, "name", "") or "").strip()
    if not name:
        name = f"file.{EXTENSIONS[content_type][0]}"
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        keep = NAME_MAX - len(ext) - 1
        name = f"{stem[:keep]}.{ext}" if dot and stem and keep > 0 else name[:NAME_MAX]
    return name


def attachment_upload(
    *, file: Any, uploaded_by: User, matter: Any = None, purpose: str = ""
) -> Attachment:
    """Check, hash and store an uploaded file, and audit it.

    Validation happens here, not only in the form, so that every way in (pages, API, imports)
    refuses the same files, and so does stripping: a photo is stored only as a copy without its
    GPS position and camera data (``images.strip_metadata``), never as sent. The file is stored
    under a random name with the extension of what it really is; if the database write fails
    the stored file is removed again.
    """
    (attachment,) = attachments_upload(
        files=[(file, purpose)], uploaded_by=uploaded_by, matter=matter
    )
    return attachment


def attachments_upload(
    *, files: Iterable[tuple[Any, str]], uploaded_by: User, matter: Any = None
) -> list[Attachment]:
    """``attachment_upload`` for several files at once, each given with its purpose: every one
    is checked, stripped and stored as that function does; their rows are written with one
    statement and their audit records with another (or with the enclosing
    ``core.batching.rows_batched`` block's). If anything fails, no file stays in the store.

    A refused file raises before any statement is sent (the caller's transaction stays
    usable); the rows are written in the caller's transaction, or one of their own, without
    a savepoint."""
    attachments = files_stored(files=files, uploaded_by=uploaded_by)
    return attachment_rows_insert(attachments, uploaded_by=uploaded_by, matter=matter)


def files_stored(*, files: Iterable[tuple[Any, str]], uploaded_by: User) -> list[Attachment]:
    """The first half of ``attachments_upload``: each file checked, stripped, hashed and in the
    store, its row built but not written (``attachment_rows_insert`` writes them). No statement
    is sent: an action that stores a matter and its files does this before it takes any lock
    (the public clue's case number), so that the image work is not done while others wait.
    If one file fails, none of the others stays in the store."""
    attachments: list[Attachment] = []
    try:
        for file, purpose in files:
            attachments.append(
                _stored_file(file, uploaded_by=uploaded_by, matter=None, purpose=purpose)
            )
    except BaseException:
        _remove_stored(attachments)
        raise
    return attachments


def _remove_stored(attachments: list[Attachment]) -> None:
    """Take the files of rows never written out of the store again."""
    for attachment in attachments:
        attachment.file.delete(save=False)


def attachment_rows_insert(
    attachments: list[Attachment], *, uploaded_by: User, matter: Any = None
) -> list[Attachment]:
    """Write the rows of files ``files_stored`` put in the store, on ``matter``, with their
    audit records; if the write fails, the files are removed from the store."""
    if not attachments:
        return attachments
    try:
        with transaction.atomic(savepoint=False), rows_batched():
            for attachment in attachments:
                attachment.matter = matter
            Attachment.objects.bulk_create(attachments)
            for attachment in attachments:
                audit_record(
                    actor=uploaded_by,
                    action="attachments.upload",
                    obj=attachment,
                    payload={
                        "name": attachment.original_name,
                        "content_type": attachment.content_type,
                        "size": attachment.size,
                        "sha256": attachment.sha256,
                        "matter": getattr(matter, "pk", None),
                        "purpose": attachment.purpose,
                    },
                )
    except BaseException:
        _remove_stored(attachments)
        raise
    return attachments


def _stored_file(file: Any, *, uploaded_by: User, matter: Any, purpose: str) -> Attachment:
    """The unsaved row of ``file``, checked, stripped and hashed, its content already in the
    store under a random name."""
    if not isinstance(file, File):
        file = File(file, name=getattr(file, "name", None))
    content_type = validate_upload(file)
    original_name = _original_name(file, content_type)
    if content_type in PHOTO_TYPES:
        file = strip_metadata(file, content_type)
    attachment = Attachment(
        matter=matter,
        original_name=original_name,
        content_type=content_type,
        size=file_size(file),
        sha256=_sha256(file),
        purpose=purpose,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS[content_type][0]}", file, save=False)
    file_stored(attachment.file)  # removed again if the action's transaction rolls back
    return attachment


def attachment_add_to_matter(
    *, matter: Any, access: Access, file: Any, purpose: str = MATTER_PAGE_PURPOSE
) -> Attachment:
    """A file someone attaches to a matter's page: only where the matter's workflow lets them
    attach in its present state (``workflow.selectors.may_attach``), else nothing is stored.
    ``purpose`` is the calling mechanism's to give (from its own choices), never the client's."""
    from liaison.workflow.errors import TransitionForbidden
    from liaison.workflow.selectors import may_attach

    if access.user is None or not may_attach(access, matter):
        raise TransitionForbidden(
            _("You may not attach files to this matter in its present state.")
        )
    return attachment_upload(file=file, uploaded_by=access.user, matter=matter, purpose=purpose)


@transaction.atomic
def attachment_record_download(*, attachment: Attachment, user: User) -> None:
    """Audit that someone fetched a file: evidence and reporters' photos are sensitive."""
    audit_record(
        actor=user,
        action="attachments.download",
        obj=attachment,
        payload={"name": attachment.original_name, "matter": attachment.matter_id},
    )
