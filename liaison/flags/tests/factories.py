"""Flags for tests, through the real actions: the courts' world (a procuratorate and a court
that cooperate), a notice from the procuratorate to the court about an enforcement case (a
matter both share; a served recommendation renders its documents, slow for every test), a
flag raised by the prosecutor about it."""

from __future__ import annotations

from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.courts.tests.factories import World, world
from liaison.notices.actions import notice_send
from liaison.notices.models import InformationNotice
from liaison.orgs.models import Organisation

from ..actions import flag_raise
from ..models import Flag

GROUNDS = (
    "申请执行人与被执行人系夫妻关系，借款合同签订于离婚诉讼期间且无资金往来凭证，"
    "疑似通过虚构债务转移财产。"
)

__all__ = ["GROUNDS", "World", "flagged", "shared", "url_world", "world"]


def shared(w: World) -> InformationNotice:
    """A notice sent to the court: owned by the procuratorate, the court its partner."""
    return notice_send(
        access=access_for(w.prosecutor),
        sender=w.procuratorate,
        recipient=w.court,
        title="关于（2026）青0103执123号案件执行情况的通报",
        body="该案申请执行人与被执行人存在关联关系，请法院核查。",
    )


def flagged(
    w: World,
    *,
    by: User | None = None,
    subject: Any = None,
    kind: str = Flag.Kind.FALSE_LITIGATION,
    evidence: list[tuple[Any, str]] | None = None,
    against: Organisation | None = None,
) -> Flag:
    return flag_raise(
        access=access_for(by or w.prosecutor),
        subject=subject or shared(w),
        kind=kind,
        grounds=GROUNDS,
        evidence=evidence,
        against=against,
    )


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: raising a flag about a matter."""
    w = world()
    return {"guarded": {"flags:raise": ("get", [shared(w).pk])}}
