"""Request middleware shared by every app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .access import access_for


class AccessMiddleware:
    """Attach ``request.access`` (built on first use, once per request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.access = SimpleLazyObject(lambda: access_for(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
