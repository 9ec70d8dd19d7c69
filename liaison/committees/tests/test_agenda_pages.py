"""The agenda's pages: an item's page for the court's side (correcting, withdrawing), bad or
stale input shown again with what was typed (status 400, nothing changed), the procuratorate
sent back from it and shown a withdrawn item as withdrawn; the session page's agenda in a
bounded number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import AgendaItem, CommitteeSession
from .factories import World, added, confirmed, scheduled, session_day, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def _item_url(session: CommitteeSession, item: AgendaItem, withdraw: bool = False) -> str:
    name = "committees:agenda-withdraw" if withdraw else "committees:agenda-item"
    return reverse(name, args=[session.pk, item.pk])


def _edit_post(item: AgendaItem, **changes: str) -> dict[str, str]:
    return {
        "court_case_number": item.court_case_number,
        "summary": item.summary,
        "matter": str(item.matter_id or ""),
        "version": str(item.version),
    } | changes


def test_the_court_corrects_an_item_on_its_page(client, w) -> None:
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    client.force_login(w.c.judge)
    page = client.get(_item_url(session, item))
    assert page.status_code == 200
    assert 'data-testid="agenda-edit-form"' in page.content.decode()
    response = client.post(_item_url(session, item), _edit_post(item, summary="是否改判及利息。"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.summary, item.version) == ("是否改判及利息。", 2)


def test_a_blank_summary_is_shown_again(client, w) -> None:
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    client.force_login(w.c.judge)
    response = client.post(
        _item_url(session, item),
        _edit_post(item, court_case_number="（2026）青0103民再7号", summary=" "),
    )
    assert response.status_code == 400
    assert "（2026）青0103民再7号" in response.content.decode()
    item.refresh_from_db()
    assert (item.court_case_number, item.version) == ("（2026）青0103民再5号", 1)


def test_a_stale_edit_is_refused_with_a_message(client, w) -> None:
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    client.force_login(w.c.judge)
    client.post(_item_url(session, item), _edit_post(item, summary="第一位法官的修改。"))
    response = client.post(_item_url(session, item), _edit_post(item, summary="第二位的修改。"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "第二位的修改。" in body and "他人刚刚修改了议程中的案件" in body
    item.refresh_from_db()
    assert item.summary == "第一位法官的修改。"


def test_withdrawing_needs_a_reason(client, w) -> None:
    session = scheduled(w)
    second = added(w, session)
    client.force_login(w.c.judge)
    response = client.post(_item_url(session, second, withdraw=True), {"reason": " ", "version": 1})
    assert response.status_code == 400
    second.refresh_from_db()
    assert second.withdrawn_at is None


def test_the_procuratorate_sees_a_withdrawn_item_and_no_links_to_change_it(client, w) -> None:
    session = confirmed(w)
    second = added(w, session)
    client.force_login(w.c.judge)
    page = client.get(reverse("workspace:matter", args=[session.pk])).content.decode()
    assert page.count('data-testid="change-item"') == 2
    response = client.post(
        _item_url(session, second, withdraw=True), {"reason": "当事人已撤诉。", "version": 1}
    )
    assert response.status_code == 302
    for person in (w.c.chief, w.c.prosecutor):
        client.force_login(person)
        page = client.get(reverse("workspace:matter", args=[session.pk])).content.decode()
        assert page.count('data-testid="agenda-item"') == 2
        assert 'data-testid="withdrawn"' in page and "当事人已撤诉。" in page
        assert 'data-testid="change-item"' not in page


@pytest.mark.parametrize("who", ["chief", "enforcement"])
def test_others_who_see_the_session_are_sent_back_from_an_items_page(client, w, who) -> None:
    """The chief procurator invited and the court's enforcement officer see the session but do
    not change its agenda: sent back to it with the refusal, nothing changed."""
    session = scheduled(w)
    item = AgendaItem.objects.get(session=session)
    client.force_login({"chief": w.c.chief, "enforcement": w.c.enforcement}[who])
    assert client.get(_item_url(session, item)).status_code == 302
    response = client.post(
        _item_url(session, item, withdraw=True), {"reason": "x", "version": 1}, follow=True
    )
    assert "只有法院院长和审判员可以变更议程。" in response.content.decode()
    item.refresh_from_db()
    assert item.withdrawn_at is None


def test_once_the_session_has_begun_the_items_page_sends_the_court_back(client, w) -> None:
    session = session_day(confirmed(w))
    item = AgendaItem.objects.get(session=session)
    client.force_login(w.c.judge)
    assert client.get(_item_url(session, item)).status_code == 302
    page = client.get(reverse("workspace:matter", args=[session.pk])).content.decode()
    assert 'data-testid="change-item"' not in page
    assert 'data-testid="agenda-form"' not in page


def test_an_item_of_another_session_is_not_found(client, w) -> None:
    one, other = scheduled(w), scheduled(w, title="第13次会议")
    item = AgendaItem.objects.get(session=other)
    client.force_login(w.c.judge)
    assert client.get(_item_url(one, item)).status_code == 404


def test_the_session_page_with_a_long_agenda_in_a_bounded_number_of_queries(
    client, w, django_assert_max_num_queries
) -> None:
    session = scheduled(w)
    client.force_login(w.c.judge)
    client.get(reverse("workspace:matter", args=[session.pk]))
    for n in range(6, 12):
        added(w, session, f"（2026）青0103民再{n}号")
    with django_assert_max_num_queries(60) as counted:
        assert client.get(reverse("workspace:matter", args=[session.pk])).status_code == 200
    few = len(counted.captured_queries)
    added(w, session, "（2026）青0103民再20号")
    with django_assert_max_num_queries(few):
        client.get(reverse("workspace:matter", args=[session.pk]))
