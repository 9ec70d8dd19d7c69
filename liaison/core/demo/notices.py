"""The demo's information notices between the seeds' partners, in every state (sent,
acknowledged, answered, withdrawn, and a draft), opened a few days apart so that "my work" shows a
spread of due days; each goes only to a partner (``COOPERATIONS`` of the seeds' modules).
"""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.models import Matter
from liaison.workflow.opening import matter_open

# (sender key, author, recipient key, title, body, urgent, steps taken: (step, actor, data))
NOTICES: list[tuple[str, str, str, str, str, bool, list[tuple[str, str, dict[str, str]]]]] = [
    (
        "kbs",
        "kbs_prosecutor",
        "kbs_bureau",
        "关于律师执业权利保障工作情况的通报",
        "现将本院2026年律师接待与执业权利保障工作情况通报如下，请贵局反馈律师事务所的意见建议。",
        False,
        [],
    ),
    (
        "kbs",
        "kbs_prosecutor",
        "kbs_court",
        "关于认罪认罚案件值班律师安排的通报",
        "请贵院反馈认罪认罚案件庭审中值班律师参与的情况。",
        False,
        [("acknowledge", "kbs_judge", {})],
    ),
    (
        "sx",
        "sx_prosecutor",
        "sx_court",
        "关于民事执行活动法律监督案件信息共享的通报",
        "根据《关于完善民事执行活动法律监督协作配合机制的意见》，请贵院提供本季度终结本次执行程序案件清单。",
        True,
        [
            ("acknowledge", "sx_enforcement", {}),
            (
                "answer",
                "sx_enforcement",
                {"answer": "已整理本季度终本案件清单共计42件，随附件报送。"},
            ),
        ],
    ),
    (
        "sx_court",
        "sx_enforcement",
        "sx",
        "关于执行案件信息共享情况的通报",
        "根据民事执行活动法律监督协作配合机制，现通报本院本季度新收执行案件1268件、执结1190件，"
        "其中终结本次执行程序案件42件；请贵院反馈对上述案件开展监督的需求。",
        False,
        [
            ("acknowledge", "sx_prosecutor", {}),
            (
                "answer",
                "sx_prosecutor",
                {
                    "answer": "已收悉。本院将对其中财产调查不到位的终本案件开展监督，"
                    "并于下月联席会议前反馈。"
                },
            ),
        ],
    ),
    (
        "wz",
        "wz_prosecutor",
        "wz_bureau",
        "关于支持起诉与法律援助衔接案件的通报",
        "本院办理农民工追索劳动报酬支持起诉案件3件，请贵局指派法律援助律师。",
        False,
        [("answer", "wz_bureau", {"answer": "已指派法律援助中心律师跟进，联络员：吴强。"})],
    ),
    (
        "cz",
        "cz_prosecutor",
        "cz_court",
        "关于虚假诉讼线索移送的通报",
        "本院在履职中发现一起疑似虚假诉讼线索，拟与贵院共同研究。",
        False,
        [("withdraw", "cz_prosecutor", {"note": "线索已另行移送公安机关，撤回本通报。"})],
    ),
    (
        "cz_court",
        "cz_judge",
        "cz",
        "关于检察长列席审判委员会会议的通知",
        "本院定于下月召开审判委员会会议，讨论再审案件新证据认定问题，请检察长列席。",
        False,
        [],
    ),
    (
        "dt",
        "dt_prosecutor",
        "dt_youth",
        "关于公益诉讼志愿者线索收集工作的通报",
        "请志愿者协会组织志愿者关注煤场扬尘污染整改情况并反馈。",
        False,
        [("acknowledge", "dt_coordinator", {})],
    ),
]


def load_notices(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    # Notices opened a few days apart so "my work" shows a spread of due dates.
    for sender, author, recipient, title, body, urgent, steps in NOTICES:
        notice = _open_notice(orgs[sender], users[author], orgs[recipient], title, body, urgent)
        for step, actor, data in steps:
            transition(matter=notice, name=step, access=access_for(users[actor]), data=data)
    _draft(orgs["dt"], users["dt_prosecutor"], orgs["dt_env"])


def _open_notice(
    sender: Organisation,
    author: User,
    recipient: Organisation,
    title: str,
    body: str,
    urgent: bool,
) -> Matter:
    return matter_open(
        workflow="notices.notice",
        owner=sender,
        access=access_for(author),
        fields={"title": title, "body": body, "urgent": urgent},
        partners=[recipient],
        handlers=[author],
        start="send",
    )


def _draft(sender: Organisation, author: User, recipient: Organisation) -> None:
    matter_open(
        workflow="notices.notice",
        owner=sender,
        access=access_for(author),
        fields={
            "title": "关于煤场扬尘污染整改情况的通报（草稿）",
            "body": "拟请贵局反馈煤场扬尘污染整改进度。",
        },
        partners=[recipient],
        handlers=[author],
    )
