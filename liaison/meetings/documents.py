"""A joint meeting's minutes (联席会议纪要) as PDF and Word, in the formal style of the
procuratorate's documents: the machinery is ``recommendations/documents.py``'s (one text, two
formats), with this document's heading, body and the parties as signatories. In Chinese
whatever the reader's language: it is the parties' joint record. Until every party approved
it, it is marked as a draft."""

from __future__ import annotations

from django.utils import timezone

from liaison.recommendations.documents import (
    FORMATS,
    Block,
    RecommendationText,
    chinese_date,
    paragraphs,
    recommendation_docx,
    recommendation_pdf,
)

from .models import JointMeeting
from .selectors import agenda_of, invitations_of, parties_of_meeting, resolutions_of
from .workflows import MEETING

DRAFT_MARK = "草稿（纪要尚未经各方确认）"


def minutes_text(meeting: JointMeeting) -> RecommendationText:
    from liaison.core.access import SYSTEM

    parties = [p.name for p in parties_of_meeting(meeting)]
    when = timezone.localtime(meeting.starts_at)
    present = [i.person.display_name for i in invitations_of(meeting) if i.state == "attended"]
    body = [
        Block(
            "p",
            f"{when.year}年{when.month}月{when.day}日，{'、'.join(parties)}在{meeting.place}"
            f"召开联席会议（{meeting.under_agreement.title}）。",
        )
    ]
    if present:
        body.append(Block("p", f"出席人员：{'、'.join(present)}。"))
    agenda = agenda_of(meeting, SYSTEM)
    if agenda:
        body.append(Block("h2", "一、会议议题"))
        body += [Block("p", f"{n}. {item.title}") for n, item in enumerate(agenda, 1)]
    body.append(Block("h2", "二、会议纪要" if agenda else "一、会议纪要"))
    body += [Block("p", text) for text in paragraphs(meeting.minutes)]
    resolutions = list(resolutions_of(meeting))
    if resolutions:
        body.append(Block("h2", "三、议定事项" if agenda else "二、议定事项"))
        for n, resolution in enumerate(resolutions, 1):
            owners = "、".join(f"{i.owner.name}（{i.title}）" for i in resolution.items.all())
            body.append(
                Block("p", f"{n}. {resolution.text}" + (f" 责任单位：{owners}" if owners else ""))
            )
    return RecommendationText(
        procuratorate="　".join(parties),
        number=meeting.case_number or "",
        addressee="",
        body=body,
        handlers="",
        issued_on=chinese_date(meeting.day),
        draft=meeting.state != MEETING.state("minutes_approved"),
        heading="联席会议纪要",
        signatories=parties,
        draft_mark=DRAFT_MARK,
    )


def minutes_document(meeting: JointMeeting, fmt: str) -> tuple[bytes, str, str]:
    """The minutes as ``fmt`` ("pdf" or "docx"): the content, its type and a file name."""
    text = minutes_text(meeting)
    content = recommendation_pdf(text) if fmt == "pdf" else recommendation_docx(text)
    draft = "（草稿）" if text.draft else ""
    return content, FORMATS[fmt], f"联席会议纪要{draft}{meeting.case_number}.{fmt}"
