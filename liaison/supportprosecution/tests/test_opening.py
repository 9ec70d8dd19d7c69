"""Opening a case: online without an account (one case however often the application is
posted), at the counter or by phone, and on a referral; bad input changes nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from liaison.core.access import SYSTEM, access_for
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import MatterParty, Relation

from .. import actions
from ..models import Beneficiary, SupportCase
from .factories import IDS, applied_online, case_fields, category, world

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
PLACE = "内蒙古自治区鄂尔多斯市康巴什区青春山街道"


def application(w: Any, key: str | None = None, **overrides: Any) -> dict[str, Any]:
    """What the public form posts: the case and three workers."""
    data = {
        "submission_key": key or str(uuid.uuid4()),
        "address": PLACE,  # the test world's procuratorate is Kangbashi's
        "category": str(category().pk),
        "applicant_name": "张建国",
        "applicant_mobile": "13912345678",
        "applicant_id_number": IDS[0],
        "respondent": "芜湖某建筑劳务有限公司",
        "facts": "公司拖欠我们三人2025年的工资。",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "1",
        "people-MAX_NUM_FORMS": "200",
    }
    people = (("张建国", "12000"), ("李卫东", "9800.50"), ("王小军", ""))
    for n, (name, amount) in enumerate(people):
        data |= {
            f"people-{n}-name": name,
            f"people-{n}-group": "migrant_worker",
            f"people-{n}-amount_owed": amount,
        }
    data.update(overrides)
    return data


def test_the_public_form_needs_no_account_and_gives_a_query_code(client) -> None:
    w = world()
    assert client.get(reverse("supportprosecution:apply"), **ZH).status_code == 200
    response = client.post(reverse("supportprosecution:apply"), application(w), **ZH)
    assert response.status_code == 302 and response["Location"].endswith("/apply/receipt/")
    case = SupportCase.objects.get()
    assert case.channel == "online" and case.state == "applied"
    assert [b.name for b in case.beneficiaries.all()] == ["张建国", "李卫东", "王小军"]
    page = client.get(response["Location"], **ZH).content.decode()
    assert case.query_code_display in page and "芜湖市湾沚区人民检察院" in page


def test_the_same_application_posted_twice_is_one_case(client) -> None:
    w = world()
    data = application(w)
    first = client.post(reverse("supportprosecution:apply"), data)
    second = client.post(reverse("supportprosecution:apply"), data)
    assert first.status_code == second.status_code == 302
    assert SupportCase.objects.count() == 1
    assert Beneficiary.objects.count() == 3


def test_the_action_answers_a_submission_key_stored_already_with_its_case() -> None:
    w = world()
    key = uuid.uuid4()
    first = applied_online(w, submission_key=key)
    again, new = actions.application_submit(
        submission_key=key,
        procuratorate=w.procuratorate,
        received_on=date.today(),
        **case_fields(),
    )
    assert again == first and not new and SupportCase.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("people-0-name", "", "必填"),
        ("people-1-amount_owed", "-5", "金额不能为负数"),
        ("people-1-amount_owed", "一万", "请以元为单位填写金额"),
        ("people-1-amount_owed", "100.123", "金额最多保留两位小数"),
        ("people-1-id_number", "110101199003070012", "校验码不正确"),
        ("applicant_mobile", "12345", "手机号码"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_what_was_typed(
    client: Any, field: str, value: str, message: str
) -> None:
    w = world()
    response = client.post(
        reverse("supportprosecution:apply"), application(w, **{field: value}), **ZH
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page, page[:2000]
    assert "芜湖某建筑劳务有限公司" in page  # what was typed stays
    assert not SupportCase.objects.exists() and not Beneficiary.objects.exists()


def test_an_application_for_nobody_is_refused() -> None:
    w = world()
    with pytest.raises(WorkflowError):
        applied_online(w, beneficiaries=[])
    with pytest.raises(WorkflowError):
        applied_online(w, beneficiaries=[{"name": " ", "group": "migrant_worker"}])
    assert not SupportCase.objects.exists()


def test_staff_enter_an_application_received_at_the_counter(client) -> None:
    w = world()
    client.force_login(w.clerk)
    data = application(w, channel="counter", received_on=date.today().isoformat())
    response = client.post(reverse("supportprosecution:new"), data)
    assert response.status_code == 302
    case = SupportCase.objects.get()
    assert case.channel == "counter" and case.submission_key is None
    assert MatterParty.objects.filter(matter=case, relation=Relation.HANDLER, person=w.clerk)


def test_a_referral_makes_the_referring_organisation_a_partner() -> None:
    w = world()
    case = actions.case_open_referred(
        by=w.bureau,
        owner=w.procuratorate,
        access=SYSTEM,
        received_on=date.today(),
        **case_fields(),
    )
    assert case.channel == "referral" and case.referred_by == w.bureau
    assert MatterParty.objects.filter(
        matter=case, relation=Relation.PARTNER_ORG, organisation=w.bureau
    ).exists()
    assert case.workflow.policy.sees(access_for(w.bureau_officer), case)


def test_a_referral_from_an_organisation_that_does_not_refer_is_refused() -> None:
    w = world()
    with pytest.raises(WorkflowError):
        actions.case_open_referred(
            by=w.court,
            owner=w.procuratorate,
            access=access_for(w.prosecutor),
            received_on=date.today(),
            **case_fields(),
        )
    assert not SupportCase.objects.exists()


def test_staff_record_a_paper_referral(client) -> None:
    w = world()
    client.force_login(w.prosecutor)
    assert client.get(reverse("supportprosecution:referral-new")).status_code == 200
    data = application(w, referred_by=str(w.bureau.pk), received_on=date.today().isoformat())
    assert client.post(reverse("supportprosecution:referral-new"), data).status_code == 302
    case = SupportCase.objects.get()
    assert case.referred_by == w.bureau and case.channel == "referral"
    bad = application(w, referred_by=str(w.court.pk), received_on=date.today().isoformat())
    assert client.post(reverse("supportprosecution:referral-new"), bad).status_code == 400
    assert SupportCase.objects.count() == 1


def test_only_a_procuratorates_case_staff_open_cases(client) -> None:
    w = world()
    with pytest.raises(TransitionForbidden):
        actions.case_open(
            access=access_for(w.judge),
            owner=w.procuratorate,
            channel="counter",
            received_on=date.today(),
            **case_fields(),
        )
    client.force_login(w.judge)
    assert client.get(reverse("supportprosecution:new")).status_code == 403
