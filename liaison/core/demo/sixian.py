"""The demo's Sixian County of Suzhou, Anhui (seed 003): Suzhou's and Sixian's procuratorates and
the county court, their people and cooperations (the province's procuratorate is Wanzhi's
module's). Its matters are loaded by the apps' own demos (their ``demo.py``) and by
``notices.py``.
"""

from __future__ import annotations

from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role

from .world import Cooperation, L, OrgSpec, Person

ORGANISATIONS = [
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
]

# (username, name, English name, organisation key, roles)
PEOPLE: list[Person] = [
    ("sx_chief", "黄春雷", "Huang Chunlei", "sx", [Role.CHIEF_PROCURATOR]),
    ("sx_prosecutor", "杨帆", "Yang Fan", "sx", [Role.PROSECUTOR, Role.LIAISON]),
    ("sx_head", "朱宏伟", "Zhu Hongwei", "sx", [Role.DEPARTMENT_HEAD]),
    ("sx_president", "刚杰", "Gang Jie", "sx_court", [Role.COURT_PRESIDENT]),
    ("sx_enforcement", "许亮", "Xu Liang", "sx_court", [Role.ENFORCEMENT_OFFICER, Role.LIAISON]),
]

COOPERATIONS: list[Cooperation] = [
    ("sx", "sx_court", "关于完善民事执行活动法律监督协作配合机制的意见"),
]
