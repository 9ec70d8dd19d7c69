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
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role

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


def test_files_a_durable_action_stored_are_removed_when_it_fails_and_kept_when_it_commits(
    _media,
) -> None:
    """The engine's one rule for files (``core.transactions.durable``): whatever an action
    stored, through whichever helper, goes when its transaction does not commit."""
    from liaison.core.transactions import durable

    person = make_user()

    @durable
    def opens_then_fails() -> None:
        attachment_upload(file=upload("一.png", image_bytes()), uploaded_by=person)
        attachment_upload(file=upload("二.pdf", pdf_bytes()), uploaded_by=person)
        raise RuntimeError("the matter could not be opened")

    @durable
    def opens() -> Attachment:
        return attachment_upload(file=upload("三.png", image_bytes()), uploaded_by=person)

    with pytest.raises(RuntimeError):
        opens_then_fails()
    assert _stored_files(_media) == [] and not Attachment.objects.exists()
    kept = opens()
    assert _stored_files(_media) == [Path(kept.file.path)]


def test_a_step_that_fails_after_it_stored_a_file_leaves_no_file(_media) -> None:
    """For every mechanism, by the engine: a notice's acknowledge step whose reaction stored a
    file and whose next reaction then failed keeps neither the row nor the file."""
    from liaison.core.access import access_for
    from liaison.workflow import actions as engine
    from liaison.workflow.registry import react, unreact
    from liaison.workflow.tests.factories import sent_notice

    notice = sent_notice()
    officer = member(notice.parties.get(relation="partner_org").organisation, Role.JUDGE)

    def stores(matter, data, access):  # type: ignore[no-untyped-def]
        attachment_upload(file=upload("回执.pdf", pdf_bytes()), uploaded_by=officer, matter=matter)

    def fails(matter, data, access):  # type: ignore[no-untyped-def]
        raise RuntimeError("the reaction failed")

    react(notice.matter_type, "acknowledge", stores)
    react(notice.matter_type, "acknowledge", fails)
    try:
        with pytest.raises(RuntimeError):
            engine.transition(matter=notice, name="acknowledge", access=access_for(officer))
    finally:
        unreact(notice.matter_type, "acknowledge", stores)
        unreact(notice.matter_type, "acknowledge", fails)
    assert _stored_files(_media) == [] and not Attachment.objects.filter(matter=notice).exists()
    notice.refresh_from_db()
    assert notice.state == "sent"
