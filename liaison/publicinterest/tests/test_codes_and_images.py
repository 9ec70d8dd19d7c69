"""Query codes people can copy, and photos that lose their metadata before they are stored."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from liaison.attachments.images import strip_metadata
from liaison.publicinterest.codes import (
    ALPHABET,
    LENGTH,
    display_query_code,
    new_query_code,
    normalise_query_code,
)

from .factories import image_bytes


def test_codes_avoid_look_alike_characters() -> None:
    assert not set("01ILO") & set(ALPHABET)
    codes = {new_query_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)


@given(st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH))
def test_a_code_survives_display_and_retyping(code: str) -> None:
    shown = display_query_code(code)
    assert shown[5] == "-"
    assert normalise_query_code(shown) == code
    assert normalise_query_code(" " + shown.lower().replace("-", " ") + " ") == code


@pytest.mark.parametrize("typed", ["", "ABC", "K7M2Q-9XPR0", "K7M2Q9XPRTT", "ＫＫＫＫＫＫＫＫＫＫ"])
def test_what_cannot_be_a_code_is_refused(typed: str) -> None:
    assert normalise_query_code(typed) is None


def _metadata(data: bytes) -> tuple[dict, dict]:
    with Image.open(BytesIO(data)) as image:
        return dict(image.getexif()), dict(image.info)


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")],
)
def test_gps_and_camera_data_are_removed(kind: str, content_type: str) -> None:
    original = image_bytes(kind, gps=True)
    exif, _info = _metadata(original)
    assert 0x8825 in exif and exif[0x010F] == "TestPhone"  # the fixture really carries them
    stripped = strip_metadata(SimpleUploadedFile("p", original, content_type), content_type)
    data = stripped.read()
    exif, info = _metadata(data)
    assert exif == {}
    assert "exif" not in info and b"TestPhone" not in data
    with Image.open(BytesIO(data)) as image:
        assert image.format == kind and image.size == (32, 24)


def test_png_text_chunks_are_removed_too() -> None:
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Location", "39.82,109.77")
    out = BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG", pnginfo=text)
    stripped = strip_metadata(SimpleUploadedFile("p.png", out.getvalue()), "image/png").read()
    assert b"Location" not in stripped and b"109.77" not in stripped


def test_a_photo_taken_sideways_is_stored_upright() -> None:
    rotated = image_bytes("JPEG", size=(40, 20), orientation=6)  # "rotate 90° clockwise"
    stripped = strip_metadata(SimpleUploadedFile("p.jpg", rotated), "image/jpeg")
    with Image.open(stripped) as image:
        assert image.size == (20, 40)
        assert dict(image.getexif()) == {}


def test_only_photo_types_are_stripped() -> None:
    with pytest.raises(ValueError):
        strip_metadata(SimpleUploadedFile("x.gif", b"GIF89a"), "image/gif")
