"""Disputes for tests, through the real actions: the meetings' world (a procuratorate and a
court, an agreement in force, each side's liaison person), a notice both sides see, a dispute
raised by the court about it."""

from __future__ import annotations

from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.meetings.tests.factories import World, world
from liaison.notices.actions import notice_send
from liaison.notices.models import InformationNotice
from liaison.orgs.roles import Role
from liaison.recommendations.models import Recommendation

from ..actions import dispute_raise
from ..models import Dispute

GROUNDS = "法院认为检察院通报所涉执行案件已依法终结本次执行程序，双方对是否应当恢复执行存在分歧。"


def notice(w: World) -> InformationNotice:
    return notice_send(
        access=access_for(w.s.prosecutor),
        sender=w.s.procuratorate,
        recipient=w.s.court,
        title="关于终结本次执行程序案件的通报",
        body="请法院核查终结本次执行程序案件的财产调查情况。",
    )


def recommendation(w: World) -> Recommendation:
    """A recommendation to the court, served (the courts' factories, with the meetings' world's
    procuratorate and court)."""
    from liaison.courts.tests.factories import World as CourtsWorld
    from liaison.courts.tests.factories import served_to_court

    cw = CourtsWorld(
        procuratorate=w.s.procuratorate,
        court=w.s.court,
        prosecutor=w.s.prosecutor,
        head=member(w.s.procuratorate, Role.DEPARTMENT_HEAD),
        chief=w.s.chief,
        judge=w.s.judge,
        enforcement=member(w.s.court, Role.ENFORCEMENT_OFFICER, name="刘烈"),
    )
    return served_to_court(cw)


def raised(w: World, *, by: User | None = None, subject: Any = None) -> Dispute:
    return dispute_raise(
        access=access_for(by or w.s.judge), subject=subject or notice(w), grounds=GROUNDS
    )


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: raising a dispute about a matter."""
    w = world()
    subject = notice(w)
    return {"guarded": {"disputes:raise": ("get", [subject.pk])}}
