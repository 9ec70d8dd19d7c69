"""Stamping released case-file documents with the reviewing lawyer's name and the time.

Each page of the PDF gets an overlay drawn with reportlab (a faint diagonal line across the page
and a footer), merged into the page with pypdf, so a copy that leaves the lawyer's hands still
says whose it was and when it was taken. The overlay uses reportlab's built-in Adobe CJK font
(STSong-Light), so Chinese names need no font file on the server.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from typing import IO

from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"


@lru_cache(maxsize=1)
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _overlay(width: float, height: float, text: str) -> PageObject:
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    font = _font()
    sheet.saveState()
    sheet.setFillColorRGB(0.6, 0.1, 0.1)
    sheet.setFillAlpha(0.18)
    sheet.setFont(font, max(min(width, height) / 24, 10))
    sheet.translate(width / 2, height / 2)
    sheet.rotate(35)
    for offset in (-height / 4, 0, height / 4):
        sheet.drawCentredString(0, offset, text)
    sheet.restoreState()
    sheet.setFillColorRGB(0.5, 0.1, 0.1)
    sheet.setFont(font, 8)
    sheet.drawString(24, 14, text)
    sheet.save()
    buffer.seek(0)
    return PdfReader(buffer).pages[0]


def stamp_pdf(source: IO[bytes], text: str, *, subject: str = "") -> bytes:
    """The document with ``text`` stamped on every page, and ``subject`` in its metadata."""
    writer = PdfWriter(clone_from=PdfReader(source))
    overlays: dict[tuple[float, float], PageObject] = {}
    for page in writer.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in overlays:
            overlays[size] = _overlay(*size, text)
        page.merge_page(overlays[size])
    writer.add_metadata({"/Subject": subject or text})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
