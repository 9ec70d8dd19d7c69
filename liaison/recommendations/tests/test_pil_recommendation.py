"""Public-interest litigation's pre-litigation recommendation, through the mechanism
(moved from ``publicinterest/tests/test_recommendation_approval.py``, unchanged in what it
asks). Nothing formal leaves unreviewed: a recommendation is drafted, read as its formal document,
corrected, approved by the department head and the chief procurator (or whom the procuratorate
configures) and only then served; the agency sees nothing of it before, and the case's page
says when the agency's reply is due. Filing a case needs approval too."""

from io import BytesIO
from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicinterest.models import PILCase
from liaison.publicinterest.tests.factories import (
    RECOMMENDATION_INPUT,
    agency,
    agency_officer,
    drafted_recommendation,
    filed_case,
    procuratorate,
    prosecutor,
    recommended_case,
)
from liaison.recommendations.models import Recommendation
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve, approval_return, approval_withdraw
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, TransitionInvalid
from liaison.workflow.models import ApprovalLevel, ApprovalRule, Clock, MatterParty, TimelineEvent
from liaison.workflow.opening import add_parties
from liaison.workflow.selectors import (
    available_transitions,
    get_matter_for,
    matters_visible_to,
    my_work,
)
from liaison.workflow.tests.factories import approve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def people(kangbashi: Organisation) -> dict[str, Any]:
    bureau = agency(name="鄂尔多斯市康巴什区生态环境分局")
    return {
        "bureau": bureau,
        "handler": prosecutor(kangbashi, name="李建国"),
        "head": member(kangbashi, Role.DEPARTMENT_HEAD, name="张丽华"),
        "chief": member(kangbashi, Role.CHIEF_PROCURATOR, name="赵志强"),
        "officer": agency_officer(bureau, name="吴祖阳"),
    }


def _draft(people: dict[str, Any]) -> tuple[PILCase, Recommendation]:
    case = filed_case(by=people["handler"], responsible=people["bureau"])
    return drafted_recommendation(case, by=people["handler"])


def _agency_sees_nothing_of(recommendation: Recommendation, officer: Any) -> None:
    access = access_for(officer)
    with pytest.raises(Http404):
        get_matter_for(access, recommendation.pk)
    assert not matters_visible_to(access).filter(pk=recommendation.pk).exists()
    assert recommendation.pk not in {m.pk for m in my_work(access)}
    assert not Notification.objects.filter(recipient=officer).exists()


def _submit(recommendation: Recommendation, people: dict[str, Any]) -> None:
    transition(matter=recommendation, name="serve", access=access_for(people["handler"]))


def test_drafting_serves_nothing_and_the_agency_sees_nothing(people) -> None:  # type: ignore[no-untyped-def]
    case, draft = _draft(people)
    assert case.state == "recommending" and draft.state == "draft"
    assert (
        draft.addressee == people["bureau"] and draft.measures == RECOMMENDATION_INPUT["measures"]
    )
    assert draft.issued_on is None and draft.document_pdf is None
    assert not Attachment.objects.filter(matter=draft).exists()
    assert not Clock.objects.filter(matter=draft).exists()  # no reply clock yet
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.RUNNING
    parties = set(MatterParty.objects.filter(matter=draft).values_list("relation", flat=True))
    assert parties == {"handler"}
    _agency_sees_nothing_of(draft, people["officer"])


def test_the_draft_is_corrected_by_those_handling_the_case(people, kangbashi) -> None:  # type: ignore[no-untyped-def]
    _case, draft = _draft(people)
    corrected = {**RECOMMENDATION_INPUT, "measures": "依法查处该煤场\n督促其建设防风抑尘网"}
    with pytest.raises(TransitionForbidden):
        transition(
            matter=draft, name="revise", access=access_for(prosecutor(kangbashi)), data=corrected
        )
    with pytest.raises(TransitionInvalid) as refusal:
        transition(
            matter=draft,
            name="revise",
            access=access_for(people["handler"]),
            data={**corrected, "facts": ""},
        )
    assert "facts" in refusal.value.form.errors
    assert Recommendation.objects.get(pk=draft.pk).measures == RECOMMENDATION_INPUT["measures"]
    transition(matter=draft, name="revise", access=access_for(people["handler"]), data=corrected)
    draft = Recommendation.objects.get(pk=draft.pk)
    assert draft.state == "draft" and draft.measures == corrected["measures"]
    assert TimelineEvent.objects.filter(matter=draft, transition="revise").count() == 1


