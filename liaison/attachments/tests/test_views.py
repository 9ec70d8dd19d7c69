"""Upload to and download from a matter, as the workflow's visibility rule allows."""

import io
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from PIL import Image

from liaison.attachments.actions import attachment_upload
from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role

from .conftest import EXE, image_bytes, pdf_bytes, upload
from .helpers import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """A notice from a procuratorate to a court: its prosecutor and the court's judge see it."""
    from liaison.workflow.tests.factories import court, sent_notice

    procuratorate, the_court = make_organisation(), court()
    prosecutor = member(procuratorate, Role.PROSECUTOR)
    judge = member(the_court, Role.JUDGE)
    outsider = member(make_organisation(), Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    return notice, prosecutor, judge, outsider


def _upload_url(matter) -> str:
    return reverse("attachments:upload", args=[matter.pk])


def test_upload_to_a_visible_matter(client, case) -> None:
    matter, prosecutor, _judge, _outsider = case
    client.force_login(prosecutor)
    response = client.post(_upload_url(matter), {"file": upload("现场照片.png", image_bytes())})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:matter", args=[matter.pk])
    attachment = Attachment.objects.get()
    assert attachment.matter_id == matter.pk
    assert attachment.uploaded_by == prosecutor and attachment.purpose == ""
    page = client.get(response["Location"])
    assert "现场照片.png" in page.content.decode()


def _photo_with_gps() -> bytes:
    """A JPEG as a phone writes it: where it was taken and which camera took it."""
    image = Image.new("RGB", (32, 24), (10, 120, 40))
    exif = image.getexif()
    exif[0x010F], exif[0x0110] = "TestPhone", "Model X"  # Make, Model
    exif[0x8825] = {1: "N", 2: (39.0, 49.0, 12.0), 3: "E", 4: (109.0, 46.0, 30.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_uploaded_to_a_matter_loses_its_place_and_camera(client, case) -> None:
    matter, prosecutor, _judge, _outsider = case
    original = _photo_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert 0x8825 in image.getexif()  # the fixture really carries a place
    client.force_login(prosecutor)
    client.post(_upload_url(matter), {"file": upload("现场.jpg", original)})
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert image.format == "JPEG" and image.size == (32, 24)
    assert not {0x8825, 0x010F, 0x0110} & set(exif) and b"TestPhone" not in data
    assert attachment.size == len(data) and attachment.original_name == "现场.jpg"


def test_the_client_cannot_choose_what_a_file_is_for(client, case) -> None:
    """A purpose posted with the file is ignored: mechanisms give their files a purpose in
    their own actions (a recommendation's document, a case's evidence), never the client."""
    matter, prosecutor, _judge, _outsider = case
    client.force_login(prosecutor)
    client.post(
        _upload_url(matter),
        {"file": upload("a.pdf", pdf_bytes()), "purpose": "recommendation_document"},
    )
    assert Attachment.objects.get().purpose == ""


def test_upload_to_a_matter_one_cannot_see_is_not_found(client, case) -> None:
    matter, _prosecutor, _judge, outsider = case
    client.force_login(outsider)
    response = client.post(_upload_url(matter), {"file": upload("a.pdf", pdf_bytes())})
    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_a_refused_upload_says_why(client, case) -> None:
    matter, _prosecutor, judge, _outsider = case
    client.force_login(judge)
    response = client.post(_upload_url(matter), {"file": upload("照片.jpg", EXE)})
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    errors = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(errors) == 1 and "照片.jpg" in errors[0]


def test_upload_needs_post_and_login(client, case) -> None:
    matter, prosecutor, _judge, _outsider = case
    assert client.post(_upload_url(matter)).status_code == 302  # to the login page
    client.force_login(prosecutor)
    assert client.get(_upload_url(matter)).status_code == 405


def test_download_with_the_original_chinese_name_audited(client, case) -> None:
    matter, prosecutor, judge, _outsider = case
    content = pdf_bytes()
    attachment = attachment_upload(
        file=upload("检察建议书 2025.pdf", content), uploaded_by=prosecutor, matter=matter
    )
    client.force_login(judge)
    response = client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('检察建议书 2025.pdf')}" in disposition
    assert AuditRecord.objects.filter(
        action="attachments.download", actor=judge, object_id=str(attachment.pk)
    ).exists()


def test_download_by_someone_who_cannot_see_the_matter_is_not_found(client, case) -> None:
    matter, prosecutor, _judge, outsider = case
    attachment = attachment_upload(
        file=upload("a.pdf", pdf_bytes()), uploaded_by=prosecutor, matter=matter
    )
    client.force_login(outsider)
    assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert (
        client.get(reverse("attachments:download", args=[attachment.pk + 999])).status_code == 404
    )
    assert not AuditRecord.objects.filter(action="attachments.download").exists()


def test_a_loose_upload_is_only_for_its_uploader(client) -> None:
    owner, other = make_user(), make_user()
    attachment = attachment_upload(file=upload("a.pdf", pdf_bytes()), uploaded_by=owner)
    url = reverse("attachments:download", args=[attachment.pk])
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_admin_shows_attachments_read_only(client, case) -> None:
    matter, prosecutor, _judge, _outsider = case
    attachment = attachment_upload(
        file=upload("a.pdf", pdf_bytes()), uploaded_by=prosecutor, matter=matter
    )
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:attachments_attachment_changelist")).status_code == 200
    page = client.get(reverse("admin:attachments_attachment_change", args=[attachment.pk]))
    assert page.status_code == 200
    assert reverse("attachments:download", args=[attachment.pk]) in page.content.decode()
