"""Support prosecution's demo (seed 002): one wage case of the Wanzhi District procuratorate —
three migrant workers apply online, the prosecutor finds them eligible and accepts the case,
sends the support-prosecution opinion to the Wanzhi court, which acknowledges it; the judgment
awards the wages, and two instalments come back. Every step through the real actions; called
from ``core/demo/``. (The seed's 39 cases are the figures' demo, built on this one.)"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition

from . import actions
from .models import SupportCase, SupportCategory

WORKERS = [
    {"name": "刘大山", "group": "migrant_worker", "amount_owed": Decimal("18600.00")},
    {"name": "孙长林", "group": "migrant_worker", "amount_owed": Decimal("15200.00")},
    {"name": "何小兵", "group": "migrant_worker", "amount_owed": Decimal("12400.00")},
]
#: The demo's fixed submission key: loading twice never opens a second case.
KEY = uuid.UUID("5c1f2b1e-0002-4d8e-9a11-2a7d00000002")


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> SupportCase:
    procuratorate, court = orgs["wz"], orgs["wz_court"]
    prosecutor, judge = access_for(users["wz_prosecutor"]), access_for(users["wz_judge"])
    today = timezone.localdate()
    case, _new = actions.application_submit(
        submission_key=KEY,
        procuratorate=procuratorate,
        category=SupportCategory.objects.get(code="migrant_wages"),
        applicant_name="刘大山",
        applicant_mobile="13905530101",
        respondent="芜湖某建筑劳务有限公司",
        facts=(
            "2025年3月至10月，我们三人在湾沚区某住宅项目工地务工，芜湖某建筑劳务有限公司"
            "至今拖欠工资共计46200元，多次讨要未果。"
        ),
        beneficiaries=WORKERS,
        received_on=today - timedelta(days=40),
    )

    def take(name: str, access: object = prosecutor, **data: object) -> None:
        transition(
            matter=SupportCase.objects.get(pk=case.pk),
            name=name,
            access=access,  # type: ignore[arg-type]
            data=data,
        )

    take(
        "find_eligible",
        reasons="三名申请人系农民工，被拖欠劳动报酬，自行起诉确有困难，符合支持起诉条件。",
    )
    take("accept")
    take(
        "draft_opinion",
        court=court.pk,
        opinion_facts="被申请人芜湖某建筑劳务有限公司拖欠申请人刘大山等三名农民工工资共计46200元。",
        opinion_text="申请人系农民工，属于弱势群体，维权能力较弱。本院依法支持申请人向你院提起诉讼。",
    )
    take("send_opinion")
    take("acknowledge", judge, court_case_number=f"（{today.year}）皖0221民初1208号")
    take(
        "record_outcome",
        outcome="mediation",
        outcome_on=(today - timedelta(days=10)).isoformat(),
        amount_claimed="46200.00",
        amount_awarded="46200.00",
    )
    case = SupportCase.objects.get(pk=case.pk)
    for days, amount in ((7, "26200.00"), (1, "20000.00")):
        actions.recovery_record(
            access=prosecutor,
            case=case,
            received_on=today - timedelta(days=days),
            amount=Decimal(amount),
        )
    return case
