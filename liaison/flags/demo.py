"""The demo's flag (seed 001: the court and the procuratorate tell each other of suspected false
litigation): the Chengzhong procuratorate flags the recommendation it served on the Chengzhong
court about enforcement case （2026）青0103执102号 as false litigation; the court's enforcement
officer acknowledges it within the answer period (its clock stops in time) and the prosecutor
records that the court reopened the case. The demo has this one flag, so none is overdue.
Through the real actions, after the courts' demo; called from ``core/demo/``."""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.recommendations.models import Recommendation
from liaison.workflow.actions import transition

from .actions import flag_raise
from .models import Flag

SUBJECT_TITLE = "关于规范执行款发放工作的检察建议"
GROUNDS = (
    "经查，（2026）青0103执102号案件申请执行人李某与被执行人西宁某物业服务有限公司法定代表人系近亲属，"
    "据以执行的调解书所涉欠款无资金往来凭证，调解后被执行人即以执行为由转移其名下存款，"
    "疑似双方恶意串通、虚构债务，以诉讼方式逃避其他债权人的执行。"
)


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> Flag:
    procuratorate, court = orgs["cz"], orgs["cz_court"]
    prosecutor, enforcement = users["cz_prosecutor"], users["cz_enforcement"]
    subject = Recommendation.objects.get(owner=procuratorate, title=SUBJECT_TITLE)
    flag = flag_raise(
        access=access_for(prosecutor),
        subject=subject,
        kind=Flag.Kind.FALSE_LITIGATION,
        grounds=GROUNDS,
        against=court,
    )
    transition(
        matter=flag,
        name="acknowledge",
        access=access_for(enforcement),
        data={"note": "已暂停向申请执行人发放执行款，并移送审判监督庭审查。"},
    )
    transition(
        matter=Flag.objects.get(pk=flag.pk),
        name="close",
        access=access_for(prosecutor),
        data={
            "outcome": Flag.Outcome.REOPENED,
            "note": "法院已裁定再审，撤销原民事调解书，被执行人转移的存款已依法追回。",
        },
    )
    return Flag.objects.get(pk=flag.pk)
