"""The project's own error pages (400, 403, 403 for a refused form, 404, 500), in the reader's
language, each with a way back.

Django's handlers render 400 and 500 with no context and 403 for CSRF with a plain one, and an
error may come from a broken database or a middleware that ran before the locale was chosen. So
these views ask nothing of the request's context (no context processors, no session, no
database): they choose the language from the request itself (cookie, then Accept-Language, as
``LocaleMiddleware`` does) and render a self-contained template.
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme


def _home() -> str:
    try:
        return reverse("home")
    except NoReverseMatch:  # a broken URL map must not break the error page too
        return "/"


def _back(request: HttpRequest, home: str) -> str:
    """Where "back" leads: the page the reader came from when it is on this site, else home."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        ours = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    except DisallowedHost:  # a bad Host header is a 400, which must still get its page
        ours = False
    return referer if referer and ours and referer != request.build_absolute_uri() else home


def _page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    language = translation.get_language_from_request(request)
    home = _home()
    with translation.override(language):
        body = loader.get_template(template).render(
            {"LANGUAGE_CODE": language, "home_url": home, "back_url": _back(request, home)}
        )
    response = HttpResponse(body, status=status)
    response["Content-Language"] = language
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (settings.CSRF_FAILURE_VIEW): expired, or sent without
    its cookie."""
    return _page(request, "403_csrf.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, "500.html", 500)
