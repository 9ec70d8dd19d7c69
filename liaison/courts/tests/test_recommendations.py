"""Recommendations to a court: the kinds of seed 001 as data, drafted on the standalone page,
approved by the department head (and the chief procurator where the kind says), served with its
document and the court's case number, answered by the court's staff on the reply clock, counted
in the figures of both sides; refused to another court's officer and after withdrawal."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.recommendations import documents
from liaison.recommendations.figures import (
    received_figures,
    reply_figures,
    reply_figures_by_addressee,
)
from liaison.recommendations.kinds import HEAD_ONLY, WITH_CHIEF
from liaison.recommendations.models import Recommendation
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import ApprovalRequest, Clock
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.tests.factories import approve_all

from ..actions import court_recommendation_open
from ..recommending import ENFORCEMENT, RECOMMENDATION, VIOLATION
from .factories import drafted_to_court, served_to_court, world

pytestmark = pytest.mark.django_db

ADOPTED = {"reply": "已全部发放执行款。", "reply_outcome": "adopted"}


def test_a_recommendation_to_a_court_is_served_with_its_case_number_and_answered() -> None:
    w = world()
    draft = drafted_to_court(w)
    assert draft.matter_type == RECOMMENDATION.name and draft.case_number.startswith("城检民行监建")
    text = documents.recommendation_text(draft)
    assert "（2026）青0103执123号" in text.words and "三个月" in text.words
    with pytest.raises(Http404):  # the court sees nothing of a draft
        get_matter_for(access_for(w.judge), draft.pk)

    transition(matter=draft, name="serve", access=access_for(w.prosecutor))
    assert ApprovalRequest.objects.get(matter=draft).levels == list(WITH_CHIEF)
    done = approve_all(
        draft, approvers={Role.DEPARTMENT_HEAD: w.head, Role.CHIEF_PROCURATOR: w.chief}
    )
    assert done.state == "served" and done.document_pdf_id and done.document_docx_id
    clock = Clock.objects.get(matter=done, name="reply")
    assert (clock.period_code, clock.amount, clock.unit) == (
        "courts.recommendation_reply",
        3,
        "months",
    )
    assert get_matter_for(access_for(w.judge), done.pk) == done

    transition(matter=done, name="reply", access=access_for(w.enforcement), data=ADOPTED)
    answered = Recommendation.objects.get(pk=done.pk)
    assert answered.state == "replied" and answered.adoption == "adopted"
    figures = reply_figures(w.procuratorate, matter_types=[RECOMMENDATION.name])
    assert (figures.in_time, figures.adoption_rate, figures.in_time_rate) == (1, 1.0, 1.0)
    assert received_figures(w.court).in_time == 1
    assert [name for name, _f in reply_figures_by_addressee(w.procuratorate)] == [w.court.name]


def test_correcting_a_violation_is_approved_by_the_department_head_alone() -> None:
    w = world()
    draft = drafted_to_court(w, kind=VIOLATION.code)
    transition(matter=draft, name="serve", access=access_for(w.prosecutor))
    assert ApprovalRequest.objects.get(matter=draft).levels == list(HEAD_ONLY)
    assert ENFORCEMENT.approvers == WITH_CHIEF


def test_an_officer_of_another_court_may_not_reply() -> None:
    w = world()
    done = served_to_court(w)
    other = member(world(name="西宁市城东区人民法院").court, Role.ENFORCEMENT_OFFICER)
    with pytest.raises(TransitionForbidden):
        transition(matter=done, name="reply", access=access_for(other), data=ADOPTED)
    assert Recommendation.objects.get(pk=done.pk).state == "served"


def test_a_reply_after_the_recommendation_was_withdrawn_is_refused() -> None:
    w = world()
    draft = drafted_to_court(w)
    transition(
        matter=draft, name="withdraw", access=access_for(w.prosecutor), data={"note": "另行处理。"}
    )
    with pytest.raises(WorkflowError):  # not in a state it may be answered in
        transition(matter=draft, name="reply", access=access_for(w.judge), data=ADOPTED)
    withdrawn = Recommendation.objects.get(pk=draft.pk)
    assert withdrawn.state == "withdrawn" and not withdrawn.reply


def test_a_late_reply_counts_as_late() -> None:
    w = world()
    done = served_to_court(w)
    Clock.objects.filter(matter=done).update(due_on=timezone.localdate() - timedelta(days=2))
    transition(
        matter=done,
        name="reply",
        access=access_for(w.judge),
        data={"reply": "部分采纳。", "reply_outcome": "partly"},
    )
    figures = received_figures(w.court)
    assert (figures.late, figures.partly, figures.in_time_rate) == (1, 1, 0.0)


def test_only_a_court_the_procuratorate_works_with_may_be_addressed() -> None:
    w = world()
    stranger = world(name="大通县人民法院").court
    with pytest.raises(TransitionForbidden):
        court_recommendation_open(
            access=access_for(w.prosecutor),
            owner=w.procuratorate,
            kind=ENFORCEMENT.code,
            court=stranger,
            title="t",
            facts="f",
            opinion="o",
            measures="m",
        )
    with pytest.raises(WorkflowError):
        drafted_to_court(w, kind="recommendations.social_governance")
    assert not Recommendation.objects.exists()


def test_the_standalone_page(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    url = reverse("courts:recommend")
    client.force_login(w.judge)
    assert client.get(url).status_code == 403
    client.force_login(w.prosecutor)
    page = client.get(url)
    assert page.status_code == 200 and w.court.name in page.content.decode()
    bad = client.post(
        url,
        {
            "kind": ENFORCEMENT.code,
            "court": w.court.pk,
            "title": "保留的标题",
            "court_case_number": "123号",
        },
    )
    assert bad.status_code == 400 and "保留的标题" in bad.content.decode()
    assert not Recommendation.objects.exists()
    good = client.post(
        url,
        {
            "kind": ENFORCEMENT.code,
            "court": w.court.pk,
            "court_case_number": "(2026)青0103执123号",
            "title": "关于规范执行款发放的检察建议",
            "facts": "事实。",
            "opinion": "意见。",
            "measures": "措施。",
        },
    )
    recommendation = Recommendation.objects.get()
    assert good.status_code == 302 and recommendation.court_case.court_case_number == (
        "（2026）青0103执123号"
    )
    page = client.get(reverse("workspace:matter", args=[recommendation.pk]))
    assert "（2026）青0103执123号" in page.content.decode()


def test_the_figures_page_on_both_sides(client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    w = world()
    done = served_to_court(w)
    draft = drafted_to_court(w, title="尚未送达的草稿")
    for person in (w.prosecutor, w.judge):
        client.force_login(person)
        with django_assert_max_num_queries(15):
            page = client.get(reverse("courts:figures"))
        assert page.status_code == 200 and done.case_number in page.content.decode()
    assert draft.case_number not in page.content.decode()  # the court sees no draft
    stranger = world(name="大通县人民法院").judge
    client.force_login(stranger)
    assert done.case_number not in client.get(reverse("courts:figures")).content.decode()
    for _n in range(3):
        served_to_court(w)
    client.force_login(w.prosecutor)
    with django_assert_max_num_queries(15):  # the same for more recommendations
        assert client.get(reverse("courts:figures")).status_code == 200
