"""Civil-enforcement supervision: opened on a shared case only, on a party's application (with
the application) or on the procuratorate's own initiative; ends in a recommendation to the court,
a referral to the public security organ, or closing with reasons."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from liaison.core.access import access_for
from liaison.recommendations.models import Recommendation
from liaison.recommendations.tests.factories import served
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError

from ..models import EnforcementCase, SupervisionCase
from ..recommending import ENFORCEMENT, NONLITIGATION
from .factories import referred, shared_case, supervision, world

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "关于执行款发放的检察建议",
    "facts": "事实。",
    "opinion": "意见。",
    "measures": "措施。",
}


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("申请书.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")


def test_supervision_is_opened_only_on_a_shared_case() -> None:
    w = world()
    unshared = EnforcementCase.objects.create(
        court=w.court,
        case_number="（2026）青0103执999号",
        applicant="甲",
        respondent="乙",
        amount=1,
        filed_on="2026-01-02",
    )
    with pytest.raises(TransitionForbidden):
        supervision(w, case=unshared)
    assert not SupervisionCase.objects.exists()


def test_an_application_needs_the_application() -> None:
    w = world()
    with pytest.raises(WorkflowError):
        supervision(w, origin="application", applicant_name="李某")
    assert not SupervisionCase.objects.exists()


def test_supervision_ends_in_a_recommendation_followed_until_closed() -> None:
    w = world()
    case = supervision(w)
    assert case.case_number.startswith("城检民执监") and case.state == "handling"
    transition(matter=case, name="recommend", access=access_for(w.prosecutor), data=TEXT)
    recommendation = Recommendation.objects.get(source=case)
    assert recommendation.kind == ENFORCEMENT.code
    assert recommendation.court_case.court_case_number == case.enforcement_case.case_number
    assert SupervisionCase.objects.get(pk=case.pk).state == "recommending"
    done = served(
        recommendation, approvers={"department_head": w.head, "chief_procurator": w.chief}
    )
    transition(
        matter=done,
        name="reply",
        access=access_for(w.enforcement),
        data={"reply": "已采纳。", "reply_outcome": "adopted"},
    )
    assert SupervisionCase.objects.get(pk=case.pk).state == "follow_up"
    transition(
        matter=SupervisionCase.objects.get(pk=case.pk),
        name="close",
        access=access_for(w.prosecutor),
        data={"reasons": "已整改。"},
    )
    assert SupervisionCase.objects.get(pk=case.pk).state == "closed"


def test_a_withdrawn_draft_sends_the_supervision_back_to_handling() -> None:
    w = world()
    case = supervision(w, kind="courts.nonlitigation")
    transition(matter=case, name="recommend", access=access_for(w.prosecutor), data=TEXT)
    recommendation = Recommendation.objects.get(source=case)
    assert recommendation.kind == NONLITIGATION.code
    transition(
        matter=recommendation,
        name="withdraw",
        access=access_for(w.prosecutor),
        data={"note": "另行处理。"},
    )
    assert SupervisionCase.objects.get(pk=case.pk).state == "handling"


def test_a_refusal_to_execute_is_referred_to_the_public_security_organ() -> None:
    w = world()
    case = referred(w)
    assert case.state == "referred" and case.police == w.police


def test_the_case_page_opens_supervision_on_an_application(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = shared_case(w)
    url = reverse("courts:case", args=[case.pk])
    client.force_login(w.prosecutor)
    bad = client.post(
        url, {"kind": "courts.enforcement", "origin": "application", "grounds": "理由"}
    )
    assert bad.status_code == 400 and not SupervisionCase.objects.exists()
    good = client.post(
        url,
        {
            "kind": "courts.enforcement",
            "origin": "application",
            "applicant_name": "李某",
            "grounds": "执行款未发放。",
            "application": [_pdf()],
        },
    )
    opened = SupervisionCase.objects.get()
    assert good.status_code == 302 and opened.attachments.count() == 1
    court_side = Client()
    court_side.force_login(w.judge)  # the court sees its case and the supervision of it
    page = court_side.get(url)
    assert page.status_code == 200 and opened.case_number in page.content.decode()
    client.force_login(world(name="大通县人民法院").prosecutor)
    assert client.get(url).status_code == 404


def test_the_register_shows_amounts_as_money(client) -> None:  # type: ignore[no-untyped-def]
    """125000.50 yuan reads 125,000.50 on the list and the case's page, in Chinese too."""
    w = world()
    case = shared_case(w)
    client.force_login(w.prosecutor)
    for url in (reverse("courts:cases"), reverse("courts:case", args=[case.pk])):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
        assert "125,000.50" in html and "125000.50" not in html
