"""Rate limits on the public pages, and the answer a refused request gets.

Counting is django-ratelimit's (fixed windows in Django's cache, ``settings.CACHES``; shared by
every process when ``LIAISON_CACHE_URL`` names a Redis server). Each limited view declares each of
its limits in one line::

    @rate_limited("publicinterest.report", "10/h", method="POST")

and a refused request gets HTTP 429 with ``Retry-After`` and, in the reader's language, what
happened and when to try again: a page of its own, a short fragment for htmx, JSON for a client
that asks for JSON. A deployment changes a rate by its group name, without code
(``LIAISON_RATE_LIMITS``, e.g. ``publicinterest.report=20/h``).

The client's address is ``client_ip``: ``REMOTE_ADDR``, or behind ``LIAISON_TRUSTED_PROXIES``
reverse proxies the address the outermost of them saw; django-axes counts failed logins by the
same address.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeAlias

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from liaison.core.validators import normalise_mobile

View: TypeAlias = Callable[..., HttpResponseBase]
#: What a request is counted by: "ip" (``client_ip``), or a function of (group, request).
Key: TypeAlias = str | Callable[[str, HttpRequest], str]


def client_ip(request: HttpRequest) -> str:
    """The address of the client who sent the request.

    With no trusted proxy (the default) it is ``REMOTE_ADDR``. Behind N reverse proxies
    (``LIAISON_TRUSTED_PROXIES``), each of which appends the address it received the request
    from to ``LIAISON_CLIENT_IP_HEADER`` (``X-Forwarded-For``), it is the N-th entry from the
    right: whatever a client writes into the header itself stands further left and is never
    believed.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "LIAISON_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    header = getattr(settings, "LIAISON_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    hops = [hop.strip() for hop in str(request.META.get(header, "")).split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def configured_rate(group: str, default: str) -> str:
    """The rate of ``group``: the deployment's (``LIAISON_RATE_LIMITS``) or the view's own."""
    return str(getattr(settings, "LIAISON_RATE_LIMITS", {}).get(group, default))


def wait_phrase(seconds: float) -> str:
    """ "Try again in …" in the reader's language, rounded up to whole seconds, minutes or hours."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return ngettext(
            "Try again in %(count)d second.", "Try again in %(count)d seconds.", seconds
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        return ngettext(
            "Try again in %(count)d minute.", "Try again in %(count)d minutes.", minutes
        ) % {"count": minutes}
    hours = math.ceil(seconds / 3600)
    return ngettext("Try again in %(count)d hour.", "Try again in %(count)d hours.", hours) % {
        "count": hours
    }


def refusal(
    request: HttpRequest,
    *,
    seconds: float,
    title: str,
    message: str,
    template: str = "core/too_many_requests.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """HTTP 429 saying what happened and when to try again, in the reader's language: a page,
    or for htmx a short fragment, or JSON for a client that asks for JSON."""
    wait = wait_phrase(seconds)
    retry_after = str(max(1, math.ceil(seconds)))
    accepts = request.headers.get("Accept", "")
    response: HttpResponse
    if "application/json" in accepts and "text/html" not in accepts:
        response = JsonResponse(
            {"error": message, "retry_after": int(retry_after), "detail": wait}, status=429
        )
    elif getattr(request, "htmx", False):
        response = render(
            request,
            "core/_too_many_requests.html",
            {"title": title, "message": message, "wait": wait},
            status=429,
        )
    else:
        response = render(
            request,
            template,
            {"title": title, "message": message, "wait": wait, **(context or {})},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response


def too_many_requests(request: HttpRequest, seconds: float) -> HttpResponse:
    """The answer to a request over one of its view's limits."""
    return refusal(
        request,
        seconds=seconds,
        title=_("Too many requests"),
        message=_(
            "Too many requests came from your connection in a short time, so this one was "
            "not carried out. Nothing you sent before is lost."
        ),
    )


def rate_limited(
    group: str,
    rate: str,
    *,
    key: Key = "ip",
    method: str | Sequence[str] = ALL,
    when: Callable[[HttpRequest], bool] | None = None,
) -> Callable[[View], View]:
    """Refuse a view's requests beyond ``rate`` (e.g. ``"10/h"``) per ``key`` with HTTP 429,
    before the view runs. ``method`` limits which requests count (e.g. ``"POST"``: showing the
    form is free), and so does ``when`` (e.g. only lookups that name a code). A view may carry
    several limits, one line each; the declared limits are on ``view.rate_limits`` so a test
    can list them."""

    def decorator(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if when is None or when(request):
                usage = get_usage(
                    request,
                    group=group,
                    key=(lambda _group, req: client_ip(req)) if key == "ip" else key,
                    rate=lambda _group, _request: configured_rate(group, rate),
                    method=method,
                    increment=True,
                )
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(request, max(usage["time_left"], 1))
            return view(request, *args, **kwargs)

        limited.rate_limits = [*getattr(view, "rate_limits", []), group]  # type: ignore[attr-defined]
        return limited

    return decorator


def posted(
    field: str, normalise: Callable[[str], str] = str.strip
) -> Callable[[str, HttpRequest], str]:
    """A key: the value of a posted field, normalised so that the same account or number
    written two ways counts once (e.g. an e-mail address in any case)."""

    def key(_group: str, request: HttpRequest) -> str:
        return normalise(str(request.POST.get(field, "")))

    return key


#: The posted mobile number, however it was written: it is where a registration's text goes.
by_mobile = posted("mobile", normalise_mobile)
