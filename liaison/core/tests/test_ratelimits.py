"""Public endpoints are rate-limited per client address (and per account where one is named),
and a refused request is told, in its reader's language, what happened and when to try again.

The counts live in the real cache (``settings.CACHES``), emptied before each test (conftest).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from liaison.core.ratelimits import client_ip, wait_phrase
from liaison.core.tests.factories import UserFactory
from liaison.publicinterest.codes import ALPHABET

pytestmark = pytest.mark.django_db

REPORT = reverse("publicinterest:report")
PROGRESS = reverse("publicinterest:progress")


def post_reports(client: Client, times: int, **headers: Any) -> list[Any]:
    return [client.post(REPORT, {"description": "河道里有油污"}, **headers) for _ in range(times)]


@pytest.mark.parametrize(
    ("language", "title", "wait"),
    [
        ("zh-hans", "请求过于频繁", "分钟后再试"),
        ("en", "Too many requests", "Try again in"),
    ],
)
def test_the_eleventh_report_in_an_hour_from_one_address_is_refused(
    client: Client, language: str, title: str, wait: str
) -> None:
    answers = post_reports(client, 11, HTTP_ACCEPT_LANGUAGE=language)
    assert [a.status_code for a in answers[:10]] == [400] * 10  # each one looked at
    refused = answers[10]
    assert refused.status_code == 429
    page = refused.content.decode()
    assert title in page and wait in page
    assert f'<html lang="{language}">' in page
    assert 0 < int(refused["Retry-After"]) <= 3600
    # Another address is not affected, and showing the form is never counted.
    assert post_reports(client, 1, REMOTE_ADDR="10.1.2.3")[0].status_code == 400
    assert client.get(REPORT).status_code == 200


def test_thirty_wrong_query_codes_in_two_seconds_get_refusals_not_lookups(client: Client) -> None:
    answers = []
    lookups = []
    for n in range(30):
        with CaptureQueriesContext(connection) as queries:
            code = "K7M2Q9XP" + ALPHABET[n // 10] + ALPHABET[n % 10]  # well formed, unknown
            answers.append(client.get(PROGRESS, {"code": code}))
        lookups.append(sum("publicinterest_clue" in q["sql"] for q in queries.captured_queries))
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 20
    assert all(count > 0 for count in lookups[:10])  # the first ten were looked up …
    assert lookups[10:] == [0] * 20  # … the rest never reached the database's clues
    # The page without a code (the form) is not a lookup and is not refused.
    assert client.get(PROGRESS).status_code == 200


# Every public endpoint, its limit's group and how to call it: (url name, method, data).
LIMITED = [
    ("publicinterest:report", "publicinterest.report", "post", {}),
    ("publicinterest:nearby", "publicinterest.nearby", "get", {"field": "1"}),
    ("publicinterest:progress", "publicinterest.progress", "get", {"code": "K7M2Q9XPRT"}),
    ("volunteers:register", "volunteers.register.ip", "post", {"mobile": "13703520001"}),
    ("lawyers:register", "lawyers.register.ip", "post", {"mobile": "13904770001"}),
    ("password_reset", "accounts.password_reset.ip", "post", {"email": "a@example.cn"}),
]


@pytest.mark.parametrize(("name", "group", "method", "data"), LIMITED)
def test_each_public_endpoint_has_a_limit(
    client: Client, settings: Any, name: str, group: str, method: str, data: dict[str, str]
) -> None:
    url = reverse(name)
    assert group in resolve(url).func.rate_limits  # type: ignore[attr-defined]
    settings.LIAISON_RATE_LIMITS = {group: "2/m"}  # a deployment's own rate, by the group's name
    send = getattr(client, method)
    statuses = [send(url, data, HTTP_ACCEPT_LANGUAGE="en").status_code for _ in range(3)]
    assert 429 not in statuses[:2]
    assert statuses[2] == 429


@pytest.mark.parametrize(
    ("name", "group", "field", "value"),
    [
        ("password_reset", "accounts.password_reset.account", "email", "Alice@Example.cn"),
        ("volunteers:register", "volunteers.register.mobile", "mobile", "+86 137-0352-0001"),
        ("lawyers:register", "lawyers.register.mobile", "mobile", "139 0477 0001"),
    ],
)
def test_a_limit_per_account_holds_across_addresses(
    settings: Any, name: str, group: str, field: str, value: str
) -> None:
    """Spreading requests about one account (or one mobile that receives texts) over many
    addresses does not escape its limit; the same value written another way counts too."""
    settings.LIAISON_RATE_LIMITS = {group: "2/h"}
    url = reverse(name)
    respellings = [value, value.upper(), value.replace(" ", "").replace("-", "")]
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}").post(url, {field: spelt}).status_code
        for n, spelt in enumerate(respellings, start=1)
    ]
    assert 429 not in statuses[:2] and statuses[2] == 429


def test_an_htmx_request_gets_a_short_fragment(client: Client, settings: Any) -> None:
    settings.LIAISON_RATE_LIMITS = {"publicinterest.nearby": "1/m"}
    url = reverse("publicinterest:nearby")
    client.get(url, HTTP_HX_REQUEST="true")
    refused = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "<html" not in text and "Too many requests came from your connection" in text


def test_a_json_client_gets_json(client: Client, settings: Any) -> None:
    settings.LIAISON_RATE_LIMITS = {"publicinterest.progress": "1/m"}
    client.get(PROGRESS, {"code": "K7M2Q9XPRT"})
    refused = client.get(
        PROGRESS, {"code": "K7M2Q9XPRT"}, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="zh"
    )
    assert refused.status_code == 429
    body = refused.json()
    assert body["retry_after"] == int(refused["Retry-After"])
    assert "请求" in body["error"] and "后再试" in body["detail"]


def test_a_logged_in_person_is_limited_like_anyone(client: Client) -> None:
    client.force_login(UserFactory())
    assert post_reports(client, 11)[-1].status_code == 429


# --- the client's address ------------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None) -> Any:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_proxies_the_address_is_the_connections(settings: Any) -> None:
    settings.LIAISON_TRUSTED_PROXIES = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own claim is not believed
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "", "10.0.0.1"),  # no header: the proxy's own address
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_counts(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    settings.LIAISON_TRUSTED_PROXIES = proxies
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


def test_behind_a_proxy_each_client_is_counted_apart(client: Client, settings: Any) -> None:
    settings.LIAISON_TRUSTED_PROXIES = 1
    settings.LIAISON_RATE_LIMITS = {"publicinterest.report": "1/h"}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(REPORT, {}, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 400
    assert client.post(REPORT, {}, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 400
    assert client.post(REPORT, {}, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429


@pytest.mark.parametrize(
    ("seconds", "english"),
    [
        (1, "Try again in 1 second."),
        (59.2, "Try again in 1 minute."),
        (61, "Try again in 2 minutes."),
        (1800, "Try again in 30 minutes."),
        (3 * 3600, "Try again in 3 hours."),
    ],
)
def test_the_wait_is_said_in_plain_words(seconds: float, english: str) -> None:
    from django.utils import translation

    with translation.override("en"):
        assert wait_phrase(seconds) == english


def test_the_cache_is_named_by_one_setting() -> None:
    import liaison.settings as production

    assert production.cache_from_url("redis://127.0.0.1:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    assert production.cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ValueError, match="LIAISON_CACHE_URL"):
        production.cache_from_url("memcached://127.0.0.1")
