"""Uploads judged by their bytes: real files pass, disguised, broken and oversize ones do not."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from liaison.attachments.validators import (
    DEFAULT_ALLOWED_TYPES,
    DOCX,
    JPEG,
    PDF,
    PNG,
    TEXT,
    WEBP,
    XLSX,
    detect_content_type,
    validate_upload,
)

from .conftest import ELF, EXE, image_bytes, office_bytes, pdf_bytes, upload


def _code(file, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_upload(file, **kwargs)
    return caught.value.code  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("现场照片.png", image_bytes("PNG"), PNG),
        ("photo.JPG", image_bytes("JPEG"), JPEG),
        ("photo.webp", image_bytes("WEBP"), WEBP),
        ("检察建议书.pdf", pdf_bytes(), PDF),
        ("回复.docx", office_bytes("word"), DOCX),
        ("统计.xlsx", office_bytes("xl"), XLSX),
        ("no-extension", image_bytes("PNG"), PNG),
    ],
)
def test_real_files_are_accepted_by_content(name, content, expected) -> None:
    file = upload(name, content, content_type="text/html")  # the declared type is ignored
    assert validate_upload(file) == expected
    assert file.tell() == 0  # rewound for whoever reads it next


def test_a_pdf_header_after_leading_junk_is_still_a_pdf() -> None:
    assert detect_content_type(io.BytesIO(b"\r\n   " + pdf_bytes())) == PDF


def test_an_office_file_whose_first_parts_are_not_telling_is_recognised_from_its_directory() -> (
    None
):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(6):
            archive.writestr(f"customXml/item{n}.xml", "x" * 50)
        archive.writestr("word/document.xml", "<w:document/>")
    buffer.seek(0)
    assert detect_content_type(buffer) == DOCX


def test_an_elf_binary_named_jpg_is_refused_as_a_disguise() -> None:
    assert _code(upload("evidence.jpg", ELF, "image/jpeg")) == "extension_mismatch"


def test_a_windows_program_named_jpg_is_refused_as_a_disguise() -> None:
    assert _code(upload("photo.jpg", EXE, "image/jpeg")) == "extension_mismatch"


def test_a_program_under_its_own_name_is_a_type_not_allowed() -> None:
    assert _code(upload("setup.exe", EXE)) == "type_not_allowed"
    assert _code(upload("blob", b"\x00\x01\x02\x03" * 20)) == "type_not_allowed"


def test_a_real_image_under_a_document_name_is_refused() -> None:
    assert _code(upload("reply.pdf", image_bytes("PNG"))) == "extension_mismatch"


def test_an_image_named_as_another_image_type_is_accepted() -> None:
    # Phones often save WebP or PNG pictures as .jpg; it is stored under the detected type.
    assert validate_upload(upload("photo.jpg", image_bytes("PNG"))) == PNG


def test_oversize_files_are_refused(settings) -> None:
    content = image_bytes("PNG", (300, 300))
    assert _code(upload("big.png", content), max_bytes=100) == "too_large"
    settings.LIAISON_MAX_UPLOAD_BYTES = 100
    assert _code(upload("big.png", content)) == "too_large"
    assert validate_upload(upload("big.png", content), max_bytes=len(content)) == PNG


def test_empty_files_are_refused() -> None:
    assert _code(upload("empty.pdf", b"")) == "empty"


def test_a_truncated_png_is_refused() -> None:
    content = image_bytes("PNG", (200, 200))
    assert _code(upload("cut.png", content[: len(content) // 2])) == "invalid_image"


def test_a_truncated_jpeg_is_refused() -> None:
    content = image_bytes("JPEG", (400, 400))
    assert _code(upload("cut.jpg", content[: len(content) // 2])) == "invalid_image"


def test_a_fake_image_with_only_a_png_signature_is_refused() -> None:
    fake = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"garbage" * 30
    assert _code(upload("fake.png", fake)) == "invalid_image"


def test_plain_text_only_when_asked_for() -> None:
    content = "线索描述：河道排污。\n".encode()
    assert detect_content_type(io.BytesIO(content)) == TEXT
    assert _code(upload("note.txt", content)) == "type_not_allowed"
    assert validate_upload(upload("note.txt", content), allowed={TEXT}) == TEXT


def test_messages_are_translated_and_name_the_file() -> None:
    file = upload("证据.jpg", EXE)
    with pytest.raises(ValidationError) as caught:
        validate_upload(file)
    with translation.override("en"):
        english = caught.value.messages[0]
    with translation.override("zh-hans"):
        chinese = caught.value.messages[0]
    assert "证据.jpg" in english and "证据.jpg" in chinese
    assert english != chinese


def test_default_types_are_the_agreed_set() -> None:
    assert {PNG, JPEG, WEBP, PDF, DOCX, XLSX, "image/gif", "video/mp4"} == DEFAULT_ALLOWED_TYPES


@hsettings(max_examples=200, deadline=None)
@given(content=st.binary(min_size=1, max_size=2048), name=st.sampled_from(["a.jpg", "b.pdf", "c"]))
def test_any_bytes_are_either_accepted_as_an_allowed_type_or_refused_cleanly(content, name) -> None:
    file = upload(name, content)
    try:
        assert validate_upload(file) in DEFAULT_ALLOWED_TYPES
    except ValidationError as error:
        assert error.code in {"type_not_allowed", "extension_mismatch", "invalid_image"}
    assert file.tell() == 0
