"""Pages for disputes: the list both sides read, and raising one about a matter. The steps
(agenda, resolve, withdraw) are the matter page's, through the engine's transition view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for

from .actions import dispute_raise
from .forms import RaiseForm
from .selectors import (
    OPEN_STATES,
    Raising,
    disputes_visible_to,
    raising_for,
    raisings_for,
    takes_part_in_disputes,
    with_meetings,
)
from .workflows import DISPUTE


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(takes_part_in_disputes)
def dispute_list(request: HttpRequest) -> HttpResponse:
    """Every dispute the user's side sees, open ones first; "awaiting a meeting" when none is
    scheduled for one not yet on an agenda."""
    disputes = disputes_visible_to(_access(request))
    state = request.GET.get("state", "")
    if state == "open":
        disputes = disputes.filter(state__in=OPEN_STATES)
    elif state in DISPUTE.states:
        disputes = disputes.filter(state=state)
    page = Paginator(disputes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/list.html",
        {"page": page, "disputes": with_meetings(list(page)), "state": state},
    )


@login_required
def dispute_new(request: HttpRequest, matter: int) -> HttpResponse:
    """Raise a dispute about the matter ``matter`` (404 when the user does not see it)."""
    access = _access(request)
    subject = get_matter_for(access, matter)
    found = raising_for(access, subject)
    raisings = raisings_for(access, subject)
    bound = [r for r in raisings if r.agreement is not None] if isinstance(raisings, list) else []
    form = RaiseForm(request.POST or None, acting=[r.side for r in bound])
    if request.method == "POST" and form.is_valid():
        try:
            dispute = dispute_raise(
                access=access,
                subject=subject,
                grounds=form.cleaned_data["grounds"],
                side=form.chosen_organisation(),
            )
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Dispute %(number)s raised.") % {"number": dispute.case_number}
            )
            return redirect("workspace:matter", pk=dispute.pk)
    context = {
        "form": form,
        "subject": subject,
        "raising": found if isinstance(found, Raising) else None,
        "bound": bound,
        "refusal": None if isinstance(found, Raising) else found,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "disputes/new.html", context, status=status)
