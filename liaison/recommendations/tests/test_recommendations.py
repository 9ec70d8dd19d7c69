"""The recommendation as a mechanism of its own: addressed to a court or a company, of a kind
that says who approves it and which period its reply runs, replied to as adopted, partly adopted
or not, refused to an organisation its kind is not for."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.recommendations.figures import reply_figures
from liaison.recommendations.kinds import (
    HEAD_ONLY,
    WITH_CHIEF,
    RecommendationKind,
    register_kind,
    unregister_kind,
)
from liaison.recommendations.models import Recommendation
from liaison.recommendations.workflows import RECOMMENDATION, SOCIAL_GOVERNANCE
from liaison.workflow.approvals import approval_approve
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import ApprovalRequest, Clock, MatterParty
from liaison.workflow.selectors import get_matter_for, my_work

from .factories import company, court, drafted, served

pytestmark = pytest.mark.django_db

ADOPTED = {"reply": "已全面清理并建立台账。", "reply_outcome": "adopted"}


@pytest.fixture
def procuratorate() -> Any:
    return OrganisationFactory(name="大同市人民检察院", abbreviation="同检", division=division())


@pytest.fixture
def prosecutor(procuratorate: Any) -> Any:
    return member(procuratorate, Role.PROSECUTOR, name="李建国")


def _reply(recommendation: Recommendation, officer: Any, data: dict[str, str] = ADOPTED) -> None:
    from liaison.workflow.actions import transition

    transition(matter=recommendation, name="reply", access=access_for(officer), data=data)


def test_a_recommendation_to_a_court_is_numbered_served_and_answered(prosecutor) -> None:  # type: ignore[no-untyped-def]
    bench = court(name="大同市中级人民法院", division=division())
    judge = member(bench, Role.ENFORCEMENT_OFFICER, name="王法官")
    draft = drafted(addressee=bench, by=prosecutor)
    assert draft.matter_type == RECOMMENDATION.name and draft.kind == SOCIAL_GOVERNANCE.code
    assert draft.case_number.startswith("同检检建") and draft.source is None
    assert [p.person for p in MatterParty.objects.filter(matter=draft)] == [prosecutor]
    with pytest.raises(Exception):  # noqa: B017 (a 404: the court sees nothing of a draft)
        get_matter_for(access_for(judge), draft.pk)

    done = served(draft)
    assert done.state == "served" and done.document_pdf and done.document_docx
    clock = Clock.objects.get(matter=done, name="reply")
    assert clock.state == Clock.State.RUNNING and clock.period_code == "recommendations.reply"
    assert (clock.amount, clock.unit) == (2, "months")
    assert get_matter_for(access_for(judge), done.pk) == done
    assert done.pk in {m.pk for m in my_work(access_for(judge))}
    assert Notification.objects.filter(recipient=judge, matter=done).exists()

    _reply(done, judge, {"reply": "部分采纳，已清理超期执行款。", "reply_outcome": "partly"})
    answered = Recommendation.objects.get(pk=done.pk)
    assert answered.state == "replied" and answered.adoption == "partly"
    assert answered.get_reply_outcome_display() == "部分采纳"
    assert Clock.objects.get(matter=done, name="reply").state == Clock.State.STOPPED


def test_a_recommendation_to_a_company_is_answered_by_its_staff(prosecutor) -> None:  # type: ignore[no-untyped-def]
    firm = company()
    contact = member(firm, Role.LIAISON, name="赵经理")
    outsider = member(company(name="另一家公司"), Role.LIAISON)
    done = served(drafted(addressee=firm, by=prosecutor))
    with pytest.raises(TransitionForbidden):
        _reply(done, outsider)
    with pytest.raises(TransitionInvalid) as refusal:
        _reply(done, contact, {"reply": "已整改。", "reply_outcome": "rectified"})
    assert "reply_outcome" in refusal.value.form.errors  # not one of this kind's answers
    _reply(done, contact, {"reply": "不予采纳，理由如下。", "reply_outcome": "not_adopted"})
    assert Recommendation.objects.get(pk=done.pk).adoption == "not_adopted"


def test_a_kind_is_refused_to_an_organisation_it_is_not_for(prosecutor) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.recommending import PRE_LITIGATION

    with pytest.raises(WorkflowError):  # a pre-litigation recommendation goes to an agency
        drafted(addressee=company(), by=prosecutor, kind=PRE_LITIGATION.code)
    with pytest.raises(WorkflowError):  # ... and arises from an administrative case
        drafted(
            addressee=OrganisationFactory(kind="administrative_agency"),
            by=prosecutor,
            kind=PRE_LITIGATION.code,
        )
    assert not Recommendation.objects.exists()


@pytest.fixture
def head_only_kind() -> Any:
    kind = register_kind(
        RecommendationKind(
            code="tests.head_only",
            label="test kind",
            workflow=RECOMMENDATION.name,
            template="recommendations/documents/social_governance.html",
            reply_period="pil.recommendation_reply_urgent",
            chief_approves=False,
            addressees=frozenset({"court", "company"}),
        )
    )
    yield kind
    unregister_kind(kind.code)


def test_the_kind_says_whether_the_chief_procurator_approves(  # type: ignore[no-untyped-def]
    procuratorate, prosecutor, head_only_kind
) -> None:
    head = member(procuratorate, Role.DEPARTMENT_HEAD)
    chief = member(procuratorate, Role.CHIEF_PROCURATOR)
    firm = company()
    assert SOCIAL_GOVERNANCE.approvers == WITH_CHIEF and head_only_kind.approvers == HEAD_ONLY

    with_chief = drafted(addressee=firm, by=prosecutor)
    from liaison.workflow.actions import transition

    transition(matter=with_chief, name="serve", access=access_for(prosecutor))
    assert ApprovalRequest.objects.get(matter=with_chief).levels == list(WITH_CHIEF)
    approval_approve(matter=with_chief, access=access_for(head))
    assert Recommendation.objects.get(pk=with_chief.pk).state == "draft"  # the chief next
    approval_approve(matter=with_chief, access=access_for(chief))
    assert Recommendation.objects.get(pk=with_chief.pk).state == "served"

    alone = drafted(addressee=firm, by=prosecutor, kind=head_only_kind.code)
    transition(matter=alone, name="serve", access=access_for(prosecutor))
    assert ApprovalRequest.objects.get(matter=alone).levels == list(HEAD_ONLY)
    approval_approve(matter=alone, access=access_for(head))
    alone = Recommendation.objects.get(pk=alone.pk)
    assert alone.state == "served"
    # and its reply runs the kind's own period (fifteen days here)
    clock = Clock.objects.get(matter=alone, name="reply")
    assert clock.period_code == "pil.recommendation_reply_urgent" and clock.amount == 15


def test_figures_count_replies_in_time_and_adoption(procuratorate, prosecutor) -> None:  # type: ignore[no-untyped-def]
    firm, bench = company(), court(division=division())
    contact, judge = member(firm, Role.LIAISON), member(bench, Role.JUDGE)
    adopted = served(drafted(addressee=firm, by=prosecutor))
    _reply(adopted, contact)
    late = served(drafted(addressee=bench, by=prosecutor))
    Clock.objects.filter(matter=late).update(due_on=timezone.localdate() - timedelta(days=1))
    _reply(late, judge, {"reply": "不予采纳。", "reply_outcome": "not_adopted"})
    overdue = served(drafted(addressee=bench, by=prosecutor))
    Clock.objects.filter(matter=overdue).update(due_on=timezone.localdate() - timedelta(days=2))
    served(drafted(addressee=firm, by=prosecutor))  # awaited
    drafted(addressee=firm, by=prosecutor)  # a draft counts nowhere
    elsewhere = member(OrganisationFactory(division=division()), Role.PROSECUTOR)
    _reply(served(drafted(addressee=firm, by=elsewhere)), contact)  # another procuratorate

    figures = reply_figures(procuratorate)
    counts = (figures.in_time, figures.late, figures.waiting, figures.overdue)
    assert counts == (1, 1, 1, 1)
    assert (figures.adopted, figures.partly, figures.not_adopted) == (1, 0, 1)
    assert figures.adoption_rate == pytest.approx(1 / 2)
    assert figures.in_time_rate == pytest.approx(1 / 3)
    assert reply_figures(procuratorate, kinds=["tests.none"]).answered == 0
    assert reply_figures(procuratorate, year=timezone.localdate().year - 1).answered == 0


def test_figures_take_one_query(procuratorate, prosecutor, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        served(drafted(addressee=company(), by=prosecutor))
    with django_assert_num_queries(1):
        reply_figures(procuratorate)


def test_the_page_links_to_the_source_only_for_those_who_see_it(client) -> None:  # type: ignore[no-untyped-def]
    """The recommendation's page names the case it arose from; the case's procuratorate
    follows the link, the agency (which sees the recommendation, never the case) reads the
    number only: the engine decides (``selectors.source_seen_by``), not the template."""
    from liaison.publicinterest.tests import factories as pil

    handler = pil.prosecutor(pil.procuratorate(abbreviation="康检"))
    case, recommendation = pil.recommended_case(pil.filed_case(by=handler))
    link = reverse("workspace:matter", args=[case.pk])
    client.force_login(handler)
    page = client.get(reverse("workspace:matter", args=[recommendation.pk])).content.decode()
    assert f'href="{link}"' in page
    client.force_login(pil.agency_officer(recommendation.addressee))
    page = client.get(reverse("workspace:matter", args=[recommendation.pk])).content.decode()
    assert case.case_number in page and f'href="{link}"' not in page
