"""The demo's Datong, Shanxi (seed 004): the province's and Datong's procuratorates, the youth
league's volunteers, the two agencies and the intermediate court, their people and cooperations;
and, through the real actions, Datong's public-interest clues and cases (coal-yard dust) in
every stage with its volunteers (registered, reporting a clue, supervising a rectification,
heard at a public hearing).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import Access, access_for
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.models import Matter

from .world import DEMO_PASSWORD, Cooperation, L, OrgSpec, Person, resident_id

ORGANISATIONS = [
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
PEOPLE: list[Person] = [
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

COOPERATIONS: list[Cooperation] = [
    ("dt", "dt_env", "公益诉讼检察与行政执法协作机制"),
    ("dt", "dt_resources", "公益诉讼检察与行政执法协作机制"),
    ("dt", "dt_court", "公益诉讼审判与检察协作机制"),
    ("dt", "dt_youth", "公益诉讼志愿者协作机制"),
]


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
            resident_id=resident_id(n, place=PINGCHENG_PLACE),
            password=DEMO_PASSWORD,
        )
        volunteer_join(person=person, organisation=youth)
        volunteer_set_roles(person=person, roles=roles)
        volunteers.append(person)
    return volunteers


def load_public_interest(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
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
