"""The demo's Chengzhong District of Xining, Qinghai (seed 001): the province's, Xining's and
Chengzhong's procuratorates, the district court and the public security organ a refusal to
execute a judgment is referred to, their people and cooperations. Its matters are loaded by the
apps' own demos (their ``demo.py``) and by ``notices.py``.

Chengzhong District is ambiguous in seed 001 (there are several); Xining's (630103) is used.
"""

from __future__ import annotations

from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role

from .world import Cooperation, L, OrgSpec, Person

ORGANISATIONS = [
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
]

# (username, name, English name, organisation key, roles)
PEOPLE: list[Person] = [
    ("cz_prosecutor", "刘晓明", "Liu Xiaoming", "cz", [Role.PROSECUTOR, Role.LIAISON]),
    ("cz_judge", "沈浩", "Shen Hao", "cz_court", [Role.JUDGE, Role.LIAISON]),
    ("cz_enforcement", "刘烈", "Liu Lie", "cz_court", [Role.ENFORCEMENT_OFFICER]),
    ("cz_head", "马海燕", "Ma Haiyan", "cz", [Role.DEPARTMENT_HEAD]),
    ("cz_chief", "韩永青", "Han Yongqing", "cz", [Role.CHIEF_PROCURATOR]),
    ("cz_police", "马国栋", "Ma Guodong", "cz_police", [Role.POLICE_OFFICER, Role.LIAISON]),
]

COOPERATIONS: list[Cooperation] = [
    ("cz", "cz_court", "检察长列席审判委员会会议与民事检察协作机制"),
    ("cz", "cz_police", "拒不执行判决、裁定案件移送协作机制"),
]
