"""``attachment_upload``: checked, hashed, stored under a random name, audited."""

import hashlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.attachments.actions import attachment_upload
from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord

from .conftest import EXE, image_bytes, pdf_bytes, upload
from .helpers import make_user

pytestmark = pytest.mark.django_db


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_upload_stores_under_a_random_name_and_keeps_the_original(_media) -> None:
    person = make_user()
    content = image_bytes("PNG")
    attachment = attachment_upload(
        file=upload("河道排污现场照片.png", content), uploaded_by=person, purpose="evidence"
    )
    attachment.refresh_from_db()
    assert attachment.original_name == "河道排污现场照片.png"
    assert attachment.content_type == "image/png"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.purpose == "evidence" and attachment.matter is None
    now = timezone.now()
    assert re.fullmatch(
        rf"attachments/{now:%Y}/{now:%m}/[0-9a-f]{{32}}\.png", str(attachment.file.name)
    )
    (stored,) = _stored_files(_media)
    assert stored.read_bytes() == content
    record = AuditRecord.objects.get(action="attachments.upload")
    assert record.actor == person and record.object_id == str(attachment.pk)
    assert record.payload["sha256"] == attachment.sha256


def test_the_stored_extension_follows_the_content_not_the_name(_media) -> None:
    attachment = attachment_upload(
        file=upload("scan.jpg", image_bytes("PNG")), uploaded_by=make_user()
    )
    assert str(attachment.file.name).endswith(".png")
    assert attachment.original_name == "scan.jpg"


def test_a_path_in_the_name_is_dropped(_media) -> None:
    file = upload("x.pdf", pdf_bytes())
    file.name = "C:\\Users\\张三\\Desktop\\检察建议.pdf"
    attachment = attachment_upload(file=file, uploaded_by=make_user())
    assert attachment.original_name == "检察建议.pdf"


def test_a_long_name_is_cut_keeping_its_extension(_media) -> None:
    attachment = attachment_upload(
        file=upload("长" * 300 + ".pdf", pdf_bytes()), uploaded_by=make_user()
    )
    assert len(attachment.original_name) == 255 and attachment.original_name.endswith(".pdf")


def test_a_refused_file_leaves_nothing_behind(_media) -> None:
    with pytest.raises(ValidationError):
        attachment_upload(file=upload("photo.jpg", EXE), uploaded_by=make_user())
    assert not Attachment.objects.exists()
    assert not AuditRecord.objects.filter(action="attachments.upload").exists()
    assert _stored_files(_media) == []


def test_a_failed_database_write_removes_the_stored_file(_media, monkeypatch) -> None:
    import liaison.attachments.actions as actions

    def broken_audit(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(actions, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        attachment_upload(file=upload("a.pdf", pdf_bytes()), uploaded_by=make_user())
    assert _stored_files(_media) == []


def test_files_stored_in_a_block_that_fails_are_removed_and_kept_when_it_succeeds(_media) -> None:
    from django.db import transaction

    from liaison.attachments.actions import files_removed_on_failure

    person = make_user()
    with pytest.raises(RuntimeError), files_removed_on_failure() as stored, transaction.atomic():
        stored.append(attachment_upload(file=upload("一.png", image_bytes()), uploaded_by=person))
        raise RuntimeError("the matter could not be opened")
    assert _stored_files(_media) == [] and not Attachment.objects.exists()
    with files_removed_on_failure() as stored:
        stored.append(attachment_upload(file=upload("二.png", image_bytes()), uploaded_by=person))
    assert len(_stored_files(_media)) == 1
