"""What an upload is, judged by its content rather than its name.

A file's name and the browser's declared type are whatever the sender says; the first bytes are
what the file is. ``detect_content_type`` reads them (with the ``filetype`` package and a few
checks of our own), and ``validate_upload`` turns every reason to refuse a file into a clear,
translated ``ValidationError`` with a stable code.
"""

from __future__ import annotations

import codecs
import posixpath
import zipfile
from collections.abc import Collection
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

JPEG = "image/jpeg"
PNG = "image/png"
GIF = "image/gif"
WEBP = "image/webp"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MP4 = "video/mp4"
TEXT = "text/plain"

DEFAULT_ALLOWED_TYPES: frozenset[str] = frozenset({JPEG, PNG, GIF, WEBP, PDF, DOCX, XLSX, MP4})

#: The extensions a name may carry for each content type; the first is the one we store under.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    JPEG: ("jpg", "jpeg", "jpe", "jfif"),
    PNG: ("png",),
    GIF: ("gif",),
    WEBP: ("webp",),
    PDF: ("pdf",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    MP4: ("mp4", "m4v"),
    TEXT: ("txt", "text", "log", "csv"),
}

#: Readable names for messages.
TYPE_LABELS: dict[str, Any] = {
    JPEG: _("JPEG image"),
    PNG: _("PNG image"),
    GIF: _("GIF image"),
    WEBP: _("WebP image"),
    PDF: _("PDF document"),
    DOCX: _("Word document (.docx)"),
    XLSX: _("Excel workbook (.xlsx)"),
    MP4: _("MP4 video"),
    TEXT: _("plain text"),
    "application/x-msdownload": _("Windows program"),
    "application/x-executable": _("executable program"),
    "application/zip": _("ZIP archive"),
}

IMAGE_TYPES = frozenset({JPEG, PNG, GIF, WEBP})

# filetype names some formats differently from the types we accept.
_ALIASES = {"image/apng": PNG, "video/x-m4v": MP4}

HEAD_BYTES = 8192
PDF_HEADER_WINDOW = 1024  # readers accept junk before "%PDF-" within the first kilobyte


def _read_head(file: IO[bytes], size: int = HEAD_BYTES) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return bytes(head or b"")


def _zip_office_type(file: IO[bytes]) -> str | None:
    """Tell a .docx from an .xlsx by the parts inside the zip, when the first bytes do not."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the window's end is fine
    except UnicodeDecodeError:
        return False
    return True


def detect_content_type(file: IO[bytes]) -> str | None:
    """The MIME type the file's content shows, or None when it is not recognised.

    Reads the first bytes (and, for zip files, the zip's directory) and rewinds the file.
    """
    head = _read_head(file)
    if not head:
        return None
    kind = filetype.guess(head)
    mime = _ALIASES.get(kind.mime, kind.mime) if kind is not None else None
    if mime in {None, "application/zip"} and head.startswith(b"PK\x03\x04"):
        mime = _zip_office_type(file) or mime
    if mime is None and b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        mime = PDF
    if mime is None and _looks_like_text(head):
        mime = TEXT
    return mime


def base_name(name: str) -> str:
    """The file name without any directory a browser or a Windows path put in front of it."""
    return posixpath.basename((name or "").replace("\\", "/"))


def _extension(name: str) -> str:
    _stem, dot, ext = base_name(name).rpartition(".")
    return ext.lower() if dot and _stem else ""


def _type_label(mime: str | None) -> Any:
    if mime is None:
        return _("unrecognised content")
    return TYPE_LABELS.get(mime, mime)


def _claimed_type(ext: str) -> str | None:
    """The content type a name's extension claims, if we know the extension."""
    return next((mime for mime, exts in EXTENSIONS.items() if ext and ext in exts), None)


def _extension_agrees(ext: str, mime: str) -> bool:
    """Whether a name's extension fits the content. Among images we are lenient: a photo saved
    as .jpg that is really WebP is common on phones and harmless, since we store and serve it
    under the type we detected."""
    if ext in EXTENSIONS.get(mime, ()):
        return True
    return mime in IMAGE_TYPES and _claimed_type(ext) in IMAGE_TYPES


def _verify_image(file: IO[bytes]) -> bool:
    """Whether Pillow can read the whole image: catches fakes, truncations and pixel bombs."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError):
        return False
    finally:
        file.seek(0)
    return True


def file_size(file: Any) -> int:
    """The file's length in bytes, from its ``size`` or by seeking to its end."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def validate_upload(
    file: Any,
    *,
    allowed: Collection[str] = DEFAULT_ALLOWED_TYPES,
    max_bytes: int | None = None,
) -> str:
    """Refuse a file that is empty, too large, of a type not allowed, named as something it is
    not, or an image that does not decode. Returns the detected content type."""
    limit = settings.LIAISON_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    name = base_name(getattr(file, "name", "") or "")
    size = file_size(file)
    if size == 0:
        raise ValidationError(
            _("The file “%(name)s” is empty."), code="empty", params={"name": name}
        )
    if size > limit:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )

    mime = detect_content_type(file)
    ext = _extension(name)
    if mime is not None and mime in allowed:
        mismatch = bool(ext) and not _extension_agrees(ext, mime)
    else:
        claimed = _claimed_type(ext)
        mismatch = claimed is not None and claimed != mime
    if mismatch:
        raise ValidationError(
            _("The file “%(name)s” is named .%(ext)s but its content is another kind: %(kind)s."),
            code="extension_mismatch",
            params={"name": name, "ext": ext, "kind": _type_label(mime)},
        )
    if mime is None or mime not in allowed:
        raise ValidationError(
            _("The file “%(name)s” is of a type not accepted here. Accepted: %(allowed)s."),
            code="type_not_allowed",
            params={
                "name": name,
                "allowed": ", ".join(sorted(str(_type_label(t)) for t in allowed)),
            },
        )
    if mime in IMAGE_TYPES and not _verify_image(file):
        raise ValidationError(
            _("The image “%(name)s” is damaged or incomplete; please send it again."),
            code="invalid_image",
            params={"name": name},
        )
    file.seek(0)
    return mime
