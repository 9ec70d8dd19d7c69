"""Short videos from reporters: checked by their structure, and their metadata blanked.

A phone's MP4 carries, besides the picture and sound, boxes *about* the recording: ``udta`` and
``meta`` (the GPS position where it was filmed, as ``©xyz`` or Apple's
``com.apple.quicktime.location.ISO6709``; the phone's make, model and software), ``uuid`` boxes
of vendors (XMP among them), and the creation and modification times in the movie, track and
media headers (``mvhd``, ``tkhd``, ``mdhd``).

Videos are not re-encoded (that would need ffmpeg on every server and minutes of CPU per file).
Instead ``strip_video_metadata`` rewrites those boxes **in place**: each metadata box becomes a
``free`` box of the same size filled with zeros, and the times become zero. Nothing moves, so
the sample offsets (``stco``/``co64``) stay right and the video plays as before; what was in
the boxes cannot be recovered, because **only the blanked copy is stored**. We wrote this small
walk over the box structure (ISO/IEC 14496-12) rather than take a tagging library: the ones
that are kept up (mutagen, for one) rewrite iTunes-style tags, not the location boxes that
matter here, and move data around to do it.

What is not removed: what the picture and sound themselves show, and metadata written inside
the video stream by an encoder (rare on phones). The report form says so.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.files import File

from liaison.attachments.validators import base_name

#: Boxes that hold other boxes, which the walk enters to find metadata deeper down.
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex"})
#: Boxes about the recording rather than of it: blanked wherever they appear in the movie.
_METADATA = frozenset({b"udta", b"meta", b"uuid", b"XMP_"})
#: Headers whose creation and modification times are zeroed.
_TIMED = frozenset({b"mvhd", b"tkhd", b"mdhd"})
_FREE = b"free"
_CHUNK = 1024 * 1024


class DamagedVideo(ValueError):
    """The file is not a well-formed MP4 (a box runs past its parent's end, or no movie box)."""


def _boxes(file: IO[bytes], start: int, end: int) -> Iterator[tuple[int, int, int, bytes]]:
    """(offset, size, header length, type) of each box between ``start`` and ``end``."""
    position = start
    while position < end:
        if end - position < 8:
            raise DamagedVideo("a box header is cut short")
        file.seek(position)
        size, kind = struct.unpack(">I4s", file.read(8))
        header = 8
        if size == 1:
            large = file.read(8)
            if len(large) < 8:
                raise DamagedVideo("a large box header is cut short")
            size, header = struct.unpack(">Q", large)[0], 16
        elif size == 0:  # the last box, running to the end of the file
            size = end - position
        if size < header or position + size > end:
            raise DamagedVideo(f"box {kind!r} at {position} overruns its parent")
        yield position, size, header, kind
        position += size


def _length(file: IO[bytes]) -> int:
    file.seek(0, 2)
    length = file.tell()
    file.seek(0)
    return length


def metadata_boxes(file: IO[bytes]) -> list[tuple[int, int, int, bytes]]:
    """Every box ``strip_video_metadata`` would rewrite, after checking the structure: raises
    ``DamagedVideo`` for a file whose boxes do not nest, or that has no movie (``moov``)."""
    found: list[tuple[int, int, int, bytes]] = []
    top = list(_boxes(file, 0, _length(file)))
    if not top or top[0][3] != b"ftyp":
        raise DamagedVideo("no file type box first")
    if not any(kind == b"moov" for *_rest, kind in top):
        raise DamagedVideo("no movie box")

    def walk(start: int, end: int) -> None:
        for position, size, header, kind in _boxes(file, start, end):
            if kind in _METADATA or kind in _TIMED:
                found.append((position, size, header, kind))
            elif kind in _CONTAINERS:
                walk(position + header, position + size)

    for position, size, header, kind in top:
        if kind in _METADATA:
            found.append((position, size, header, kind))
        elif kind == b"moov":
            walk(position + header, position + size)
    file.seek(0)
    return found


def check_video(file: IO[bytes]) -> None:
    """Raise ``DamagedVideo`` unless ``file`` is a well-formed MP4 (see ``metadata_boxes``)."""
    metadata_boxes(file)


def _blank(out: IO[bytes], position: int, size: int, header: int, kind: bytes) -> None:
    if kind in _TIMED:
        out.seek(position + header)
        version = out.read(1)
        width = 8 if version == b"\x01" else 4
        if size >= header + 4 + 2 * width:
            out.seek(position + header + 4)
            out.write(b"\x00" * (2 * width))
        return
    out.seek(position + 4)
    out.write(_FREE)
    out.seek(position + header)
    remaining = size - header
    while remaining > 0:
        step = min(remaining, _CHUNK)
        out.write(b"\x00" * step)
        remaining -= step


def strip_video_metadata(file: Any) -> File:
    """A copy of the MP4 ``file`` (already checked to be one) with its metadata boxes turned
    into zero-filled ``free`` boxes and its recording times zeroed, in a temporary file (kept in
    memory while small) named as the original."""
    file.seek(0)
    boxes = metadata_boxes(file)
    # Handed to the caller, who stores it (and so reads and closes it): no context manager.
    out = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    file.seek(0)
    shutil.copyfileobj(file, out, _CHUNK)
    for box in boxes:
        _blank(out, *box)
    out.seek(0)
    file.seek(0)
    return File(out, name=base_name(getattr(file, "name", "") or "video.mp4"))
