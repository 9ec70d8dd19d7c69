"""Public-interest litigation's part of the Datong demo that reaches the court: a civil case
announced, the announcement run out, sued before the Datong Intermediate People's Court once the
chief procurator approved, registered by the court under its own case number, heard and judged.
Every step through the real actions; called from ``core/demo/datong.py`` with the clue it
reported."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import SYSTEM, access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.models import Matter

from .models import PILCase

#: The court's first-instance number of the demo's suit (大同市中级人民法院, 晋02).
COURT_CASE_NUMBER = "（2026）晋02民初118号"


def _judgment_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "民事判决书.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF",
        "application/pdf",
    )


def suit(orgs: dict[str, Organisation], users: dict[str, User], *, clue: Matter) -> PILCase:
    """``clue`` accepted as a civil case, sued, registered by the court and judged."""
    officer, prosecutor = access_for(users["dt_clue"]), access_for(users["dt_prosecutor"])
    head, chief = access_for(users["dt_head"]), access_for(users["dt_chief"])
    judge = access_for(users["dt_judge"])
    today = timezone.localdate()

    transition(matter=clue, name="accept", access=officer, data={"kind": "civil"})
    case = PILCase.objects.get(clues__pk=clue.pk)
    transition(
        matter=case,
        name="file",
        access=prosecutor,
        data={"respondent": "大同市某焦化有限公司", "note": "焦化废水外排污染属实。"},
    )
    for approver in (head, chief):
        approval_approve(matter=case, access=approver)
    transition(
        matter=case,
        name="announce",
        access=prosecutor,
        data={
            "announcement": "大同市某焦化有限公司向十里河排放未经处理的焦化废水，损害社会公共"
            "利益。法律规定的机关和有关组织可自公告之日起三十日内向人民法院提起诉讼。"
        },
    )
    # The thirty days have run out and no entitled organ sued (the system's own step).
    transition(matter=case, name="announcement_ends", access=SYSTEM)
    transition(
        matter=case,
        name="sue",
        access=prosecutor,
        data={
            "court": orgs["dt_court"].pk,
            "suit_filed_on": today,
            "claims": "1. 判令被告停止向十里河排放焦化废水；\n"
            "2. 判令被告承担生态环境修复费用186万元；\n3. 判令被告在市级媒体公开赔礼道歉。",
        },
    )
    approval_approve(matter=case, access=chief)
    transition(
        matter=case,
        name="register",
        access=judge,
        data={"court_case_number": COURT_CASE_NUMBER, "registered_on": today},
    )
    for day, note in ((today, "庭前会议"), (today + timedelta(days=21), "公开开庭审理")):
        transition(
            matter=case, name="record_hearing", access=judge, data={"held_on": day, "note": note}
        )
    transition(
        matter=case,
        name="record_judgment",
        access=judge,
        data={
            "judgment_outcome": "partly_upheld",
            "judgment_on": today,
            "judgment_summary": "判令被告立即停止排放焦化废水，承担生态环境修复费用152万元，"
            "并在市级媒体公开赔礼道歉；驳回其他诉讼请求。",
        },
        files={"document": _judgment_pdf()},
    )
    return PILCase.objects.get(pk=case.pk)
