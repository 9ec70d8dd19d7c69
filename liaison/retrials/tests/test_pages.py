"""The retrials pages: the list each side reads (with its query-count guard), drafting a case,
adding evidence on the case's page (bad input kept, status 400), the panels of the matter page,
and who is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import matter_comment
from liaison.workflow.tests.factories import court as court_factory

from ..models import NewEvidence, RetrialCase
from .factories import ORIGINAL, assessed, drafted, pdf, served, world

pytestmark = pytest.mark.django_db


def test_each_side_lists_its_own(client: Any, django_assert_max_num_queries: Any) -> None:
    w = world()
    served(w)
    served(w, "protest")
    draft = drafted(w)
    client.force_login(w.prosecutor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("retrials:list"))
    assert page.status_code == 200
    assert page.content.decode().count('href="/matters/') == 3
    assert page.context["count"] == 3
    client.force_login(w.judge)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("retrials:list"))
    text = page.content.decode()
    assert page.context["count"] == 2 and (draft.case_number or "") not in text


def test_the_list_costs_the_same_for_more_cases(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    w = world()
    for _ in range(6):
        served(w)
    client.force_login(w.judge)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("retrials:list")).status_code == 200


def test_another_court_and_a_lawyer_list_nothing(client: Any) -> None:
    w = world()
    served(w)
    other = member(court_factory(name="西宁市城东区人民法院"), Role.JUDGE)
    client.force_login(other)
    assert client.get(reverse("retrials:list")).context["count"] == 0
    lawyer = member(OrganisationFactory(kind=OrganisationKind.LAW_FIRM), Role.LAWYER)
    client.force_login(lawyer)
    assert client.get(reverse("retrials:list")).status_code == 403
    assert client.get(reverse("retrials:new")).status_code == 403


def test_a_prosecutor_drafts_a_case_on_the_page(client: Any) -> None:
    w = world()
    client.force_login(w.prosecutor)
    page = client.get(reverse("retrials:new"))
    assert w.court.name in page.content.decode()
    data = {
        "kind": "protest",
        "court": w.court.pk,
        "original_judgment": "（2025）青0103民初9号",
        "title": "某合同纠纷抗诉案",
        "grounds": "原判决适用法律确有错误。",
    }
    bad = client.post(reverse("retrials:new"), {**data, "original_judgment": "2025民初9号"})
    assert bad.status_code == 400 and "某合同纠纷抗诉案" in bad.content.decode()
    assert not RetrialCase.objects.exists()
    response = client.post(reverse("retrials:new"), data)
    case = RetrialCase.objects.get()
    assert response.status_code == 302 and case.kind == "protest"


def test_a_court_not_offered_is_refused(client: Any) -> None:
    w = world()
    stranger = court_factory(name="海东市中级人民法院")
    client.force_login(w.prosecutor)
    response = client.post(
        reverse("retrials:new"),
        {
            "kind": "protest",
            "court": stranger.pk,
            "original_judgment": ORIGINAL,
            "title": "t",
            "grounds": "g",
        },
    )
    assert response.status_code == 400 and not RetrialCase.objects.exists()


def test_evidence_is_added_on_the_case_page(client: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    w = world()
    case = drafted(w, items=0)
    client.force_login(w.prosecutor)
    url = reverse("retrials:evidence-add", args=[case.pk])
    bad = client.post(url, {"description": "证人证言", "proves": ""})
    assert bad.status_code == 400 and "证人证言" in bad.content.decode()
    assert not NewEvidence.objects.exists()
    response = client.post(
        url, {"description": "证人证言", "proves": "合同已履行", "evidence_files": [pdf()]}
    )
    assert response.status_code == 302
    item = NewEvidence.objects.get()
    assert item.files.count() == 1
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert "证人证言" in page and 'data-testid="evidence-form"' in page


def test_outsiders_and_the_court_add_no_evidence(client: Any) -> None:
    w = world()
    case = drafted(w, items=1)
    item = NewEvidence.objects.get(case=case)
    for person in (w.judge, member(OrganisationFactory(), Role.PROSECUTOR)):
        client.force_login(person)
        add = client.post(
            reverse("retrials:evidence-add", args=[case.pk]), {"description": "x", "proves": "y"}
        )
        remove = client.post(reverse("retrials:evidence-remove", args=[case.pk, item.pk]))
        assert add.status_code == 404 and remove.status_code == 404
    assert NewEvidence.objects.filter(case=case).count() == 1


def test_the_court_adds_nothing_once_served(client: Any) -> None:
    w = world()
    case = served(w)
    client.force_login(w.judge)
    response = client.post(
        reverse("retrials:evidence-add", args=[case.pk]), {"description": "x", "proves": "y"}
    )
    assert response.status_code == 302
    assert NewEvidence.objects.filter(case=case).count() == 2


def test_the_courts_page_shows_the_evidence_and_not_the_procuratorates_notes(
    client: Any,
) -> None:
    w = world()
    case = assessed(w)
    matter_comment(matter=case, access=access_for(w.prosecutor), text="内部意见：证据二较弱")
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert 'data-testid="evidence-accepted"' in page
    assert 'data-testid="evidence-not-accepted"' in page
    assert "内部意见" not in page
    assert 'data-testid="evidence-form"' not in page
    client.force_login(w.prosecutor)
    assert "内部意见" in client.get(reverse("workspace:matter", args=[case.pk])).content.decode()


def test_the_assess_form_has_a_row_per_item(client: Any) -> None:
    from .factories import registered

    w = world()
    case = registered(w)
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    for item in NewEvidence.objects.filter(case=case):
        assert f'name="decision_{item.pk}"' in page and f'name="reasons_{item.pk}"' in page
    response = client.post(reverse("workspace:transition", args=[case.pk, "assess"]), {})
    assert response.status_code == 400
    assert RetrialCase.objects.get(pk=case.pk).state == "registered"
