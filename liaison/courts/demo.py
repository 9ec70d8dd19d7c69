"""The courts' demo (seed 001): the Chengzhong court imports its enforcement register and
shares it with the Chengzhong procuratorate, which supervises one case and recommends to the
court, and refers another (a suspected refusal to execute a judgment) to the Chengzhong public
security branch, which does not file it at first, explains why when the procuratorate asks,
and files it once notified to file; two earlier recommendations to the court,
one answered in time and one answered late. Seed 003: the Sixian procuratorate serves two
recommendations on the Sixian court, one answered in time, one late. Every step through the
real actions; called from ``core/demo/``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.models import Clock, Matter

from . import actions
from .models import EnforcementCase
from .recommending import ENFORCEMENT, VIOLATION

REGISTER = (
    "案号,申请执行人,被执行人,执行标的金额,立案日期,结案日期\n"
    "（2026）青0103执101号,西宁某建材有限公司,马某,125000.50,2026-01-06,\n"
    "（2026）青0103执102号,李某,西宁某物业服务有限公司,8600.00,2026-01-12,2026-04-30\n"
    "（2026）青0103执103号,张某,王某,46000.00,2026-02-03,\n"
    "（2026）青0103执104号,西宁某商贸有限公司,青海某运输有限公司,312500.00,2026-02-20,\n"
)

TEXT = {
    "facts": "经查，你院在执行过程中已扣划被执行人存款，但执行款超过三十日未发放给申请执行人。",
    "opinion": "上述情形不符合执行款物管理的有关规定，影响申请执行人合法权益的及时实现。",
    "measures": "1. 及时发放已扣划的执行款；\n2. 建立执行款发放期限提醒制度。",
}


def _serve(matter: Matter, prosecutor: User, approvers: tuple[User, ...]) -> Matter:
    transition(matter=matter, name="serve", access=access_for(prosecutor))
    for person in approvers:
        approval_approve(matter=type(matter).objects.get(pk=matter.pk), access=access_for(person))
    return type(matter).objects.get(pk=matter.pk)


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    procuratorate, court = orgs["cz"], orgs["cz_court"]
    prosecutor, head, chief = users["cz_prosecutor"], users["cz_head"], users["cz_chief"]
    judge, enforcement = users["cz_judge"], users["cz_enforcement"]
    actions.register_import(
        access=access_for(enforcement),
        court=court,
        procuratorate=procuratorate,
        name="城中区法院执行案件登记表.csv",
        content=REGISTER.encode(),
    )

    # An earlier recommendation, answered in time (adopted).
    in_time = actions.court_recommendation_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        kind=ENFORCEMENT.code,
        court=court,
        court_case_number="（2026）青0103执102号",
        title="关于规范执行款发放工作的检察建议",
        facts=TEXT["facts"],
        opinion=TEXT["opinion"],
        measures=TEXT["measures"],
    )
    answered = _serve(in_time, prosecutor, (head, chief))
    transition(
        matter=answered,
        name="reply",
        access=access_for(enforcement),
        data={"reply": "已全部发放执行款，并建立发放台账。", "reply_outcome": "adopted"},
    )

    # Another, whose reply came after its period ran out (partly adopted).
    late = actions.court_recommendation_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        kind=VIOLATION.code,
        court=court,
        court_case_number="（2026）青0103执103号",
        title="关于纠正执行程序违法情形的检察建议",
        facts="经查，你院在（2026）青0103执103号案件中未依法向被执行人送达执行通知书。",
        opinion="上述情形违反《中华人民共和国民事诉讼法》关于执行通知的规定。",
        measures="1. 依法补正送达程序；\n2. 加强执行程序规范化管理。",
    )
    lapsed = _serve(late, prosecutor, (head,))
    Clock.objects.filter(matter=lapsed, name="reply").update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    transition(
        matter=lapsed,
        name="reply",
        access=access_for(judge),
        data={
            "reply": "部分采纳，已补正送达，执行程序管理制度正在修订。",
            "reply_outcome": "partly",
        },
    )

    # A case of the imported register under supervision, on the procuratorate's own initiative,
    # its recommendation drafted and awaiting approval.
    case = EnforcementCase.objects.get(court=court, case_number="（2026）青0103执101号")
    supervision = actions.supervision_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        case=case,
        kind="courts.enforcement",
        origin="own_initiative",
        grounds="执行款已扣划逾三十日未发放，申请执行人多次反映。",
    )
    transition(
        matter=supervision,
        name="recommend",
        access=access_for(prosecutor),
        data={"title": "关于及时发放执行款的检察建议", **TEXT},
    )

    _sixian(orgs, users)

    # Another, on the applicant's complaint that the respondent hides its assets: referred to
    # the public security branch, which filed it for investigation once notified to file.
    _referral(orgs, users)


def _sixian(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    """Seed 003's pair: one recommendation answered in time (adopted), one whose reply came
    after its period ran out (not adopted), so both of the court's rates show."""
    procuratorate, court = orgs["sx"], orgs["sx_court"]
    prosecutor, head, chief = users["sx_prosecutor"], users["sx_head"], users["sx_chief"]
    in_time = actions.court_recommendation_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        kind=ENFORCEMENT.code,
        court=court,
        court_case_number="（2026）皖1324执215号",
        title="关于规范终结本次执行程序案件财产调查的检察建议",
        facts="经查，你院（2026）皖1324执215号案件在终结本次执行程序前，未查询被执行人名下"
        "不动产及车辆登记信息。",
        opinion="上述情形不符合终结本次执行程序应当穷尽财产调查措施的规定。",
        measures="1. 对该案恢复执行并完成财产调查；\n2. 对终本案件开展一次财产调查情况自查。",
    )
    transition(
        matter=_serve(in_time, prosecutor, (head, chief)),
        name="reply",
        access=access_for(users["sx_enforcement"]),
        data={
            "reply": "已恢复执行并查询被执行人不动产、车辆信息，终本案件自查已完成。",
            "reply_outcome": "adopted",
        },
    )
    late = actions.court_recommendation_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        kind=VIOLATION.code,
        court=court,
        court_case_number="（2026）皖1324执302号",
        title="关于纠正执行款发放超期的检察建议",
        facts="经查，你院（2026）皖1324执302号案件执行款到账后六十日未发放给申请执行人。",
        opinion="上述情形违反执行款物管理的有关规定。",
        measures="1. 及时发放执行款；\n2. 建立执行款发放期限提醒制度。",
    )
    lapsed = _serve(late, prosecutor, (head,))
    Clock.objects.filter(matter=lapsed, name="reply").update(
        due_on=timezone.localdate() - timedelta(days=5)
    )
    transition(
        matter=lapsed,
        name="reply",
        access=access_for(users["sx_president"]),
        data={
            "reply": "执行款已发放。因申请执行人账户变更，发放延误有其客观原因，不予采纳。",
            "reply_outcome": "not_adopted",
        },
    )


