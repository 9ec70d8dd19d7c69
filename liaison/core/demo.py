"""Demo data: the places, organisations and partners the five seed reports name, the cooperation
relations between them, a user for each role, information notices in every state, Datong's
public-interest clues and cases (seed 004: coal-yard dust) in every stage with its volunteers
(registered, reporting a clue, supervising a rectification, heard at a public hearing), and
Kangbashi's lawyers with their bookings, cases, a complaint and a petition (seed 000). Loaded
by ``manage.py load_demo`` (``make run``), all through the real actions and steps.

Chengzhong District is ambiguous in seed 001 (there are several); Xining's (630103) is used.
Unified social credit codes below are made up with a valid GB 32100 check character.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import Access, access_for
from liaison.core.validators import resident_id_check_char, uscc_check_char
from liaison.courts import demo as courts_demo
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role
from liaison.places.models import Division
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.models import Matter
from liaison.workflow.opening import matter_open

DEMO_PASSWORD = "liaison-demo-2026"

L = Organisation.Level


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    name_en: str
    kind: str
    level: str
    division: str
    parent: str | None = None
    abbreviation: str = ""
    uscc_seed: str = ""


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
    # Qinghai: Chengzhong District (seed 001)
    OrgSpec(
        "qh",
        "青海省人民检察院",
        "Qinghai Provincial People's Procuratorate",
        K.PROCURATORATE,
        L.PROVINCIAL,
        "630000",
        abbreviation="青检",
    ),
    OrgSpec(
        "xining",
        "西宁市人民检察院",
        "Xining Municipal People's Procuratorate",
        K.PROCURATORATE,
        L.MUNICIPAL,
        "630100",
        "qh",
        "宁检",
    ),
    OrgSpec(
        "cz",
        "西宁市城中区人民检察院",
        "Chengzhong District People's Procuratorate",
        K.PROCURATORATE,
        L.COUNTY,
        "630103",
        "xining",
        "城检",
    ),
    OrgSpec(
        "cz_court",
        "西宁市城中区人民法院",
        "Chengzhong District People's Court",
        K.COURT,
        L.COUNTY,
        "630103",
        abbreviation="城法",
    ),
    # the public security organ a refusal to execute a judgment is referred to (seed 001)
    OrgSpec(
        "cz_police",
        "西宁市公安局城中分局",
        "Chengzhong Branch, Xining Public Security Bureau",
        K.PUBLIC_SECURITY,
        L.COUNTY,
        "630103",
        abbreviation="城公",
        uscc_seed="11630103MB0000008",
    ),
    # Anhui: Wanzhi District of Wuhu (seed 002) and Sixian County of Suzhou (seed 003)
    OrgSpec(
        "ah",
        "安徽省人民检察院",
        "Anhui Provincial People's Procuratorate",
        K.PROCURATORATE,
        L.PROVINCIAL,
        "340000",
        abbreviation="皖检",
    ),
    OrgSpec(
        "wuhu",
        "芜湖市人民检察院",
        "Wuhu Municipal People's Procuratorate",
        K.PROCURATORATE,
        L.MUNICIPAL,
        "340200",
        "ah",
        "芜检",
    ),
    OrgSpec(
        "wz",
        "芜湖市湾沚区人民检察院",
        "Wanzhi District People's Procuratorate",
        K.PROCURATORATE,
        L.COUNTY,
        "340210",
        "wuhu",
        "湾检",
    ),
    OrgSpec(
        "wz_bureau",
        "芜湖市湾沚区司法局",
        "Wanzhi District Judicial Bureau",
        K.JUDICIAL_BUREAU,
        L.COUNTY,
        "340210",
        abbreviation="湾司",
    ),
    OrgSpec(
        "wz_aid",
        "芜湖市湾沚区法律援助中心",
        "Wanzhi District Legal Aid Centre",
        K.LEGAL_AID_CENTRE,
        L.COUNTY,
        "340210",
        "wz_bureau",
        "湾援",
    ),
    # the court before which Wanzhi's support-prosecution suits are brought (seed 002)
    OrgSpec(
        "wz_court",
        "芜湖市湾沚区人民法院",
        "Wanzhi District People's Court",
        K.COURT,
        L.COUNTY,
        "340210",
        abbreviation="湾法",
    ),
    OrgSpec(
        "suzhou",
        "宿州市人民检察院",
        "Suzhou Municipal People's Procuratorate",
        K.PROCURATORATE,
        L.MUNICIPAL,
        "341300",
        "ah",
        "宿检",
    ),
    OrgSpec(
        "sx",
        "泗县人民检察院",
        "Sixian County People's Procuratorate",
        K.PROCURATORATE,
        L.COUNTY,
        "341324",
        "suzhou",
        "泗检",
    ),
    OrgSpec(
        "sx_court",
        "泗县人民法院",
        "Sixian County People's Court",
        K.COURT,
        L.COUNTY,
        "341324",
        abbreviation="泗法",
    ),
    # Shanxi: Datong (seed 004)
    OrgSpec(
        "sxp",
        "山西省人民检察院",
        "Shanxi Provincial People's Procuratorate",
        K.PROCURATORATE,
        L.PROVINCIAL,
        "140000",
        abbreviation="晋检",
    ),
    OrgSpec(
        "dt",
        "大同市人民检察院",
        "Datong Municipal People's Procuratorate",
        K.PROCURATORATE,
        L.MUNICIPAL,
        "140200",
        "sxp",
        "同检",
    ),
    OrgSpec(
        "dt_youth",
        "共青团大同市委员会青年志愿者协会",
        "Datong Youth Volunteers Association (Communist Youth League)",
        K.VOLUNTEER_ORGANISATION,
        L.MUNICIPAL,
        "140200",
        uscc_seed="51140200MJ0000005",
    ),
    OrgSpec(
        "dt_env",
        "大同市生态环境局",
        "Datong Municipal Ecology and Environment Bureau",
        K.ADMINISTRATIVE_AGENCY,
        L.MUNICIPAL,
        "140200",
        uscc_seed="11140200MB0000006",
    ),
    OrgSpec(
        "dt_resources",
        "大同市规划和自然资源局",
        "Datong Municipal Planning and Natural Resources Bureau",
        K.ADMINISTRATIVE_AGENCY,
        L.MUNICIPAL,
        "140200",
        uscc_seed="11140200MB0000007",
    ),
    OrgSpec(
        "dt_court",
        "山西省大同市中级人民法院",
        "Datong Intermediate People's Court",
        K.COURT,
        L.MUNICIPAL,
        "140200",
        abbreviation="同中法",
    ),
]

# (username, name, English name, organisation key, roles)
PEOPLE = [
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
    ("cz_prosecutor", "刘晓明", "Liu Xiaoming", "cz", [Role.PROSECUTOR, Role.LIAISON]),
    ("cz_judge", "沈浩", "Shen Hao", "cz_court", [Role.JUDGE, Role.LIAISON]),
    ("cz_enforcement", "刘烈", "Liu Lie", "cz_court", [Role.ENFORCEMENT_OFFICER]),
    ("cz_head", "马海燕", "Ma Haiyan", "cz", [Role.DEPARTMENT_HEAD]),
    ("cz_chief", "韩永青", "Han Yongqing", "cz", [Role.CHIEF_PROCURATOR]),
    ("cz_police", "马国栋", "Ma Guodong", "cz_police", [Role.POLICE_OFFICER, Role.LIAISON]),
    ("wz_prosecutor", "陈静", "Chen Jing", "wz", [Role.PROSECUTOR, Role.LIAISON]),
    ("wz_bureau", "吴强", "Wu Qiang", "wz_bureau", [Role.BUREAU_OFFICER, Role.LIAISON]),
    ("wz_aid", "郑雪", "Zheng Xue", "wz_aid", [Role.LEGAL_AID_OFFICER]),
    ("wz_judge", "宋立新", "Song Lixin", "wz_court", [Role.JUDGE]),
    ("sx_chief", "黄春雷", "Huang Chunlei", "sx", [Role.CHIEF_PROCURATOR]),
    ("sx_prosecutor", "杨帆", "Yang Fan", "sx", [Role.PROSECUTOR, Role.LIAISON]),
    ("sx_head", "朱宏伟", "Zhu Hongwei", "sx", [Role.DEPARTMENT_HEAD]),
    ("sx_president", "刚杰", "Gang Jie", "sx_court", [Role.COURT_PRESIDENT]),
    ("sx_enforcement", "许亮", "Xu Liang", "sx_court", [Role.ENFORCEMENT_OFFICER, Role.LIAISON]),
    ("dt_chief", "郑立明", "Zheng Liming", "dt", [Role.CHIEF_PROCURATOR]),
    ("dt_head", "梁瑞华", "Liang Ruihua", "dt", [Role.DEPARTMENT_HEAD]),
    # keeps the procuratorate's cooperation partners (/orgs/): who it sends notices to
    ("dt_admin", "李晓东", "Li Xiaodong", "dt", [Role.ADMINISTRATOR]),
    ("dt_clue", "胡燕", "Hu Yan", "dt", [Role.CLUE_OFFICER]),
    ("dt_prosecutor", "罗伟民", "Luo Weimin", "dt", [Role.PROSECUTOR, Role.LIAISON]),
    ("dt_coordinator", "付宇", "Fu Yu", "dt_youth", [Role.VOLUNTEER_COORDINATOR, Role.LIAISON]),
    ("dt_agency", "吴祖阳", "Wu Zuyang", "dt_env", [Role.AGENCY_OFFICER]),
    ("dt_judge", "高文斌", "Gao Wenbin", "dt_court", [Role.JUDGE]),
    ("sxp_head", "武建华", "Wu Jianhua", "sxp", [Role.DEPARTMENT_HEAD]),
]

# Who works with whom, as the seeds' agreements bind them (organisation, partner, agreement): a
# notice goes only to a partner (orgs.selectors.organisations_reachable_from).
COOPERATIONS = [
    ("kbs", "kbs_court", "认罪认罚从宽制度适用与值班律师工作协作机制"),
    ("kbs", "kbs_bureau", "保障律师执业权利协作机制"),
    ("kbs", "ordos_bar", "保障律师执业权利协作机制"),
    ("cz", "cz_court", "检察长列席审判委员会会议与民事检察协作机制"),
    ("cz", "cz_police", "拒不执行判决、裁定案件移送协作机制"),
    ("wz", "wz_bureau", "支持起诉与法律援助衔接协作机制"),
    ("wz", "wz_aid", "支持起诉与法律援助衔接协作机制"),
    ("wz", "wz_court", "支持起诉工作衔接机制"),
    ("sx", "sx_court", "关于完善民事执行活动法律监督协作配合机制的意见"),
    ("dt", "dt_env", "公益诉讼检察与行政执法协作机制"),
    ("dt", "dt_resources", "公益诉讼检察与行政执法协作机制"),
    ("dt", "dt_court", "公益诉讼审判与检察协作机制"),
    ("dt", "dt_youth", "公益诉讼志愿者协作机制"),
]

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


def _uscc(seed: str) -> str:
    return seed + uscc_check_char(seed) if seed else ""


def _resident_id(n: int, place: str = "150603") -> str:
    first17 = f"{place}19{80 + n % 20:02d}0{1 + n % 9}1{n % 10}{n:03d}"[:17]
    return first17 + resident_id_check_char(first17)


def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo world (once) and return (username, name, roles) for each account."""
    if User.objects.filter(username="admin").exists():
        return _accounts()
    with transaction.atomic():
        orgs, users = _organisations_and_people()
        for first, second, agreement in COOPERATIONS:
            cooperation_start(
                actor=None, organisations=(orgs[first], orgs[second]), agreement=agreement
            )
    _notices(orgs, users)
    _public_interest(orgs, users)
    _lawyers(orgs, users)
    _petitions(orgs, users)
    from liaison.agreements import demo as agreements_demo

    agreements_demo.load(orgs, users)
    from liaison.meetings import demo as meetings_demo

    meetings_demo.load(orgs, users)
    from liaison.disputes import demo as disputes_demo

    # The courts' demo first: the Sixian dispute is about one of its recommendations.
    courts_demo.load(orgs, users)
    disputes_demo.load(orgs, users)
    from liaison.retrials import demo as retrials_demo

    retrials_demo.load(orgs, users)
    from liaison.flags import demo as flags_demo

    flags_demo.load(orgs, users)
    from liaison.committees import demo as committees_demo

    committees_demo.load(orgs, users)
    from liaison.supportprosecution import demo as support_demo

    support_demo.load(orgs, users)
    from liaison.legalaid import demo as legalaid_demo

    legalaid_demo.load(orgs, users)
    from liaison.supportprosecution import demo_figures as support_figures_demo

    support_figures_demo.load(orgs, users)
    User.objects.create_superuser(
        "admin", "admin@example.cn", DEMO_PASSWORD, name="系统管理员", name_en="Administrator"
    )
    return _accounts()


