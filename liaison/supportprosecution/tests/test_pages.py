"""The pages: the case's own page for each who sees it (its panels, masked identities), the
staff list with its filters and a constant number of queries, the public status page (a
stranger with a wrong code learns nothing), the opinion's files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role

from .factories import applied_online, judged, opened_at_counter, sent, take, world

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def test_the_case_page_shows_its_panels_in_chinese(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = judged(w)
    client.force_login(w.prosecutor)
    page = client.get(reverse("workspace:matter", args=[case.pk]), **ZH).content.decode()
    for text in ("支持起诉", "农民工讨薪", "受助人", "追回款项", "登记本笔款项", "28,800.50"):
        assert text in page, text
    assert "张**" in page and "张建国" not in page  # masked until the audited look


def test_a_stranger_and_a_court_before_the_opinion_get_404(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = applied_online(w)
    for person in (member(OrganisationFactory(), Role.CHIEF_PROCURATOR), w.judge):
        client.force_login(person)
        assert client.get(reverse("workspace:matter", args=[case.pk])).status_code == 404
        assert (
            client.get(reverse("supportprosecution:opinion", args=[case.pk, "pdf"])).status_code
            == 404
        )


def test_the_court_reads_the_case_once_the_opinion_is_sent(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = sent(w)
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[case.pk]), **ZH).content.decode()
    assert "确认收到" in page  # its own step
    assert "登记诉讼结果" not in page


def test_the_opinion_downloads_as_pdf_and_word(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = take(applied_online(w), "find_eligible", w.prosecutor, reasons="符合条件。")
    case = take(case, "accept", w.prosecutor)
    from .factories import OPINION

    case = take(case, "draft_opinion", w.prosecutor, court=w.court.pk, **OPINION)
    client.force_login(w.prosecutor)
    pdf = client.get(reverse("supportprosecution:opinion", args=[case.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("supportprosecution:opinion", args=[case.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert (
        client.get(reverse("supportprosecution:opinion", args=[case.pk, "txt"])).status_code == 404
    )


def test_the_list_filters_and_keeps_its_queries_constant(
    client,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    w = world()
    online = applied_online(w)
    counter = opened_at_counter(w)
    client.force_login(w.prosecutor)
    url = reverse("supportprosecution:list")
    with django_assert_max_num_queries(12):
        page = client.get(url, **ZH).content.decode()
    assert online.case_number in page and counter.case_number in page
    for _ in range(5):
        applied_online(w)
    with django_assert_max_num_queries(12):
        client.get(url, **ZH)
    page = client.get(url, {"channel": "counter"}).content.decode()
    assert counter.case_number in page and online.case_number not in page
    page = client.get(url, {"state": "applied", "q": "芜湖某建筑"}).content.decode()
    assert online.case_number in page
    other = member(OrganisationFactory(), Role.PROSECUTOR)
    client.force_login(other)
    assert online.case_number not in client.get(url).content.decode()


def test_the_status_page_shows_the_decision_only_to_the_code(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = take(applied_online(w), "find_ineligible", w.prosecutor, reasons="已超过诉讼时效。")
    url = reverse("supportprosecution:status")
    page = client.get(url, {"code": case.query_code_display}, **ZH).content.decode()
    assert "不符合支持起诉条件" in page and "已超过诉讼时效。" in page
    assert "张建国" not in page and "芜湖某建筑劳务有限公司" not in page
    wrong = "ABCDE" + ("FGHJK" if not case.query_code.endswith("FGHJK") else "MNPQR")
    page = client.get(url, {"code": wrong}, **ZH).content.decode()
    assert "没有与此查询码对应的申请" in page and "诉讼时效" not in page
    page = client.get(url, {"code": "bad"}, **ZH).content.decode()
    assert "诉讼时效" not in page


def test_the_public_pages_fit_a_phone(client) -> None:  # type: ignore[no-untyped-def]
    for name in ("supportprosecution:apply", "supportprosecution:status"):
        page = client.get(reverse(name), **ZH).content.decode()
        assert 'name="viewport"' in page and "max-width: 36rem" in page
