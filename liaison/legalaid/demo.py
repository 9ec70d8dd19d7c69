"""The legal-aid referrals' demo (seed 002, Wanzhi District of Wuhu): the procuratorate refers a
migrant worker to the district's legal-aid centre, which accepts and assigns an aid lawyer; the
centre refers an elderly man's alimony case to the procuratorate, awaiting its decision. Every
step through the real actions; called from ``core/demo/``."""

from __future__ import annotations

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.validators import resident_id_check_char, uscc_check_char
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition

from .actions import referral_send
from .models import Category

#: The aid lawyer's account (a Wuhu law firm's lawyer, verified by the district's bureau).
AID_LAWYER = "wz_lawyer"
_FIRM_USCC = "9134020073Y0A8B2X"


def _id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    from liaison.core.demo import DEMO_PASSWORD
    from liaison.lawyers.actions import lawyer_register

    procuratorate, centre = orgs["wz"], orgs["wz_aid"]
    prosecutor, officer = access_for(users["wz_prosecutor"]), access_for(users["wz_aid"])
    lawyer = lawyer_register(
        name="孙立新",
        mobile="13905530188",
        licence_number="13402201811123456",
        firm_name="安徽湾沚律师事务所",
        firm_uscc=_FIRM_USCC + uscc_check_char(_FIRM_USCC),
        procuratorate=procuratorate,
        username=AID_LAWYER,
        password=DEMO_PASSWORD,
    )
    transition(
        matter=lawyer.registrations.get(), name="verify", access=access_for(users["wz_bureau"])
    )

    to_centre = referral_send(
        access=prosecutor,
        sender=procuratorate,
        receiver=centre,
        category=Category.WAGES,
        title="农民工追索劳动报酬",
        person_name="刘德胜",
        person_id_number=_id("34022119800312451"),
        person_mobile="13955311024",
        facts="刘德胜等在湾沚区某工地务工，施工方拖欠工资共四万二千元，经检察院释法后申请法律援助。",
    )
    transition(
        matter=to_centre,
        name="accept",
        access=officer,
        data={"note": "经审查符合法律援助条件，予以受理。"},
    )
    transition(
        matter=to_centre,
        name="assign_lawyer",
        access=officer,
        data={"lawyer": str(lawyer.pk), "note": "请尽快与受援人联系。"},
    )

    referral_send(
        access=officer,
        sender=centre,
        receiver=procuratorate,
        category=Category.ELDERLY,
        title="老人追索赡养费",
        person_name="何桂芳",
        person_id_number=_id("34022119440921262"),
        facts="七十九岁老人何桂芳，子女长期拒付赡养费，本人起诉能力不足，请求检察院支持起诉。",
        respondent="何某某等（其子女）",
    )
