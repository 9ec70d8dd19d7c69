"""Pages for information notices: the list, sending one, and the search for its recipient."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from liaison.core.navigation import page_rule
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.errors import WorkflowError
from liaison.workflow.listing import matter_list_page
from liaison.workflow.selectors import may_open

from .actions import notice_send
from .forms import NoticeForm
from .selectors import (
    RECIPIENTS_SHOWN,
    notices_visible_to,
    recipients_for,
    senders_for,
    takes_part_in_notices,
)
from .workflows import NOTICE


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(takes_part_in_notices)
def notice_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    return matter_list_page(
        request,
        matters=notices_visible_to(access),
        workflow=NOTICE,
        template="notices/list.html",
        context={"heading": _("Information notices"), "may_send": may_open(access, NOTICE)},
    )


def _results(sender: Organisation | None, query: str) -> dict[str, Any]:
    """The recipients found for ``query`` from ``sender``, as the results template shows them."""
    found = recipients_for(sender=sender, query=query) if sender is not None else []
    return {
        "results": found[:RECIPIENTS_SHOWN],
        "more": len(found) > RECIPIENTS_SHOWN,
        "query": query,
        "searched": sender is not None,
    }


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    """Write and send a notice from one of the user's organisations to one it works with.

    Without scripts, the "Search" button posts the form back to show the organisations found
    (what was typed is kept); with them, the search box asks ``recipient_search`` as one types.
    """
    access = _access(request)
    sender_choices = senders_for(access)
    senders = list(sender_choices)
    if not senders:
        messages.error(request, _("Only staff of an organisation can send information notices."))
        return redirect("workspace:my-work")
    searching = request.method == "POST" and "search" in request.POST
    if searching:
        form = NoticeForm(initial=request.POST.dict(), senders=sender_choices)
    else:
        form = NoticeForm(request.POST or None, senders=sender_choices)
    if request.method == "POST" and not searching and form.is_valid():
        try:
            notice = notice_send(access=access, **form.cleaned_data)
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Notice %(number)s sent.") % {"number": notice.case_number})
            return redirect("workspace:matter", pk=notice.pk)
    sender = _chosen_sender(request.POST.get("sender"), senders)
    context: dict[str, Any] = {"form": form, "results": [], "searched": False}
    if searching:
        context |= _results(sender, request.POST.get("recipient_search", ""))
        context["chosen"] = _reachable(sender, request.POST.get("recipient"))
    elif form.is_bound and "recipient" not in form.errors:
        context["chosen"] = form.cleaned_data.get("recipient")
    failed = request.method == "POST" and not searching
    return render(request, "notices/new.html", context, status=400 if failed else 200)


def _reachable(sender: Organisation | None, value: Any) -> Organisation | None:
    """The organisation with id ``value`` if ``sender`` works with it (the choice kept when the
    form is posted back to search again)."""
    if sender is None or not str(value or "").isdigit():
        return None
    return organisations_reachable_from(sender).filter(pk=int(value)).first()


def _chosen_sender(value: Any, senders: list[Organisation]) -> Organisation | None:
    """The sender named by ``value`` among the user's own (the only one, when they have one)."""
    if len(senders) == 1 and not value:
        return senders[0]
    return next((s for s in senders if str(s.pk) == str(value)), None)


@login_required
@require_GET
def recipient_search(request: HttpRequest) -> HttpResponse:
    """The organisations the sender works with whose name contains ``q`` (the form's search box
    sends its own name, ``recipient_search``), at most twenty, as the list the notice form shows
    (htmx). 404 for a sender the user is not staff of."""
    senders = list(senders_for(_access(request)))
    sender = _chosen_sender(request.GET.get("sender"), senders)
    if sender is None:
        raise Http404("No such sender.")
    return render(
        request,
        "notices/_recipients.html",
        _results(sender, (request.GET.get("q") or request.GET.get("recipient_search", ""))[:100]),
    )
