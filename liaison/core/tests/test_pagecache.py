"""Whole public pages kept for strangers (``core.pagecache``), through the busiest one, the
public clue report form: each visitor gets their own token and key, nobody else's page."""

import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import procuratorate
from liaison.publicinterest.views import REPORT_PAGES

pytestmark = pytest.mark.django_db

REPORT = reverse("publicinterest:report")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')


def _holes_out(html: str) -> str:
    """The page without its per-visitor values."""
    html = TOKEN.sub("TOKEN", KEY.sub("KEY", html))
    return re.sub(r'"X-CSRFToken": "[^"]+"', "TOKEN", html)


def test_two_strangers_get_the_same_page_with_their_own_token_and_key() -> None:
    first, second = Client(), Client()
    one = first.get(REPORT, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    two = second.get(REPORT, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert _holes_out(one) == _holes_out(two)
    assert TOKEN.search(one)[1] != TOKEN.search(two)[1]  # type: ignore[index]
    keys = {KEY.search(one)[1], KEY.search(two)[1]}  # type: ignore[index]
    assert len(keys) == 2 and all(uuid.UUID(k) for k in keys)
    assert "keptpage" not in one + two  # every marker filled in
    assert first.cookies["csrftoken"].value and second.cookies["csrftoken"].value


def test_the_kept_page_is_the_page_rendered_afresh() -> None:
    kept = Client().get(REPORT).content.decode()  # the first visit keeps it
    again = Client().get(REPORT).content.decode()  # from the kept copy
    REPORT_PAGES.clear()
    fresh = Client().get(REPORT).content.decode()
    assert _holes_out(again) == _holes_out(kept) == _holes_out(fresh)


def test_a_kept_page_takes_a_submission_with_the_csrf_check_on() -> None:
    procuratorate(name="鄂尔多斯市康巴什区人民检察院")
    Client().get(REPORT)  # kept by someone else's visit
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(REPORT).content.decode()
    data = {
        "csrfmiddlewaretoken": TOKEN.search(html)[1],  # type: ignore[index]
        "submission_key": KEY.search(html)[1],  # type: ignore[index]
        "field": "ecology",
        "description": "河道旁有企业长期偷排污水，河水发黑发臭。",
        "address": "内蒙古鄂尔多斯市康巴什区青春山湿地公园",
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
        "nearby_seen": "on",
    }
    response = browser.post(REPORT, data)
    assert response.status_code == 302
    assert str(Clue.objects.get().submission_key) == data["submission_key"]


def test_each_language_keeps_its_own_page() -> None:
    Client().get(REPORT, HTTP_ACCEPT_LANGUAGE="zh-CN")
    english = Client().get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Report anonymously" in english and "匿名举报" not in english


def test_a_logged_in_user_never_gets_the_strangers_page(client) -> None:  # type: ignore[no-untyped-def]
    Client().get(REPORT)
    volunteer = member(OrganisationFactory(), Role.VOLUNTEER, name="李志愿")
    client.force_login(volunteer)
    html = client.get(REPORT).content.decode()
    assert "李志愿" in html and 'action="/accounts/logout/"' in html.replace(
        reverse("logout"), "/accounts/logout/"
    )
    assert "李志愿" not in Client().get(REPORT).content.decode()


def test_a_query_string_or_a_waiting_message_is_rendered_afresh() -> None:
    Client().get(REPORT)
    with_query = Client().get(REPORT, {"from": "poster"}).content.decode()
    assert "from=poster" in with_query  # the language switcher returns to the same address
    browser = Client()
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.INFO, "请先选择地点")
    response = browser.get(REPORT)  # any response will do to carry the cookie
    storage.update(response)
    browser.cookies.update(response.cookies)
    assert "请先选择地点" in browser.get(REPORT).content.decode()
    assert "请先选择地点" not in Client().get(REPORT).content.decode()


def test_a_keeper_holds_at_most_its_size_the_oldest_dropped_first(rf) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from liaison.core.pagecache import PageKeeper

    keeper = PageKeeper("test.small", size=2)
    renders: list[str] = []

    def visit(key: str) -> str:
        request = rf.get("/")
        request.user = AnonymousUser()

        def render(holes: dict[str, str]) -> HttpResponse:
            renders.append(key)
            return HttpResponse(f"{key} {holes['n']}")

        return keeper.page(request, key, render, {"n": "1"}).content.decode()

    assert [visit(k) for k in ("a", "b", "a", "c", "a", "b")] == [
        "a 1",
        "b 1",
        "a 1",
        "c 1",
        "a 1",
        "b 1",
    ]
    # "a" was used again before "c" came, so "b" went: kept are "a" and "c"; "b" again renders.
    assert renders == ["a", "b", "c", "b"]
