"""Public notices, readable by anyone without logging in, on a phone first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors import get_public_notice, notices_public

PAGE_SIZE = 20


@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """The notices on show today; ``?past=1`` lists those whose time has passed."""
    past = request.GET.get("past") == "1"
    notices = notices_public(today=timezone.localdate(), current=not past)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "announcements/list.html", {"page": page, "past": past})


@require_GET
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_public_notice(pk=pk, today=timezone.localdate())
    return render(request, "announcements/detail.html", {"notice": notice})
