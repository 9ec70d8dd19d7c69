"""Support prosecution's world through the real actions: a procuratorate, the court and the
judicial bureau it works with, their people, and cases opened online, at the counter or on a
referral, then moved step by step."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import court as court_factory

from .. import actions
from ..models import SupportCase, SupportCategory

#: Valid resident IDs (their check characters hold).
IDS = ("110101199003070011", "110101199003070038", "110101199003070054")
WORKERS = [
    {
        "name": "张建国",
        "id_number": IDS[0],
        "group": "migrant_worker",
        "amount_owed": Decimal("12000.00"),
    },
    {
        "name": "李卫东",
        "id_number": IDS[1],
        "group": "migrant_worker",
        "amount_owed": Decimal("9800.50"),
    },
    {"name": "王小军", "group": "migrant_worker", "amount_owed": Decimal("7000")},
]
OPINION = {
    "opinion_facts": "被申请人拖欠申请人等三名农民工工资共计28800.50元。",
    "opinion_text": "申请人系农民工，维权能力较弱，本院支持其向你院提起诉讼。",
}


@dataclass
class World:
    procuratorate: Organisation
    court: Organisation
    bureau: Organisation
    prosecutor: User
    clerk: User
    head: User
    judge: User
    bureau_officer: User


def world() -> World:
    procuratorate = OrganisationFactory(
        name="芜湖市湾沚区人民检察院", abbreviation="湾检", division=division()
    )
    court = court_factory(name="芜湖市湾沚区人民法院", division=division())
    bureau = OrganisationFactory(
        name="芜湖市湾沚区司法局", kind=OrganisationKind.JUDICIAL_BUREAU, abbreviation="湾司"
    )
    prosecutor = member(procuratorate, Role.PROSECUTOR, name="陈检察官")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    return World(
        procuratorate=procuratorate,
        court=court,
        bureau=bureau,
        prosecutor=prosecutor,
        clerk=member(procuratorate, Role.CASE_MANAGEMENT, name="案管员"),
        head=member(procuratorate, Role.DEPARTMENT_HEAD, name="部门负责人"),
        judge=member(court, Role.JUDGE, name="沈法官"),
        bureau_officer=member(bureau, Role.BUREAU_OFFICER, name="司法局干部"),
    )


def category(code: str = "migrant_wages") -> SupportCategory:
    return SupportCategory.objects.get(code=code)


def case_fields(**fields: Any) -> dict[str, Any]:
    return {
        "category": fields.pop("category", None) or category(),
        "applicant_name": "张建国",
        "applicant_mobile": "13912345678",
        "respondent": "芜湖某建筑劳务有限公司",
        "facts": "2025年在工地务工，公司拖欠三人工资共计28800.50元。",
        "beneficiaries": WORKERS,
        **fields,
    }


def applied_online(w: World, **fields: Any) -> SupportCase:
    case, _new = actions.application_submit(
        submission_key=fields.pop("submission_key", None) or uuid.uuid4(),
        procuratorate=w.procuratorate,
        received_on=fields.pop("received_on", date.today()),
        **case_fields(**fields),
    )
    return case


def opened_at_counter(w: World, **fields: Any) -> SupportCase:
    return actions.case_open(
        access=access_for(w.prosecutor),
        owner=w.procuratorate,
        channel=fields.pop("channel", "counter"),
        received_on=fields.pop("received_on", date.today()),
        **case_fields(**fields),
    )


def take(case: SupportCase, name: str, who: User, **data: Any) -> SupportCase:
    transition(matter=case, name=name, access=access_for(who), data=data)
    return SupportCase.objects.get(pk=case.pk)


def accepted(w: World) -> SupportCase:
    case = applied_online(w)
    case = take(case, "find_eligible", w.prosecutor, reasons="申请人系农民工，符合支持起诉条件。")
    return take(case, "accept", w.prosecutor)


def sent(w: World) -> SupportCase:
    case = accepted(w)
    case = take(case, "draft_opinion", w.prosecutor, court=w.court.pk, **OPINION)
    return take(case, "send_opinion", w.prosecutor)


def judged(w: World, awarded: str = "28800.50") -> SupportCase:
    case = take(sent(w), "acknowledge", w.judge, court_case_number="（2026）皖0221民初100号")
    return take(
        case,
        "record_outcome",
        w.prosecutor,
        outcome="judgment",
        outcome_on=date.today().isoformat(),
        amount_claimed="28800.50",
        amount_awarded=awarded,
    )


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: a case judged, its opinion sent to the court."""
    w = world()
    case = judged(w)
    person = case.beneficiaries.first()
    assert person is not None
    return {
        "case": case,
        "guarded": {
            "supportprosecution:beneficiary-add": ("post", [case.pk]),
            "supportprosecution:beneficiary-remove": ("post", [case.pk, person.pk]),
            "supportprosecution:recovery-add": ("post", [case.pk]),
            "supportprosecution:opinion": ("get", [case.pk, "pdf"]),
        },
    }
