"""The demo's Kangbashi District of Ordos, Inner Mongolia (seed 000): the region's, Ordos's and
Kangbashi's procuratorates, the district court, judicial bureau, the bar association and the
three firms, their people and cooperations; and, through the real actions, the firms' lawyers
with their bookings, a case, a complaint, and a petition a lawyer helps resolve.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition

from .world import Cooperation, L, OrgSpec, Person

ORGANISATIONS = [
    # Inner Mongolia: Kangbashi District of Ordos (seed 000)
    OrgSpec(
        "nm",
        "内蒙古自治区人民检察院",
        "Inner Mongolia Autonomous Region People's Procuratorate",
        K.PROCURATORATE,
        L.PROVINCIAL,
        "150000",
        abbreviation="内检",
    ),
    OrgSpec(
        "ordos",
        "鄂尔多斯市人民检察院",
        "Ordos Municipal People's Procuratorate",
        K.PROCURATORATE,
        L.MUNICIPAL,
        "150600",
        "nm",
        "鄂检",
    ),
    OrgSpec(
        "kbs",
        "鄂尔多斯市康巴什区人民检察院",
        "Kangbashi District People's Procuratorate",
        K.PROCURATORATE,
        L.COUNTY,
        "150603",
        "ordos",
        "康检",
    ),
    OrgSpec(
        "kbs_court",
        "鄂尔多斯市康巴什区人民法院",
        "Kangbashi District People's Court",
        K.COURT,
        L.COUNTY,
        "150603",
        abbreviation="康法",
    ),
    OrgSpec(
        "kbs_bureau",
        "鄂尔多斯市康巴什区司法局",
        "Kangbashi District Judicial Bureau",
        K.JUDICIAL_BUREAU,
        L.COUNTY,
        "150603",
        abbreviation="康司",
    ),
    OrgSpec(
        "shuzheng",
        "内蒙古树正律师事务所",
        "Inner Mongolia Shuzheng Law Firm",
        K.LAW_FIRM,
        L.GRASSROOTS,
        "150603",
        uscc_seed="31150000MD0000001",
    ),
    OrgSpec(
        "xinyang",
        "内蒙古信杨律师事务所",
        "Inner Mongolia Xinyang Law Firm",
        K.LAW_FIRM,
        L.GRASSROOTS,
        "150603",
        uscc_seed="31150000MD0000002",
    ),
    OrgSpec(
        "yikezhao",
        "内蒙古伊克昭律师事务所",
        "Inner Mongolia Yikezhao Law Firm",
        K.LAW_FIRM,
        L.GRASSROOTS,
        "150603",
        uscc_seed="31150000MD0000003",
    ),
    OrgSpec(
        "ordos_bar",
        "鄂尔多斯市律师协会",
        "Ordos Bar Association",
        K.BAR_ASSOCIATION,
        L.MUNICIPAL,
        "150600",
        uscc_seed="51150600MJ0000004",
    ),
]

# (username, name, English name, organisation key, roles)
PEOPLE: list[Person] = [
    ("kbs_clue", "王晓燕", "Wang Xiaoyan", "kbs", [Role.CLUE_OFFICER]),
    ("kbs_prosecutor", "李建国", "Li Jianguo", "kbs", [Role.PROSECUTOR, Role.LIAISON]),
    ("kbs_head", "张丽华", "Zhang Lihua", "kbs", [Role.DEPARTMENT_HEAD]),
    ("kbs_chief", "赵志强", "Zhao Zhiqiang", "kbs", [Role.CHIEF_PROCURATOR]),
    ("kbs_cmo", "刘芳", "Liu Fang", "kbs", [Role.CASE_MANAGEMENT]),
    ("kbs_judge", "孙海涛", "Sun Haitao", "kbs_court", [Role.JUDGE]),
    ("kbs_bureau", "周敏", "Zhou Min", "kbs_bureau", [Role.BUREAU_OFFICER, Role.LIAISON]),
    ("lawyer_shuzheng", "高文博", "Gao Wenbo", "shuzheng", [Role.LAWYER]),
    ("lawyer_xinyang", "马丽娜", "Ma Lina", "xinyang", [Role.LAWYER]),
    ("lawyer_yikezhao", "乌云其其格", "Uyunqiqig", "yikezhao", [Role.LAWYER]),
    ("bar_officer", "韩磊", "Han Lei", "ordos_bar", [Role.BAR_OFFICER]),
]

COOPERATIONS: list[Cooperation] = [
    ("kbs", "kbs_court", "认罪认罚从宽制度适用与值班律师工作协作机制"),
    ("kbs", "kbs_bureau", "保障律师执业权利协作机制"),
    ("kbs", "ordos_bar", "保障律师执业权利协作机制"),
]


# The three Kangbashi firms' lawyers (seed 000): (username, firm key, licence number).
LAWYERS = [
    ("lawyer_shuzheng", "shuzheng", "11506201210100231"),
    ("lawyer_xinyang", "xinyang", "11506201610000457"),
    ("lawyer_yikezhao", "yikezhao", "11506200910000118"),
]


def load_lawyers(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    """Seed 000 through the real actions: the three firms' lawyers registered and verified by the
    judicial bureau, a case with a lawyer of record, reception slots and a confirmed booking,
    tomorrow's duty lawyer, and a practice-rights complaint under review."""
    from liaison.lawyers import actions as lawyers
    from liaison.lawyers import counsel_actions

    kbs, bureau = orgs["kbs"], access_for(users["kbs_bureau"])
    registered = {}
    for username, firm, licence in LAWYERS:
        user = users[username]
        lawyer = lawyers.lawyer_register(
            user=user,
            name=user.name,
            mobile=user.mobile,
            licence_number=licence,
            firm_name=orgs[firm].name,
            firm_uscc=orgs[firm].uscc,
            procuratorate=kbs,
        )
        transition(matter=lawyer.registrations.get(), name="verify", access=bureau)
        lawyer.refresh_from_db()
        registered[username] = lawyer
    prosecutor, cmo = access_for(users["kbs_prosecutor"]), access_for(users["kbs_cmo"])
    case = counsel_actions.case_open(
        access=prosecutor,
        owner=kbs,
        title="张某某涉嫌危险驾驶案",
        kind="criminal",
        cause="危险驾驶罪",
        suspect="张志远",
    )
    counsel_actions.counsel_link(
        access=prosecutor, case=case, lawyer=registered["lawyer_shuzheng"], client="张志远"
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    file_review = lawyers.slot_publish(
        access=cmo,
        procuratorate=kbs,
        purpose="file_review",
        starts_at=start + timedelta(days=3),
        ends_at=start + timedelta(days=3, hours=2),
        place="案件管理中心律师接待室",
        capacity=3,
    )
    lawyers.slot_publish(
        access=cmo,
        procuratorate=kbs,
        purpose="meeting",
        starts_at=start + timedelta(days=5, hours=5),
        ends_at=start + timedelta(days=5, hours=6),
        place="第一检察部会议室",
        capacity=2,
    )
    booking = lawyers.booking_create(
        access=access_for(users["lawyer_shuzheng"]),
        slot=file_review,
        case=case,
        request="查阅卷宗第一册至第三册",
    )
    transition(matter=booking, name="confirm", access=cmo)
    lawyers.duty_assign(
        access=bureau,
        procuratorate=kbs,
        day=timezone.localdate() + timedelta(days=1),
        lawyer=registered["lawyer_yikezhao"],
    )
    complaint = lawyers.complaint_file(
        access=access_for(users["lawyer_xinyang"]),
        procuratorate=kbs,
        right="meeting",
        facts="本人于上周申请约见承办检察官，提交辩护意见，至今未获安排，也未被告知理由。",
    )
    transition(matter=complaint, name="accept", access=access_for(users["kbs_head"]))


def load_petitions(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    """Seed 000's petitions involving laws and lawsuits, through the real actions: a petition
    received in Kangbashi a week ago, accepted with its reply of receipt, and the Shuzheng
    firm's lawyer invited, taking part and recording the law explained; the prosecutor resolves
    it in the demo."""
    from datetime import timedelta

    from django.utils import timezone

    from liaison.lawyers.models import Lawyer
    from liaison.petitions.actions import petition_receive

    prosecutor = access_for(users["kbs_prosecutor"])
    petition = petition_receive(
        access=prosecutor,
        owner=orgs["kbs"],
        petitioner_name="王秀兰",
        petitioner_mobile="13904770188",
        petitioner_address="鄂尔多斯市康巴什区青春山街道",
        title="不服民间借贷纠纷判决，请求检察监督",
        details=(
            "信访人认为一审民间借贷纠纷判决认定借款事实错误，上诉期已过，多次来访要求"
            "检察机关监督纠正。"
        ),
        received_on=timezone.localdate() - timedelta(days=7),
        channel="visit",
    )
    transition(
        matter=petition,
        name="accept",
        access=prosecutor,
        data={"note": "已受理，由第二检察部办理，已当面告知信访人。"},
    )
    shuzheng = Lawyer.objects.get(user=users["lawyer_shuzheng"])
    transition(
        matter=petition,
        name="invite_lawyer",
        access=prosecutor,
        data={"lawyer": str(shuzheng.pk), "note": "请参与释法说理，提出化解意见。"},
    )
    lawyer = access_for(users["lawyer_shuzheng"])
    transition(matter=petition, name="join", access=lawyer)
    transition(
        matter=petition,
        name="record_work",
        access=lawyer,
        data={
            "opinion": (
                "与信访人面谈两次，释明民事再审申请的期限和证据要求；认为原判对借款交付的"
                "认定有转账凭证支持，建议信访人如有新证据依法申请再审。"
            )
        },
    )
