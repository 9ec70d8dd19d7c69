"""Short videos in reports: MP4 by content, within the size limit, 9 files in all, stored with
their metadata boxes blanked (location, phone model, recording times) and nothing else moved."""

import struct
import uuid
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.publicinterest.models import Clue
from liaison.publicinterest.videos import (
    DamagedVideo,
    check_video,
    metadata_boxes,
    strip_video_metadata,
)

from .factories import mp4_bytes, photo, procuratorate, video

REPORT = reverse("publicinterest:report")


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "field": "ecology",
        "description": "河道旁有企业长期偷排污水，河水发黑发臭，附近居民反映强烈。",
        "address": "内蒙古鄂尔多斯市康巴什区青春山湿地公园",
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
    }
    data.update(overrides)
    return data


def _box_types(data: bytes) -> list[bytes]:
    return [kind for _pos, _size, _header, kind in metadata_boxes(BytesIO(data))]


@pytest.mark.parametrize("large_header", [False, True])
def test_the_location_model_and_times_are_blanked_and_nothing_moves(large_header: bool) -> None:
    original = mp4_bytes(large_header=large_header)
    stripped = strip_video_metadata(BytesIO(original)).read()
    assert len(stripped) == len(original)
    assert b"+39.8123+109.7812" not in stripped and b"TestPhone" not in stripped
    assert struct.pack(">I", 3_800_000_000) not in stripped  # the recording time
    assert b"udta" not in stripped and stripped.count(b"free") == 2
    # the media data, and every offset into it, are where they were
    assert stripped[original.index(b"mdat") :] == original[original.index(b"mdat") :]
    assert original[:8] == stripped[:8]
    check_video(BytesIO(stripped))  # still a well-formed MP4
    assert _box_types(stripped) == [b"mvhd", b"tkhd", b"mdhd"]  # only the zeroed headers left


def test_a_video_without_metadata_comes_out_the_same_but_for_the_times() -> None:
    original = mp4_bytes(location=False)
    stripped = strip_video_metadata(BytesIO(original)).read()
    assert len(stripped) == len(original) and b"free" not in stripped


@pytest.mark.parametrize(
    "data",
    [
        mp4_bytes()[:60],  # cut inside the movie box
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
        + b"\x00\x00\x00\x10mdat12345678",  # no moov
        b"\x00\x00\x00\x08free" + mp4_bytes(),  # ftyp not first
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2\x00\x00\x00\x04moov",  # size < header
    ],
)
def test_a_damaged_video_is_refused(data: bytes) -> None:
    with pytest.raises(DamagedVideo):
        check_video(BytesIO(data))


@pytest.mark.django_db
def test_a_reported_video_is_stored_stripped(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    response = client.post(REPORT, _form(photos=[video(), photo()]))
    assert response.status_code == 302
    clue = Clue.objects.get()
    stored = Attachment.objects.get(matter=clue, purpose="clue_video")
    assert stored.content_type == "video/mp4" and stored.original_name == "现场.mp4"
    content = stored.file.read()
    assert b"TestPhone" not in content and b"+39.8123" not in content
    assert clue.photo_count == 2


@pytest.mark.django_db
def test_the_form_says_what_is_and_is_not_removed(client) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    with translation.override("en"):
        html = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "video/mp4" in html  # the file chooser offers videos
    assert "short MP4 videos" in html and "is kept as it is" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [video(f"{i}.mp4") for i in range(5)] + [photo(f"{i}.jpg") for i in range(5)],
            "最多 9 个文件",
        ),
        ([SimpleUploadedFile("现场.mp4", b"not a video at all", "video/mp4")], "现场.mp4"),
        ([SimpleUploadedFile("cut.mp4", mp4_bytes()[:60], "video/mp4")], "cut.mp4"),
        (
            [
                SimpleUploadedFile(
                    "clip.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ", "video/quicktime"
                )
            ],
            "clip.mov",
        ),
    ],
)
def test_too_many_files_and_bad_videos_are_refused(client, settings, files, message) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    response = client.post(REPORT, _form(photos=files))
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'data-testid="error-photos"' in html
    assert not Clue.objects.exists() and not Attachment.objects.exists()


@pytest.mark.django_db
def test_a_video_over_the_size_limit_is_refused(client, settings) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    settings.LIAISON_MAX_UPLOAD_BYTES = 200
    response = client.post(REPORT, _form(photos=[video()]))
    assert response.status_code == 400 and 'data-testid="error-photos"' in response.content.decode()
    assert not Clue.objects.exists()
