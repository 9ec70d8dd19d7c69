"""The support-prosecution opinion (支持起诉意见书) as PDF and Word, in the formal style of the
procuratorate's documents: the machinery is ``recommendations/documents.py``'s (one text, two
formats), as the joint meeting's minutes use it. In Chinese whatever the reader's language: it
goes to the court. Until it is sent it is marked as a draft."""

from __future__ import annotations

from liaison.recommendations.documents import (
    FORMATS,
    Block,
    RecommendationText,
    chinese_date,
    paragraphs,
    recommendation_docx,
    recommendation_pdf,
)
from liaison.workflow.actions import today

from .models import SupportCase

DRAFT_MARK = "草稿（尚未送达人民法院）"
HEADING = "支持起诉意见书"


def opinion_text(case: SupportCase) -> RecommendationText:
    """What the opinion says: to the court, the applicant and the respondent, the facts found
    and the opinion, under the procuratorate's name and number."""
    court = case.court.name if case.court is not None else ""
    body = [
        Block(
            "p",
            f"申请人{case.applicant_name}与{case.respondent}{case.category.name}纠纷一案，"
            f"申请人于{chinese_date(case.received_on)}向本院申请支持起诉。本院依法进行了审查。",
        ),
        Block("h2", "一、本院查明的事实"),
        *(Block("p", text) for text in paragraphs(case.opinion_facts)),
        Block("h2", "二、支持起诉意见"),
        *(Block("p", text) for text in paragraphs(case.opinion_text)),
        Block(
            "p",
            "依照《中华人民共和国民事诉讼法》第十五条的规定，本院支持申请人向你院提起诉讼，"
            "请依法审理。",
        ),
    ]
    sent = case.opinion_sent_on
    return RecommendationText(
        procuratorate=case.owner.name,
        number=case.case_number or "",
        addressee=court,
        body=body,
        handlers="",
        issued_on=chinese_date(sent or today()),
        draft=sent is None,
        heading=HEADING,
        draft_mark=DRAFT_MARK,
    )


def opinion_pdf(text: RecommendationText) -> bytes:
    return recommendation_pdf(text)


def opinion_docx(text: RecommendationText) -> bytes:
    return recommendation_docx(text)


def opinion_document(case: SupportCase, fmt: str) -> tuple[bytes, str, str]:
    """The opinion as ``fmt`` ("pdf" or "docx"): the content, its type and a file name."""
    text = opinion_text(case)
    content = recommendation_pdf(text) if fmt == "pdf" else recommendation_docx(text)
    draft = "（草稿）" if text.draft else ""
    return content, FORMATS[fmt], f"{HEADING}{draft}{case.case_number}.{fmt}"
