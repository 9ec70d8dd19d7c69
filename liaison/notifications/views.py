"""The inbox: read, and mark read. Each view reads one selector or calls one action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .actions import notification_mark_read, notifications_mark_all_read
from .selectors import inbox_for

PAGE_SIZE = 25


def _next_or_inbox(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:inbox")


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = inbox_for(request.user)  # type: ignore[arg-type]
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    # The unread count comes from the ``workspace`` context processor (``unread_notifications``).
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's notification is "not found", like a missing one.
    notification = get_object_or_404(inbox_for(request.user), pk=pk)  # type: ignore[arg-type]
    notification_mark_read(notification=notification, user=request.user)  # type: ignore[arg-type]
    return _next_or_inbox(request)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)  # type: ignore[arg-type]
    if count:
        messages.success(request, _("All notifications marked as read."))
    return _next_or_inbox(request)