def test_serving_waits_for_the_head_and_the_chief(people) -> None:  # type: ignore[no-untyped-def]
    case, draft = _draft(people)
    _submit(draft, people)
    draft = Recommendation.objects.get(pk=draft.pk)
    assert draft.state == "draft" and draft.awaiting_approval
    with pytest.raises(TransitionConflict):  # no corrections while it awaits approval
        transition(
            matter=draft,
            name="revise",
            access=access_for(people["handler"]),
            data=RECOMMENDATION_INPUT,
        )
    with pytest.raises(TransitionForbidden):  # the handler cannot approve their own step
        approval_approve(matter=draft, access=access_for(people["handler"]))
    assert draft.pk in {m.pk for m in my_work(access_for(people["head"]))}
    approval_approve(matter=draft, access=access_for(people["head"]))
    assert Recommendation.objects.get(pk=draft.pk).state == "draft"
    _agency_sees_nothing_of(draft, people["officer"])
    assert draft.pk in {m.pk for m in my_work(access_for(people["chief"]))}
    approval_approve(matter=draft, access=access_for(people["chief"]))

    served = Recommendation.objects.get(pk=draft.pk)
    case.refresh_from_db()
    assert served.state == "served" and served.issued_on is not None
    assert served.document_pdf is not None and served.document_docx is not None
    assert served.document_pdf.uploaded_by == people["handler"]  # served as the handler's act
    assert MatterParty.objects.filter(
        matter=served, relation="partner_org", organisation=people["bureau"]
    ).exists()
    assert Clock.objects.get(matter=served, name="reply").state == Clock.State.RUNNING
    assert case.state == "pre_litigation"
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.STOPPED
    officer = access_for(people["officer"])
    assert get_matter_for(officer, served.pk) == served
    assert served.pk in {m.pk for m in my_work(officer)}
    assert Notification.objects.filter(recipient=people["officer"], matter=served).exists()
    step = TimelineEvent.objects.get(matter=served, transition="serve")
    assert step.actor == people["handler"] and step.data["approved_by"] == ["张丽华", "赵志强"]


def test_returned_it_is_corrected_and_submitted_again(people) -> None:  # type: ignore[no-untyped-def]
    _case, draft = _draft(people)
    _submit(draft, people)
    approval_approve(matter=draft, access=access_for(people["head"]))
    approval_return(
        matter=draft, access=access_for(people["chief"]), comment="整改措施应写明期限。"
    )
    draft = Recommendation.objects.get(pk=draft.pk)
    assert draft.state == "draft" and not draft.awaiting_approval
    assert draft.pk in {m.pk for m in my_work(access_for(people["handler"]))}
    _agency_sees_nothing_of(draft, people["officer"])
    corrected = {**RECOMMENDATION_INPUT, "measures": "于两个月内依法查处该煤场"}
    transition(matter=draft, name="revise", access=access_for(people["handler"]), data=corrected)
    _submit(draft, people)
    served = approve_all(draft, approvers={"department_head": people["head"]})
    assert served.state == "served" and served.measures == corrected["measures"]


def test_the_procuratorate_may_name_its_own_approvers(people, kangbashi) -> None:  # type: ignore[no-untyped-def]
    rule = ApprovalRule.objects.create(
        organisation=kangbashi, matter_type="publicinterest.recommendation", step="serve"
    )
    ApprovalLevel.objects.create(rule=rule, position=1, role=Role.CHIEF_PROCURATOR)
    _case, draft = _draft(people)
    _submit(draft, people)
    with pytest.raises(TransitionForbidden):  # the head is not asked here
        approval_approve(matter=draft, access=access_for(people["head"]))
    approval_approve(matter=draft, access=access_for(people["chief"]))
    assert Recommendation.objects.get(pk=draft.pk).state == "served"


