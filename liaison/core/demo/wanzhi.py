"""The demo's Wanzhi District of Wuhu, Anhui (seed 002): the province's, Wuhu's and Wanzhi's
procuratorates, Wanzhi's judicial bureau and legal-aid centre, and the court before which its
support-prosecution suits are brought, their people and cooperations. Its matters are loaded by
the apps' own demos (their ``demo.py``) and by ``notices.py``.
"""

from __future__ import annotations

from liaison.orgs.roles import OrganisationKind as K
from liaison.orgs.roles import Role

from .world import Cooperation, L, OrgSpec, Person

ORGANISATIONS = [
    # Anhui: Wanzhi District of Wuhu (seed 002); Sixian County of Suzhou is in sixian.py
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
]

# (username, name, English name, organisation key, roles)
PEOPLE: list[Person] = [
    ("wz_prosecutor", "陈静", "Chen Jing", "wz", [Role.PROSECUTOR, Role.LIAISON]),
    ("wz_bureau", "吴强", "Wu Qiang", "wz_bureau", [Role.BUREAU_OFFICER, Role.LIAISON]),
    ("wz_aid", "郑雪", "Zheng Xue", "wz_aid", [Role.LEGAL_AID_OFFICER]),
    ("wz_judge", "宋立新", "Song Lixin", "wz_court", [Role.JUDGE]),
]

COOPERATIONS: list[Cooperation] = [
    ("wz", "wz_bureau", "支持起诉与法律援助衔接协作机制"),
    ("wz", "wz_aid", "支持起诉与法律援助衔接协作机制"),
    ("wz", "wz_court", "支持起诉工作衔接机制"),
]
