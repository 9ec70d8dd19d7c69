"""Cases and recommendations through the real request cycle: the case's page and its evidence,
the agency's view of a recommendation and its reply, on-site observations, the case list, and
what the reporter reads by query code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicinterest.models import Observation, PILCase
from liaison.recommendations.models import DOCUMENT_PURPOSE, Recommendation
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import approve_all

from .factories import (
    accepted_case,
    agency,
    agency_officer,
    clue_officer,
    filed_case,
    image_bytes,
    photo,
    procuratorate,
    prosecutor,
    recommended_case,
    reported_clue,
)

pytestmark = pytest.mark.django_db

CASES = reverse("publicinterest:cases")


def _page(pk: int) -> str:
    return reverse("workspace:matter", args=[pk])


def _step(pk: int, name: str) -> str:
    return reverse("workspace:transition", args=[pk, name])


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def handler(kangbashi):  # type: ignore[no-untyped-def]
    return prosecutor(kangbashi, name="李建国")


@pytest.fixture
def bureau() -> Organisation:
    return agency(name="鄂尔多斯市康巴什区生态环境分局")


def test_a_clue_officer_accepts_into_a_new_case_from_the_clue_page(
    client, kangbashi, bureau
) -> None:  # type: ignore[no-untyped-def]
    officer = clue_officer(kangbashi)
    clue = reported_clue()
    client.force_login(officer)
    html = client.get(_page(clue.pk)).content.decode()
    assert 'name="kind"' in html and bureau.name in html
    response = client.post(
        _step(clue.pk, "accept"), {"kind": "civil", "administrative_agency": bureau.pk}
    )
    assert response.status_code == 400
    assert "只有行政公益诉讼案件" in response.content.decode()
    client.post(
        _step(clue.pk, "accept"), {"kind": "administrative", "administrative_agency": bureau.pk}
    )
    case = PILCase.objects.get()
    assert case.administrative_agency == bureau
    html = client.get(_page(clue.pk)).content.decode()
    assert case.case_number in html  # the clue page links to its case


def test_the_case_page_shows_the_case_and_its_investigation_file(
    client, kangbashi, handler, bureau
) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    case = filed_case(accepted_case(clue), by=handler, responsible=bureau)
    client.force_login(handler)
    html = client.get(_page(case.pk)).content.decode()
    assert case.case_number in html and clue.case_number in html and bureau.name in html
    assert clue.description in html and 'data-testid="evidence"' in html
    pdf = SimpleUploadedFile(
        "监测报告.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF", "application/pdf"
    )
    assert reverse("publicinterest:add-evidence", args=[case.pk]) in html
    response = client.post(
        reverse("publicinterest:add-evidence", args=[case.pk]),
        {"file": pdf, "purpose": "evidence_expert"},
    )
    assert response.status_code == 302 and response["Location"] == _page(case.pk)
    assert Attachment.objects.get(matter=case).purpose == "evidence_expert"
    html = client.get(_page(case.pk)).content.decode()
    assert "监测报告.pdf" in html and "鉴定意见、检测或监测报告" in html
    # the steps the handler may take now
    assert _step(case.pk, "recommend") in html and _step(case.pk, "terminate") in html


def test_evidence_is_only_one_of_the_evidence_kinds(client, kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    """A purpose the mechanism keeps for itself (the recommendation's document) is refused on
    the evidence form, with the page again, and ignored by the generic matter upload."""
    case = filed_case(by=handler, responsible=bureau)
    client.force_login(handler)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"
    response = client.post(
        reverse("publicinterest:add-evidence", args=[case.pk]),
        {"file": SimpleUploadedFile("a.pdf", pdf), "purpose": DOCUMENT_PURPOSE},
    )
    assert response.status_code == 400 and 'id="id_evidence_purpose"' in response.content.decode()
    assert not Attachment.objects.filter(matter=case).exists()
    client.post(
        reverse("attachments:upload", args=[case.pk]),
        {"file": SimpleUploadedFile("b.pdf", pdf), "purpose": DOCUMENT_PURPOSE},
    )
    assert Attachment.objects.get(matter=case).purpose == ""


def test_the_agency_sees_the_recommendation_and_never_the_case(
    client, kangbashi, handler, bureau
) -> None:  # type: ignore[no-untyped-def]
    officer = agency_officer(bureau, name="吴祖阳")
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    client.force_login(officer)
    assert client.get(_page(case.pk)).status_code == 404
    assert recommendation.case_number in client.get(reverse("workspace:my-work")).content.decode()
    html = client.get(_page(recommendation.pk)).content.decode()
    assert "依法查处该煤场的违法行为" in html and case.case_number in html
    assert _page(case.pk) not in html  # the case number, not a link the agency cannot follow
    assert _step(recommendation.pk, "reply") in html
    download = reverse("attachments:download", args=[recommendation.document_pdf_id])
    assert download in html
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditRecord.objects.filter(action="attachments.download", actor=officer).exists()
    client.force_login(agency_officer(agency(name="另一个局")))
    assert client.get(_page(recommendation.pk)).status_code == 404
    client.force_login(clue_officer(kangbashi))  # the procuratorate's own staff see it
    assert client.get(_page(recommendation.pk)).status_code == 200


def test_the_agency_replies_from_the_page_with_evidence(client, kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    officer = agency_officer(bureau)
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    client.force_login(officer)
    reply = _step(recommendation.pk, "reply")
    response = client.post(reply, {"reply": "已整改。", "reply_outcome": ""})
    assert response.status_code == 400 and "已整改。" in response.content.decode()
    fake = SimpleUploadedFile("整改照片.jpg", b"MZ\x90\x00not a picture", "image/jpeg")
    response = client.post(
        reply, {"reply": "已整改。", "reply_outcome": "rectified", "evidence": [fake]}
    )
    assert response.status_code == 400
    assert Recommendation.objects.get(pk=recommendation.pk).state == "served"
    good = SimpleUploadedFile("整改照片.jpg", image_bytes(), "image/jpeg")
    response = client.post(
        reply, {"reply": "已整改。", "reply_outcome": "rectified", "evidence": [good]}
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=recommendation.pk).state == "replied"
    assert PILCase.objects.get(pk=case.pk).state == "follow_up"
    html = client.get(_page(recommendation.pk)).content.decode()
    assert "整改照片.jpg" in html and 'data-testid="reply"' in html


def _follow_up(handler, bureau) -> PILCase:  # type: ignore[no-untyped-def]
    case, recommendation = recommended_case(filed_case(by=handler, responsible=bureau))
    transition(
        matter=recommendation,
        name="reply",
        access=access_for(agency_officer(bureau)),
        data={"reply": "已整改。", "reply_outcome": "rectified"},
    )
    return PILCase.objects.get(pk=case.pk)


def test_an_observation_is_recorded_from_the_case_page(client, kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    case = _follow_up(handler, bureau)
    observe = reverse("publicinterest:observe", args=[case.pk])
    client.force_login(handler)
    html = client.get(_page(case.pk)).content.decode()
    assert observe in html
    response = client.post(
        observe, {"observed_on": "", "finding": "rectified", "note": "煤堆已苫盖。"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "煤堆已苫盖。" in html and "observation_observed_on" in html
    today = timezone.localdate().isoformat()
    response = client.post(
        observe,
        {
            "observed_on": today,
            "finding": "rectified",
            "note": "煤堆已苫盖。",
            "photos": [photo(gps=True)],
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    with observation.photos.get().file.open("rb") as f, Image.open(f) as image:
        assert 0x8825 not in image.getexif()
    html = client.get(_page(case.pk)).content.decode()
    assert "煤堆已苫盖。" in html and "现场核查" in html  # the timeline names the event
    client.post(_step(case.pk, "close_rectified"), {"note": "整改到位。"})
    assert PILCase.objects.get(pk=case.pk).awaiting_approval  # the chief procurator approves
    assert approve_all(PILCase.objects.get(pk=case.pk)).state == "rectified"


def test_who_may_not_observe_is_told_so(client, kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    case = _follow_up(handler, bureau)
    observe = reverse("publicinterest:observe", args=[case.pk])
    colleague = prosecutor(kangbashi)
    client.force_login(colleague)
    assert observe not in client.get(_page(case.pk)).content.decode()
    data = {"observed_on": timezone.localdate().isoformat(), "finding": "rectified", "note": "x"}
    response = client.post(observe, data, follow=True)
    assert "只有跟进本案整改情况的人员" in response.content.decode()
    client.force_login(agency_officer(bureau))
    assert client.post(observe, data).status_code == 404
    recommendation = Recommendation.objects.get()
    client.force_login(handler)
    assert (
        client.post(reverse("publicinterest:observe", args=[recommendation.pk]), data).status_code
        == 404
    )
    assert not Observation.objects.exists()


def test_the_case_list_shows_the_procuratorates_cases(client, kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    civil = accepted_case(kind="civil")
    admin = filed_case(by=handler)
    ordos = procuratorate("150600", level=Organisation.Level.MUNICIPAL, abbreviation="鄂检")
    theirs = accepted_case(reported_clue(at="150600"))
    client.force_login(handler)
    html = client.get(CASES).content.decode()
    assert civil.case_number in html and admin.case_number in html
    assert theirs.case_number not in html
    html = client.get(CASES, {"kind": "civil"}).content.decode()
    assert civil.case_number in html and admin.case_number not in html
    html = client.get(CASES, {"state": "investigating"}).content.decode()
    assert admin.case_number in html and civil.case_number not in html
    _admin, recommendation = recommended_case(admin)
    due = recommendation.clocks.get().due_on.isoformat()
    html = client.get(CASES, {"state": "pre_litigation"}).content.decode()
    assert admin.case_number in html and due in html  # waiting: the agency's reply is due then
    client.force_login(member(ordos, Role.CHIEF_PROCURATOR))
    html = client.get(CASES).content.decode()
    assert theirs.case_number in html and admin.case_number not in html


def test_the_case_list_costs_the_same_queries_for_more_cases(client, kangbashi, handler) -> None:  # type: ignore[no-untyped-def]
    client.force_login(handler)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CASES).status_code == 200
        return len(queries)

    filed_case(by=handler)
    few = count()
    for _ in range(4):
        recommended_case(filed_case(by=handler))
        accepted_case(kind="civil")
    assert count() == few


def test_the_reporter_reads_the_outcome_by_query_code(client, kangbashi, handler, bureau) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    case = filed_case(accepted_case(clue), by=handler, responsible=bureau)
    progress = reverse("publicinterest:progress")
    html = client.get(progress, {"code": clue.query_code}).content.decode()
    assert "已立案调查" in html and case.case_number not in html and bureau.name not in html
    case, recommendation = recommended_case(case)
    transition(
        matter=recommendation,
        name="reply",
        access=access_for(agency_officer(bureau)),
        data={"reply": "已整改。", "reply_outcome": "rectified"},
    )
    case.refresh_from_db()
    from liaison.publicinterest.supervision_actions import observation_file

    observation_file(
        case=case, author=handler, observed_on=timezone.localdate(), finding="rectified", note="x"
    )
    transition(
        matter=case, name="close_rectified", access=access_for(handler), data={"note": "内部结论"}
    )
    approve_all(case)
    html = client.get(progress, {"code": clue.query_code}).content.decode()
    assert "您反映的问题已整改" in html and "内部结论" not in html
    assert Attachment.objects.filter(matter=recommendation).count() == 2  # PDF and Word


def test_the_navigation_survives_a_page_without_the_access_object(rf) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "</html>" in render_to_string("base.html", request=request)