def test_filing_a_case_waits_for_approval(people) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.tests.factories import accepted_case

    case = accepted_case()
    data = {"administrative_agency": people["bureau"].pk, "note": "符合立案条件。"}
    transition(matter=case, name="file", access=access_for(people["handler"]), data=data)
    case.refresh_from_db()
    assert case.state == "opened" and case.awaiting_approval
    assert case.pk in {m.pk for m in my_work(access_for(people["head"]))}
    approval_approve(matter=case, access=access_for(people["head"]))
    approval_approve(matter=case, access=access_for(people["chief"]))
    case.refresh_from_db()
    assert case.state == "investigating" and case.administrative_agency == people["bureau"]
    handlers = MatterParty.objects.filter(matter=case, relation="handler")
    assert [p.person for p in handlers] == [people["handler"]]  # the submitter, not an approver
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.RUNNING


# -- withdrawing a draft ---------------------------------------------------------------------------

REASON = {"note": "该分局已自行查处，无需再发检察建议。"}


def test_a_draft_is_withdrawn_with_a_reason_and_the_case_investigates_again(people) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.selectors import served_recommendations

    case, draft = _draft(people)
    handler = access_for(people["handler"])
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=draft, name="withdraw", access=handler, data={"note": "  "})
    assert "note" in refusal.value.form.errors
    assert Recommendation.objects.get(pk=draft.pk).state == "draft"
    transition(matter=draft, name="withdraw", access=handler, data=REASON)
    withdrawn = Recommendation.objects.get(pk=draft.pk)
    assert withdrawn.state == "withdrawn" and withdrawn.closed_at is not None
    assert TimelineEvent.objects.get(matter=draft, transition="withdraw").note == REASON["note"]
    case.refresh_from_db()
    assert case.state == "investigating"
    moved = TimelineEvent.objects.get(matter=case, transition="recommendation_withdrawn")
    assert moved.actor is None and moved.to_state == "investigating"
    assert Clock.objects.get(matter=case, name="handling").state == Clock.State.RUNNING
    # the agency never sees it: not a party, and not one of the states its sight names either
    _agency_sees_nothing_of(withdrawn, people["officer"])
    add_parties(matter=withdrawn, partners=[people["bureau"]])
    _agency_sees_nothing_of(withdrawn, people["officer"])
    assert list(served_recommendations(case)) == []
    # the case may be recommended again, or terminated
    steps = {t.name for t in available_transitions(handler, case)}
    assert {"recommend", "terminate"} <= steps
    transition(
        matter=case,
        name="recommend",
        access=handler,
        data={**RECOMMENDATION_INPUT, "measures": "依法查处该煤场"},
    )
    again = Recommendation.objects.exclude(pk=draft.pk).get(source=case)
    assert again.state == "draft" and PILCase.objects.get(pk=case.pk).state == "recommending"


def test_only_those_handling_withdraw_a_draft_and_never_once_submitted(people, kangbashi) -> None:  # type: ignore[no-untyped-def]
    _case, draft = _draft(people)
    for other in (prosecutor(kangbashi), people["officer"]):
        with pytest.raises(TransitionForbidden):
            transition(matter=draft, name="withdraw", access=access_for(other), data=REASON)
    _submit(draft, people)
    handler = access_for(people["handler"])
    with pytest.raises(TransitionConflict):  # it awaits approval: withdraw the submission first
        transition(matter=draft, name="withdraw", access=handler, data=REASON)
    assert "withdraw" not in {t.name for t in available_transitions(handler, draft)}
    approval_withdraw(matter=draft, access=handler)
    draft = Recommendation.objects.get(pk=draft.pk)
    assert {"withdraw", "serve"} <= {t.name for t in available_transitions(handler, draft)}
    _submit(draft, people)
    served = approve_all(draft, approvers={"department_head": people["head"]})
    with pytest.raises(TransitionConflict):  # served: no longer a draft
        transition(matter=served, name="withdraw", access=handler, data=REASON)
    assert Recommendation.objects.get(pk=served.pk).state == "served"


