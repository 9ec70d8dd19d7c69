"""Legal-aid referrals for tests, made through the real actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.core.validators import resident_id_check_char
from liaison.lawyers.models import Lawyer
from liaison.lawyers.tests import factories as lawyer_factories
from liaison.legalaid.actions import referral_send
from liaison.legalaid.models import Category, LegalAidReferral
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition

PERSON = "王小明"
PERSON_ID = "34022119870506123" + resident_id_check_char("34022119870506123")


@dataclass
class World:
    procuratorate: Organisation
    centre: Organisation
    other_centre: Organisation
    bureau: Organisation
    prosecutor: User
    colleague: User
    aid_officer: User
    other_officer: User
    stranger: User
    lawyer: Lawyer
    other_lawyer: Lawyer


def world() -> World:
    """A procuratorate working with a legal-aid centre (and with the judicial bureau, which is
    not a centre); another centre it does not work with; an aid officer of each; two verified
    lawyers of the area; a stranger from elsewhere."""
    procuratorate = OrganisationFactory(name="芜湖市湾沚区人民检察院")
    centre = OrganisationFactory(
        name="芜湖市湾沚区法律援助中心", kind=OrganisationKind.LEGAL_AID_CENTRE
    )
    other_centre = OrganisationFactory(
        name="另一法律援助中心", kind=OrganisationKind.LEGAL_AID_CENTRE
    )
    bureau = OrganisationFactory(name="芜湖市湾沚区司法局", kind=OrganisationKind.JUDICIAL_BUREAU)
    prosecutor = member(procuratorate, Role.PROSECUTOR, name="陈静")
    for partner in (centre, bureau):
        cooperation_start(actor=prosecutor, organisations=(procuratorate, partner))
    lawyer = lawyer_factories.lawyer(at=procuratorate, name="周律师")
    other_lawyer = lawyer_factories.lawyer(at=procuratorate, name="吴律师")
    return World(
        procuratorate=procuratorate,
        centre=centre,
        other_centre=other_centre,
        bureau=bureau,
        prosecutor=prosecutor,
        colleague=member(procuratorate, Role.PROSECUTOR),
        aid_officer=member(centre, Role.LEGAL_AID_OFFICER, name="郑雪"),
        other_officer=member(other_centre, Role.LEGAL_AID_OFFICER),
        stranger=member(OrganisationFactory(), Role.PROSECUTOR),
        lawyer=lawyer,
        other_lawyer=other_lawyer,
    )


def referral(w: World, **fields: Any) -> LegalAidReferral:
    """A person referred by the prosecutor to the centre."""
    return referral_send(
        access=access_for(fields.pop("by", w.prosecutor)),
        sender=fields.pop("sender", w.procuratorate),
        receiver=fields.pop("receiver", w.centre),
        category=fields.pop("category", Category.WAGES),
        title=fields.pop("title", "农民工追索劳动报酬"),
        person_name=fields.pop("person_name", PERSON),
        person_id_number=fields.pop("person_id_number", PERSON_ID),
        person_mobile=fields.pop("person_mobile", "13955300001"),
        facts=fields.pop("facts", "某建筑公司拖欠其工资三万元，申请法律援助。"),
        **fields,
    )


def accepted(w: World, **fields: Any) -> LegalAidReferral:
    matter = referral(w, **fields)
    transition(matter=matter, name="accept", access=access_for(w.aid_officer), data={"note": ""})
    return LegalAidReferral.objects.get(pk=matter.pk)


def assigned(w: World, **fields: Any) -> LegalAidReferral:
    matter = accepted(w, **fields)
    transition(
        matter=matter,
        name="assign_lawyer",
        access=access_for(w.aid_officer),
        data={"lawyer": str(w.lawyer.pk)},
    )
    return LegalAidReferral.objects.get(pk=matter.pk)


def from_centre(w: World, **fields: Any) -> LegalAidReferral:
    """A case the centre refers to the procuratorate."""
    return referral(
        w,
        by=w.aid_officer,
        sender=w.centre,
        receiver=w.procuratorate,
        title=fields.pop("title", "老人追索赡养费"),
        category=Category.ELDERLY,
        respondent=fields.pop("respondent", "刘某（其子）"),
        **fields,
    )