def _organisations_and_people() -> tuple[dict[str, Organisation], dict[str, User]]:
    orgs: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        org = Organisation(
            name=spec.name,
            name_en=spec.name_en,
            kind=spec.kind,
            level=spec.level,
            division=Division.objects.get(code=spec.division),
            parent=orgs.get(spec.parent) if spec.parent else None,
            abbreviation=spec.abbreviation,
            uscc=_uscc(spec.uscc_seed),
        )
        org.full_clean()
        org.save()
        orgs[spec.key] = org
    users: dict[str, User] = {}
    for n, (username, name, name_en, org_key, roles) in enumerate(PEOPLE, start=1):
        user = User(
            username=username,
            name=name,
            name_en=name_en,
            email=f"{username}@example.cn",
            mobile=f"1390477{n:04d}",
            resident_id=_resident_id(n),
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        for role in roles:
            Membership.objects.create(person=user, organisation=orgs[org_key], role=role)
        users[username] = user
    return orgs, users


def _notices(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
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


# -- Datong's public-interest clues and cases (seed 004) ------------------------------------------

YUNGANG, PINGCHENG, XINRONG, YUNZHOU = "140214", "140213", "140212", "140215"

RECOMMENDATION = {
    "facts": (
        "经现场勘查、走访周边群众并调取监测数据查明：该煤场露天堆存原煤约三万吨，未建设防风抑尘网，"
        "未对煤堆苫盖，装卸作业时未喷淋洒水，起风时煤尘飘散至周边村庄，PM10 监测浓度超标。"
    ),
    "opinion": (
        "根据《中华人民共和国大气污染防治法》第五条、第七十二条的规定，你局对本行政区域大气污染防治"
        "实施统一监督管理，对煤场未采取抑尘措施的违法行为负有监管职责。你局未依法全面履行监管职责，"
        "致使社会公共利益持续受到侵害。"
    ),
    "measures": (
        "依法查处该煤场未采取有效覆盖措施防治扬尘污染的违法行为\n"
        "督促该煤场建设防风抑尘网、全部苫盖煤堆并配备喷淋设施\n"
        "举一反三，对辖区内其他煤场开展扬尘污染专项排查"
    ),
}


def _demo_photo(name: str) -> SimpleUploadedFile:
    """A small JPEG standing for a phone photo."""
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (64, 48), (60, 60, 60)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def _clue(
    place: str, description: str, address: str, days_ago: int, reporter: User | None = None
) -> Matter:
    from liaison.places.models import Division
    from liaison.publicinterest.clue_actions import clue_submit
    from liaison.publicinterest.models import Field

    clue, _created = clue_submit(
        submission_key=uuid.uuid4(),
        field=Field.objects.get(code="ecology"),
        description=description,
        division=Division.objects.get(code=place),
        address=address,
        seen_on=timezone.localdate() - timedelta(days=days_ago),
        anonymous=reporter is None,
        reporter_name=reporter.name if reporter is not None else "",
        reporter_mobile=reporter.mobile if reporter is not None else "",
        reporter=reporter,
        photos=[(_demo_photo("现场.jpg"), "image/jpeg")],
    )
    return clue


# Datong's public-interest volunteers (seed 004): name, mobile (their user name), the roles they
# take on. Registered as anyone registers on a phone, they join the youth league's volunteers.
DATONG_VOLUNTEERS = [
    ("宋柳金", "13703520101", ["clue_collector", "publicist"]),
    ("李静怡", "13703520102", ["rectification_supervisor"]),
    ("王浩", "13703520103", ["publicist"]),
]
PINGCHENG_PLACE = "140213"


def _datong_volunteers(youth: Organisation) -> list[User]:
    """Seed 004's volunteers through the real actions: registered with real name, mobile and
    resident ID, members of the Datong youth volunteers, each with their roles."""
    from liaison.volunteers.actions import volunteer_join, volunteer_register, volunteer_set_roles

    volunteers = []
    for n, (name, mobile, roles) in enumerate(DATONG_VOLUNTEERS, start=1):
        person = volunteer_register(
            name=name,
            mobile=mobile,
            resident_id=_resident_id(n, place=PINGCHENG_PLACE),
            password=DEMO_PASSWORD,
        )
        volunteer_join(person=person, organisation=youth)
        volunteer_set_roles(person=person, roles=roles)
        volunteers.append(person)
    return volunteers


def _public_interest(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    """At the Datong procuratorate: a case reported by a volunteer, followed on site by a
    volunteer supervisor, heard in a public hearing with volunteers and closed as rectified; one
    waiting for the bureau's reply (the same supervisor follows it); a civil case being
    announced; a recommendation awaiting the chief procurator's approval; one clue waiting in
    triage and one not accepted. Filing and serving go through the department head's and the
    chief procurator's approval, as they must."""
    from liaison.publicinterest.models import PILCase
    from liaison.publicinterest.supervision_actions import (
        observation_file,
        observation_review,
        supervisor_assign,
    )
    from liaison.recommendations.models import Recommendation

    officer, prosecutor = access_for(users["dt_clue"]), access_for(users["dt_prosecutor"])
    bureau = access_for(users["dt_agency"])
    head, chief = access_for(users["dt_head"]), access_for(users["dt_chief"])

    def approved(matter: Matter, *, by: tuple[Access, ...] = (head, chief)) -> None:
        """The step submitted on ``matter``, approved by the department head, then the chief."""
        for approver in by:
            approval_approve(matter=matter, access=approver)

    def file(case: Matter, data: dict[str, Any]) -> None:
        transition(matter=case, name="file", access=prosecutor, data=data)
        approved(case)

    def recommend(case: Matter, *, by: tuple[Access, ...] = (head, chief)) -> Matter:
        """Draft the recommendation, submit it for serving, and have it approved by ``by``."""
        transition(matter=case, name="recommend", access=prosecutor, data=RECOMMENDATION)
        draft = Recommendation.objects.get(source_id=case.pk)
        transition(matter=draft, name="serve", access=prosecutor)
        approved(draft, by=by)
        return draft

    collector, supervisor, publicist = _datong_volunteers(orgs["dt_youth"])

    def case_of(clue: Matter) -> PILCase:
        return PILCase.objects.get(clues__pk=clue.pk)

    # 1. Reported by a volunteer (who earns the points once it is accepted); recommended, the
    # bureau replies; the volunteer supervisor reports from the site and her report is
    # accepted; a public hearing hears the volunteers; closed as rectified.
    clue = _clue(
        YUNGANG,
        "口泉乡杨家窑村东的露天煤场堆放大量原煤，没有苫盖也没有围挡，一刮风煤灰就飘进村里，"
        "家家窗台都是黑的。",
        "云冈区口泉乡杨家窑村东煤场",
        20,
        reporter=collector,
    )
    transition(
        matter=clue,
        name="accept",
        access=officer,
        data={"kind": "administrative", "administrative_agency": orgs["dt_env"].pk},
    )
    case = case_of(clue)
    file(
        case,
        {
            "administrative_agency": orgs["dt_env"].pk,
            "note": "经初查，煤场扬尘污染属实，可能存在行政机关未依法履职情形。",
        },
    )
    recommendation = recommend(case)
    case.refresh_from_db()
    supervisor_assign(case=case, access=prosecutor, person=supervisor)
    transition(
        matter=recommendation,
        name="reply",
        access=bureau,
        data={
            "reply": "我局收到检察建议后即对该煤场立案查处，处罚款十万元，责令其建设防风抑尘网、"
            "全部苫盖并安装喷淋设施，现已整改完毕；同时对全市煤场开展了专项排查。",
            "reply_outcome": "rectified",
        },
        files={"evidence": [_demo_photo("整改后煤场.jpg")]},
    )
    case.refresh_from_db()
    report = observation_file(
        case=case,
        author=supervisor,
        observed_on=timezone.localdate() - timedelta(days=1),
        finding="rectified",
        note="到杨家窑村东煤场实地查看：防风抑尘网已建成，煤堆全部苫盖，装卸时有喷淋，村民说窗台不再落煤灰。",
        photos=[(_demo_photo("志愿者现场.jpg"), "image/jpeg")],
    )
    observation_review(observation=report, access=prosecutor, accept=True)
    observation_file(
        case=case,
        author=users["dt_prosecutor"],
        observed_on=timezone.localdate(),
        finding="rectified",
        note="现场核查：防风抑尘网已建成，煤堆全部苫盖，喷淋设施运行正常，未见扬尘。",
        photos=[(_demo_photo("复查.jpg"), "image/jpeg")],
    )
    _rectification_hearing(
        case,
        users["dt_prosecutor"],
        invited=[collector, supervisor, publicist],
        present=[collector, publicist],
    )
    transition(
        matter=case,
        name="close_rectified",
        access=prosecutor,
        data={"note": "经跟进监督和现场核查，行政机关已依法全面履职，煤场扬尘污染整改到位。"},
    )
    approved(case, by=(chief,))  # closing without a suit: the chief procurator approves

    # 2. Anonymous; the recommendation was served and the bureau has yet to reply.
    clue = _clue(
        PINGCHENG,
        "御河东岸储煤场紧挨居民小区，运煤车进出不冲洗，道路上全是煤泥，储煤棚四面敞开。",
        "平城区御河东路储煤场",
        9,
    )
    transition(
        matter=clue,
        name="accept",
        access=officer,
        data={"kind": "administrative", "administrative_agency": orgs["dt_env"].pk},
    )
    case = case_of(clue)
    file(case, {"administrative_agency": orgs["dt_env"].pk})
    recommend(case)
    case.refresh_from_db()
    supervisor_assign(case=case, access=prosecutor, person=supervisor)

    # 3. A civil case against a company dumping coal gangue, announced for thirty days.
    clue = _clue(
        XINRONG,
        "有公司把煤矸石倒在村里的耕地上，堆了好几亩，下雨后黑水流进地里，庄稼都死了。",
        "新荣区郭家窑乡耕地",
        15,
    )
    transition(matter=clue, name="accept", access=officer, data={"kind": "civil"})
    case = case_of(clue)
    file(case, {"respondent": "大同市某煤炭运销有限公司"})
    transition(
        matter=case,
        name="announce",
        access=prosecutor,
        data={
            "announcement": (
                "大同市某煤炭运销有限公司在新荣区郭家窑乡耕地倾倒煤矸石，污染土壤，"
                "损害社会公共利益。本院拟提起民事公益诉讼，法律规定的机关和有关组织"
                "可自公告之日起三十日内向人民法院提起诉讼。"
            )
        },
    )

    # 4. A recommendation drafted and approved by the department head, awaiting the chief
    # procurator's approval before it is served (the bureau sees nothing of it yet).
    clue = _clue(
        YUNZHOU,
        "西坪镇一处洗煤厂把洗煤废水直接排进河道，河水发黑，下游村民不敢用河水浇地。",
        "云州区西坪镇御河支流",
        12,
    )
    transition(
        matter=clue,
        name="accept",
        access=officer,
        data={"kind": "administrative", "administrative_agency": orgs["dt_env"].pk},
    )
    case = case_of(clue)
    file(case, {"administrative_agency": orgs["dt_env"].pk})
    recommend(case, by=(head,))

    # 7. A civil case sued before the Datong Intermediate People's Court, registered there
    # and judged (publicinterest/demo.py).
    from liaison.publicinterest import demo as publicinterest_demo

    publicinterest_demo.suit(
        orgs,
        users,
        clue=_clue(
            XINRONG,
            "十里河边有家焦化厂晚上偷偷往河里排黑水，河水发臭，鱼都死了。",
            "新荣区十里河焦化厂排污口",
            40,
        ),
    )

    # 5. Waiting in the clue officer's triage queue; 6. not accepted.
    _clue(YUNZHOU, "运煤货车不苫盖，沿途撒落煤块煤灰，路边树木都被染黑。", "云州区 208 国道沿线", 2)
    clue = _clue(YUNGANG, "邻居家冬天烧煤取暖冒黑烟，熏到我家了，多次协商无果。", "云冈区新平旺", 5)
    transition(
        matter=clue,
        name="reject",
        access=officer,
        data={
            "note": "反映的问题属于相邻关系纠纷，不属于检察公益诉讼受案范围，建议通过人民调解解决。"
        },
    )


def _rectification_hearing(
    case: Matter, prosecutor: User, *, invited: list[User], present: list[User]
) -> None:
    """A public hearing on whether the rectification is complete, seed 004's "invite volunteers
    to the public hearings": scheduled, the volunteers invited and accepting, announced; then
    the demo's clock moves on to the hearing day (the one write that is not an action: a
    hearing is held at least three days after participants are told), attendance and the
    opinions are recorded, and it is closed."""
    from liaison.hearings.actions import hearing_invite, hearing_respond, hearing_schedule
    from liaison.hearings.models import Hearing, HearingRole

    access = access_for(prosecutor)
    hearing = hearing_schedule(
        access=access,
        case=case,
        title="关于杨家窑村东煤场扬尘污染整改情况的公开听证",
        subject="行政机关是否已依法全面履职、煤场扬尘污染是否整改到位",
        scheduled_at=timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
        + timedelta(days=10),
        place="大同市人民检察院听证室",
    )
    for person in invited:
        participant = hearing_invite(
            hearing=hearing, access=access, person=person, role=HearingRole.VOLUNTEER
        )
        hearing_respond(participant=participant, access=access_for(person), accept=True)
    transition(matter=hearing, name="announce", access=access)
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_at=timezone.now())
    hearing.refresh_from_db()
    transition(
        matter=hearing,
        name="hold",
        access=access,
        data={
            "attended": [str(p.pk) for p in hearing.participants.filter(person__in=present)],
            "opinions": "到场志愿者和听证员一致认为：煤场已建成防风抑尘网并全部苫盖，"
            "扬尘污染整改到位，行政机关已依法全面履职。",
        },
    )
    transition(
        matter=hearing,
        name="close",
        access=access,
        data={"note": "听证意见采纳，案件拟以整改到位结案。"},
    )


# -- Kangbashi's lawyers (seed 000) ---------------------------------------------------------------

# The three Kangbashi firms' lawyers (seed 000): (username, firm key, licence number).
LAWYERS = [
    ("lawyer_shuzheng", "shuzheng", "11506201210100231"),
    ("lawyer_xinyang", "xinyang", "11506201610000457"),
    ("lawyer_yikezhao", "yikezhao", "11506200910000118"),
]


def _lawyers(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
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


def _petitions(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
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


def _accounts() -> list[tuple[str, str, str]]:
    rows = []
    for user in (
        User.objects.filter(is_active=True)
        .prefetch_related("memberships__organisation")
        .order_by("pk")
    ):
        roles = ", ".join(
            f"{m.organisation.name} {m.get_role_display()}" for m in user.memberships.all()
        ) or ("superuser" if user.is_superuser else "")
        rows.append((user.username, user.display_name, roles))
    return rows