def test_the_pages_offer_the_withdrawal_and_show_it(client, people) -> None:  # type: ignore[no-untyped-def]
    case, draft = _draft(people)
    client.force_login(people["handler"])
    page = client.get(reverse("workspace:matter", args=[draft.pk])).content.decode()
    step = reverse("workspace:transition", args=[draft.pk, "withdraw"])
    assert step in page and "撤回检察建议草稿" in page
    response = client.post(step, {"note": ""})
    assert response.status_code == 400 and Recommendation.objects.get(pk=draft.pk).state == "draft"
    assert client.post(step, REASON).status_code == 302
    page = client.get(reverse("workspace:matter", args=[draft.pk])).content.decode()
    assert 'data-testid="recommendation-draft"' not in page and REASON["note"] in page
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert 'data-testid="recommendation-withdrawn"' in page and "已撤回" in page


# -- pages ---------------------------------------------------------------------------------------


def _document(pk: int, fmt: str) -> str:
    return reverse("recommendations:document", args=[pk, fmt])


def test_the_draft_is_previewed_as_its_formal_document(client, people) -> None:  # type: ignore[no-untyped-def]
    _case, draft = _draft(people)
    client.force_login(people["handler"])
    page = client.get(reverse("workspace:matter", args=[draft.pk])).content.decode()
    assert 'data-testid="recommendation-draft"' in page and _document(draft.pk, "pdf") in page
    response = client.get(_document(draft.pk, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    text = text.replace("\n", "").replace(" ", "")
    assert "草稿" in text and "鄂尔多斯市康巴什区生态环境分局" in text and draft.case_number in text
    response = client.get(_document(draft.pk, "docx"))
    assert response.status_code == 200
    docx = b"".join(response.streaming_content)
    paragraphs = [p.text for p in Document(BytesIO(docx)).paragraphs]
    assert paragraphs[0].startswith("草稿") and "一、查明的事实" in paragraphs
    assert not Attachment.objects.filter(matter=draft).exists()  # a preview keeps nothing
    assert client.get(_document(draft.pk, "txt")).status_code == 404
    client.force_login(people["officer"])
    assert client.get(_document(draft.pk, "pdf")).status_code == 404
    assert client.get(reverse("workspace:matter", args=[draft.pk])).status_code == 404


def test_once_served_the_document_link_gives_what_was_served(client, people) -> None:  # type: ignore[no-untyped-def]
    _case, served = recommended_case(filed_case(by=people["handler"], responsible=people["bureau"]))
    client.force_login(people["officer"])
    response = client.get(_document(served.pk, "pdf"))
    assert response.status_code == 302
    assert response["Location"] == reverse("attachments:download", args=[served.document_pdf_id])


def test_the_case_page_says_when_the_agencys_reply_is_due(client, people) -> None:  # type: ignore[no-untyped-def]
    case, draft = _draft(people)
    client.force_login(people["handler"])
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert 'data-testid="reply-due"' not in page and _document(draft.pk, "pdf") in page
    _submit(draft, people)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert "待审批" in page
    served = approve_all(draft, approvers={"department_head": people["head"]})
    due = Clock.objects.get(matter=served, name="reply").due_on
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert 'data-testid="reply-due"' in page and due.isoformat() in page


def test_the_supervision_page_lists_no_draft(people) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.selectors import served_recommendations

    case, draft = _draft(people)
    assert list(served_recommendations(case)) == []
    _submit(draft, people)
    served = approve_all(draft, approvers={"department_head": people["head"]})
    assert list(served_recommendations(case)) == [served]
