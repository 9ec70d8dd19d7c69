"""Online file review: bind with three papers, approval notifies in-app and by SMS, stamped
downloads from expiring links, every download audited, releases withdrawn."""

from io import BytesIO

import pytest
from django.core import mail  # noqa: F401 - the locmem backends are in place
from django.urls import reverse
from pypdf import PdfReader

from liaison.attachments.actions import attachment_upload
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.lawyers import actions, counsel_actions
from liaison.lawyers.models import CaseCounsel, FileReviewApplication
from liaison.lawyers.selectors import download_token
from liaison.notifications.models import Delivery
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import WorkflowError

from .factories import case, lawyer, pdf, procuratorate, staff

pytestmark = pytest.mark.django_db


def papers() -> dict:  # type: ignore[type-arg]
    return {
        "licence_file": pdf("执业证.pdf"),
        "authority_file": pdf("授权委托书.pdf"),
        "firm_letter": pdf("律所函.pdf"),
    }


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = procuratorate()
    officer, prosecutor = staff(org), staff(org, Role.PROSECUTOR)
    the_case = case(org, by=prosecutor)
    counsel = lawyer(at=org, name="高文博")
    return org, officer, prosecutor, the_case, counsel


def apply(counsel, the_case):  # type: ignore[no-untyped-def]
    return actions.file_review_apply(
        access=access_for(counsel.user),
        case_number=the_case.case_number,
        client="张三丰",
        authority="power_of_attorney",
        **papers(),
    )


def test_bind_approve_release_download_withdraw(client, settings, world) -> None:  # type: ignore[no-untyped-def]
    _org, officer, prosecutor, the_case, counsel = world
    application = apply(counsel, the_case)
    assert application.state == "submitted"
    assert sorted(application.attachments.values_list("purpose", flat=True)) == [
        "authority",
        "firm_letter",
        "practice_licence",
    ]
    transition(matter=application, name="approve", access=access_for(officer))
    assert CaseCounsel.objects.filter(case=the_case, lawyer=counsel, ended_at=None).exists()
    told = counsel.user.notifications.get(event="lawyers.file_review.approve")
    assert list(told.deliveries.values_list("channel", flat=True)) == [Delivery.Channel.SMS]

    document = attachment_upload(
        file=pdf("起诉意见书.pdf"), uploaded_by=prosecutor, matter=the_case
    )
    release = counsel_actions.document_release(
        access=access_for(prosecutor), case=the_case, attachment=document
    )
    client.force_login(counsel.user)
    page = client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).content.decode()
    assert "起诉意见书.pdf" in page
    url = reverse("lawyers:download", args=[download_token(release, counsel)])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    stamped = PdfReader(BytesIO(response.content))
    text = stamped.pages[0].extract_text()
    assert "高文博" in text and "Case file, volume 1" in text
    assert "高文博" in stamped.metadata.subject
    assert AuditRecord.objects.filter(action="lawyers.case_file.download").count() == 1

    # another lawyer's link, or a forged one, finds nothing
    client.force_login(lawyer().user)
    assert client.get(url).status_code == 404
    client.force_login(counsel.user)
    assert client.get(url[:-3] + "abc/").status_code == 404

    # the link expires
    settings.LIAISON_FILE_LINK_SECONDS = -1
    expired = client.get(url)
    assert expired.status_code == 410
    settings.LIAISON_FILE_LINK_SECONDS = 600

    # withdrawn: the link stops working at once
    counsel_actions.document_withdraw(access=access_for(prosecutor), release=release)
    assert client.get(url).status_code == 403
    assert AuditRecord.objects.filter(action="lawyers.case_file.download").count() == 1


def test_refusal_gives_the_reason_and_links_nobody(world) -> None:  # type: ignore[no-untyped-def]
    _org, officer, _prosecutor, the_case, counsel = world
    application = apply(counsel, the_case)
    transition(
        matter=application,
        name="refuse",
        access=access_for(officer),
        data={"note": "授权委托书未签字"},
    )
    application.refresh_from_db()
    assert application.reason == "授权委托书未签字"
    assert not CaseCounsel.objects.exists()


def test_a_wrong_party_name_finds_no_case(client, world) -> None:  # type: ignore[no-untyped-def]
    _org, _officer, _prosecutor, the_case, counsel = world
    client.force_login(counsel.user)
    response = client.post(
        reverse("lawyers:file-review"),
        {
            "case_number": the_case.case_number,
            "client": "王二",
            "authority": "power_of_attorney",
            **papers(),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "No case with this number" in response.content.decode()
    assert not FileReviewApplication.objects.exists()


def test_papers_that_are_not_scans_are_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    _org, _officer, _prosecutor, the_case, counsel = world
    client.force_login(counsel.user)
    data = {
        "case_number": the_case.case_number,
        "client": "张三丰",
        "authority": "legal_aid",
        **papers(),
        "firm_letter": SimpleUploadedFile("律所函.exe", b"MZ\x90\x00" + b"\x00" * 100),
    }
    response = client.post(reverse("lawyers:file-review"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert not FileReviewApplication.objects.exists()


def test_only_pdfs_of_the_case_are_released(world) -> None:  # type: ignore[no-untyped-def]
    _org, _officer, prosecutor, the_case, _counsel = world
    other = attachment_upload(file=pdf(), uploaded_by=prosecutor, matter=case(the_case.owner))
    with pytest.raises(WorkflowError, match="PDF"):
        counsel_actions.document_release(
            access=access_for(prosecutor), case=the_case, attachment=other
        )


def test_the_applicant_sees_the_parties_masked_until_approved(client, world) -> None:  # type: ignore[no-untyped-def]
    _org, officer, _prosecutor, the_case, counsel = world
    application = apply(counsel, the_case)
    client.force_login(counsel.user)
    page = client.get(reverse("workspace:matter", args=[application.pk])).content.decode()
    assert "李*" in page and "李四" not in page
    transition(matter=application, name="approve", access=access_for(officer))
    page = client.get(reverse("workspace:matter", args=[application.pk])).content.decode()
    assert "李四" in page
