"""Pages for information notices: the list, and sending one."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.core.navigation import page_rule
from liaison.orgs.models import Organisation
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import may_open

from .actions import notice_send
from .forms import NoticeForm
from .selectors import notices_visible_to, takes_part_in_notices
from .workflows import NOTICE


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(takes_part_in_notices)
def notice_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    notices = notices_visible_to(access)
    state = request.GET.get("state", "")
    if state in NOTICE.states:
        notices = notices.filter(state=state)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {
            "page": page,
            "states": NOTICE.states,
            "state": state,
            "may_send": may_open(access, NOTICE),
        },
    )


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    """Write and send a notice from one of the user's organisations."""
    access = _access(request)
    senders = Organisation.objects.filter(pk__in=access.staff_organisation_ids)
    if not senders.exists():
        messages.error(request, _("Only staff of an organisation can send information notices."))
        return redirect("workspace:my-work")
    form = NoticeForm(request.POST or None, senders=senders)
    if request.method == "POST" and form.is_valid():
        try:
            notice = notice_send(access=access, **form.cleaned_data)
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Notice %(number)s sent.") % {"number": notice.case_number})
            return redirect("workspace:matter", pk=notice.pk)
    return render(request, "notices/new.html", {"form": form}, status=400 if form.errors else 200)
