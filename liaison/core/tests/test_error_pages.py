"""Every error page is the project's own, in the reader's language, with a way back (home, and
back), with debugging off as in production."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from liaison.core import errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("liaison.core.tests.error_urls")]

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

#: (how to cause it, status, Chinese heading, English heading)
PAGES = {
    "404": ("get", "/no-such-page/", 404, "页面不存在", "Page not found"),
    "403": ("get", "/test-errors/403/", 403, "无权访问", "Not allowed"),
    "400": ("get", "/test-errors/400/", 400, "请求有误", "Bad request"),
    "500": ("get", "/test-errors/500/", 500, "系统出错", "Something went wrong"),
    "403_csrf": ("post", "/accounts/login/", 403, "表单已失效", "The form has expired"),
}


def _client() -> Client:
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def _fetch(kind: str, headers: dict[str, str], client: Client | None = None):  # type: ignore[no-untyped-def]
    method, url, status, _zh, _en = PAGES[kind]
    response = getattr(client or _client(), method)(url, **headers)
    assert response.status_code == status
    return response


@pytest.mark.parametrize("kind", PAGES)
def test_each_error_page_is_ours_in_chinese_with_a_way_back(kind, settings):
    assert not settings.DEBUG
    response = _fetch(kind, ZH)
    page = response.content.decode()
    assert PAGES[kind][3] in page
    assert '<html lang="zh-hans">' in page
    assert 'href="/"' in page and "首页" in page and "返回上一页" in page
    assert "Not Found" not in page and "Server Error" not in page
    assert response["Content-Language"] == "zh-hans"


@pytest.mark.parametrize("kind", PAGES)
def test_each_error_page_in_english(kind):
    page = _fetch(kind, EN).content.decode()
    assert PAGES[kind][4] in page
    assert '<html lang="en">' in page
    assert "Home page" in page and "Go back" in page
    assert PAGES[kind][3] not in page


def test_the_language_chosen_in_the_menu_wins_over_the_browser():
    client = _client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in _fetch("404", ZH, client).content.decode()


def test_a_page_refused_by_a_host_check_is_our_400():
    response = _client().get("/", HTTP_HOST="evil.example", **ZH)
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_back_leads_to_the_page_the_reader_came_from_on_this_site_only():
    came_from = "http://testserver/notices/?state=sent"
    page = _client().get("/no-such-page/", HTTP_REFERER=came_from, **ZH).content.decode()
    assert 'href="http://testserver/notices/?state=sent"' in page
    page = _client().get("/no-such-page/", HTTP_REFERER="https://evil.example/", **ZH)
    assert "evil.example" not in page.content.decode()


def test_the_500_page_chooses_the_language_itself_when_none_is_active():
    """An error before the locale middleware ran (or with a broken database) still gets the
    reader's language: the handler reads it from the request, not from the context."""
    request = RequestFactory().get("/", **EN)
    with translation.override(None):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_500_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/", **ZH)
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    assert "系统出错" in response.content.decode()
