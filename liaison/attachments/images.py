"""Photos lose their metadata before they are stored, whoever sends them and by whichever path
(``actions.attachment_upload`` strips every photo it stores).

A phone's photo carries EXIF: the GPS position where it was taken (often the reporter's home or
workplace), the phone's make and serial number, the time. ``strip_metadata`` decodes the image
and encodes it again without any of that; **the original file is never stored**, only the
re-encoded copy, so no one (the handling procuratorate included) can recover what was stripped.
The place of a clue is what the reporter chose to give in the form; the place of evidence is
what its handler writes down.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .validators import JPEG, PNG, WEBP, base_name

#: The kinds of photo stored without their metadata (by content), and how each is encoded again.
PHOTO_TYPES: frozenset[str] = frozenset({JPEG, PNG, WEBP})
_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
_QUALITY = 90


def strip_metadata(file: Any, content_type: str) -> ContentFile:
    """A copy of the image ``file`` (already checked to be ``content_type``) without EXIF, XMP,
    text chunks or comments, turned upright first (the EXIF orientation would otherwise be lost
    with the rest). Colour profiles are kept: they hold no personal data."""
    if content_type not in _FORMATS:
        raise ValueError(f"not a photo type: {content_type}")
    file.seek(0)
    with Image.open(file) as original:
        icc_profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original) or original
        image.info = {}
        options: dict[str, Any] = {}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if content_type in {JPEG, WEBP}:
            options["quality"] = _QUALITY
        if content_type == JPEG and image.mode not in {"RGB", "L", "CMYK"}:
            image = image.convert("RGB")
        out = BytesIO()
        image.save(out, format=_FORMATS[content_type], **options)
    file.seek(0)
    return ContentFile(out.getvalue(), name=base_name(getattr(file, "name", "") or "photo"))
