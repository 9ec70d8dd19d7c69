"""The served recommendation as a formal document (检察建议书): PDF (WeasyPrint) and Word (DOCX,
python-docx, which offices open in Word or WPS).

The head (the procuratorate, the title, the number) and the foot (the handlers, the seal's
place and the day) are the same for every kind; the body between them is the kind's template
(``RecommendationKind.template``): headings (``<h2>``) and paragraphs (``<p>``), nothing else.
Both formats are made from one ``RecommendationText``, the body parsed into its blocks, so the
two can never say different things. The document is in Chinese whatever the reader's language:
it is the procuratorate's formal act. The reply period is read from the period table (as the
clock is), never written in a template; the PDF sets its text in Debian's Noto CJK fonts
(``fonts-noto-cjk``, which ``make`` installs with pango).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import get_period
from liaison.workflow.models import Relation

from .kinds import get_kind
from .models import Recommendation

_DIGITS = "零一二三四五六七八九"
# "1. ", "（一）", "一、", "(2)" … at the start of a measure the prosecutor numbered already.
_NUMBERED = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])\s*"
)


@dataclass(frozen=True)
class Block:
    """A heading (``h2``) or a paragraph (``p``) of the body."""

    tag: str
    text: str


#: What a preview of a draft says at its head, in the document's language.
DRAFT_MARK = "草稿（未经审批，尚未送达）"


@dataclass(frozen=True)
class RecommendationText:
    """Everything the document says, in order. Other formal documents in the same style (a
    joint meeting's minutes, ``meetings/documents.py``) are made from it too: they name their
    own ``heading``, ``handlers_label``, ``signatories`` and ``draft_mark``."""

    procuratorate: str
    number: str
    addressee: str
    body: list[Block]
    handlers: str
    issued_on: str
    #: Not served yet: a preview of the draft, marked as such on every page.
    draft: bool = False
    #: The measures as numbered in the body (for those who read them apart).
    measures: list[str] = field(default_factory=list)
    #: The document's kind, its title under the issuer.
    heading: str = "检察建议书"
    handlers_label: str = "承办检察官"
    #: Who signs at the foot (the issuer when empty); a joint document names every party.
    signatories: list[str] = field(default_factory=list)
    draft_mark: str = DRAFT_MARK

    @property
    def signed_by(self) -> list[str]:
        return self.signatories or [self.procuratorate]

    @property
    def words(self) -> str:
        return "\n".join(block.text for block in self.body)


def chinese_number(n: int) -> str:
    """1 → 一, 15 → 十五, 32 → 三十二 (for counts in running text, under a hundred)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")) + (
        _DIGITS[ones] if ones else ""
    )


def period_words(amount: int, unit: str) -> str:
    """A period as the document says it: 两个月, 十五日, 七个工作日."""
    if unit == Unit.MONTHS:
        return ("两" if amount == 2 else chinese_number(amount)) + "个月"
    if unit == Unit.WORKING_DAYS:
        return chinese_number(amount) + "个工作日"
    return chinese_number(amount) + "日"


def chinese_date(day: date) -> str:
    """2026年11月26日 (GB/T 9704-2012 writes the date in Arabic numerals)."""
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def numbered_measures(text: str) -> list[str]:
    items = [_NUMBERED.sub("", line) for line in paragraphs(text)]
    return [f"（{chinese_number(i)}）{item}" for i, item in enumerate(items, start=1) if item]