def _referral(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    procuratorate, police = orgs["cz"], orgs["cz_police"]
    prosecutor = users["cz_prosecutor"]
    case = EnforcementCase.objects.get(court=orgs["cz_court"], case_number="（2026）青0103执104号")
    supervision = actions.supervision_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        case=case,
        kind="courts.enforcement",
        origin="own_initiative",
        grounds="被执行人在执行期间转移公司资产，经法院多次责令仍拒不履行。",
    )
    transition(
        matter=supervision,
        name="refer",
        access=access_for(prosecutor),
        data={
            "police": str(police.pk),
            "reasons": "被执行人有能力履行而隐匿、转移财产，拒不执行生效判决，情节严重，"
            "涉嫌拒不执行判决、裁定罪。",
        },
    )
    officer = access_for(users["cz_police"])
    # The branch did not file at first; the procuratorate asked its reasons, found them
    # untenable and, the chief procurator approving, notified it to file (立案监督); it filed.
    steps: list[tuple[str, Any, dict[str, str]]] = [
        ("police_decline", officer, {"reasons": "被执行人已履行部分款项，尚不构成情节严重。"}),
        (
            "ask_reasons",
            access_for(prosecutor),
            {"reasons": "被执行人在执行期间转移公司车辆、设备，拒不履行金额逾三十万元，应当立案。"},
        ),
        (
            "police_explain",
            officer,
            {"reasons": "经审查，被执行人已履行二万元，转移财产的证据尚不充分，故未立案。"},
        ),
        (
            "notify_filing",
            access_for(prosecutor),
            {
                "reasons": "法院调取的车辆过户登记证明被执行人在判决生效后转移财产，"
                "已履行部分不足一成，不立案理由不能成立。"
            },
        ),
        (
            "police_file",
            officer,
            {
                "filed_on": timezone.localdate().isoformat(),
                "police_case_number": "城公刑立字〔2026〕18号",
                "note": "已对被执行人青海某运输有限公司法定代表人立案侦查。",
            },
        ),
    ]
    for name, access, data in steps:
        current = Matter.objects.get(pk=supervision.pk)
        transition(matter=current, name=name, access=access, data=data)
        if current.workflow.transition(name).approval is not None:
            approval_approve(
                matter=Matter.objects.get(pk=supervision.pk), access=access_for(users["cz_chief"])
            )