class _Body(HTMLParser):
    """The blocks of a kind's body: the text of each ``h2`` and ``p``, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._tag: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("h2", "p"):
            self._tag, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._tag:
            text = " ".join("".join(self._text).split())
            if text:
                self.blocks.append(Block(tag, text))
            self._tag = None

    def handle_data(self, data: str) -> None:
        if self._tag is not None:
            self._text.append(data)


def body_blocks(html: str) -> list[Block]:
    parser = _Body()
    parser.feed(html)
    parser.close()
    return parser.blocks


def recommendation_text(recommendation: Recommendation) -> RecommendationText:
    """What the document says: its kind's body rendered with the recommendation, the period
    from the period table and what the kind says of the matter it arises from."""
    kind = get_kind(recommendation.kind)
    period = get_period(
        kind.period_for(bool(recommendation.urgent)), organisation=recommendation.owner
    )
    handlers = "、".join(
        recommendation.parties.filter(relation=Relation.HANDLER)
        .order_by("id")
        .values_list("person__name", flat=True)
    )
    measures = numbered_measures(recommendation.measures)
    context = {
        "rec": recommendation,
        "addressee": recommendation.addressee.name,
        "facts": paragraphs(recommendation.facts),
        "opinion": paragraphs(recommendation.opinion),
        "measures": measures,
        "period": period_words(period.amount, period.unit),
        **(kind.context(recommendation) if kind.context else {}),
    }
    return RecommendationText(
        procuratorate=recommendation.owner.name,
        number=recommendation.case_number or "",
        addressee=f"{recommendation.addressee.name}：",
        body=body_blocks(render_to_string(kind.template, context)),
        handlers=handlers,
        issued_on=chinese_date(recommendation.issued_on or timezone.localdate()),
        draft=recommendation.issued_on is None,
        measures=measures,
    )


FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def recommendation_preview(recommendation: Recommendation, fmt: str) -> tuple[bytes, str, str]:
    """The draft as its formal document would read if served today (marked as a draft), for
    those handling it and its approvers to read before it is approved: the content, its type
    and a file name. Nothing is kept."""
    text = recommendation_text(recommendation)
    content = recommendation_pdf(text) if fmt == "pdf" else recommendation_docx(text)
    return content, FORMATS[fmt], f"检察建议书（草稿）{recommendation.case_number}.{fmt}"


def _weasyprint() -> Any:
    """WeasyPrint, imported on first use (loading pango costs start-up time elsewhere).

    Importing it sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES`` to True, which
    would let every later upload of a truncated image through ``attachments.validators`` in this
    process. Our documents hold no images, so the flag is put back as it was."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
    return weasyprint


def recommendation_pdf(text: RecommendationText) -> bytes:
    html = render_to_string(
        "recommendations/documents/page.html", {"doc": text, "draft_mark": text.draft_mark}
    )
    return bytes(_weasyprint().HTML(string=html).write_pdf())


# Word: 仿宋 for the text and 黑体 for headings, the fonts of Chinese official documents.
_BODY_FONT, _HEADING_FONT, _TITLE_FONT = "仿宋", "黑体", "宋体"


def recommendation_docx(text: RecommendationText) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = f"{text.heading} {text.number}"
    document.core_properties.author = text.procuratorate

    def paragraph(
        content: str,
        *,
        font: str = _BODY_FONT,
        size: float = 16,
        bold: bool = False,
        align: Any = None,
        indent: bool = False,
        red: bool = False,
    ) -> None:
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.line_spacing = Pt(28)
        run = p.add_run(content)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if red:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    if text.draft:
        paragraph(text.draft_mark, font=_HEADING_FONT, size=14, align=center, red=True)
    paragraph(text.procuratorate, font=_TITLE_FONT, size=22, bold=True, align=center, red=True)
    paragraph(text.heading, font=_TITLE_FONT, size=22, bold=True, align=center)
    paragraph(text.number, align=center)
    if text.addressee:
        paragraph(text.addressee)
    for block in text.body:
        if block.tag == "h2":
            paragraph(block.text, font=_HEADING_FONT, indent=True)
        else:
            paragraph(block.text, indent=True)
    if text.handlers:
        paragraph(f"{text.handlers_label}：{text.handlers}", indent=True)
    for signatory in text.signed_by:
        paragraph(signatory, align=right)
    paragraph(text.issued_on, align=right)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
