"""Petition pages: the list, recording one, and figures (who petitioned: ``identities.py``).
A petition's own page is the engine's matter page, which includes ``_detail.html``; its steps
(accept, invite a lawyer, the lawyer's answer and record, resolve, close) are transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError

from . import selectors
from .actions import petition_receive
from .figures import figures_for
from .forms import PetitionForm
from .workflows import PETITION


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@require_GET
@page_rule(selectors.handles_petitions)
def petition_list(request: HttpRequest) -> HttpResponse:
    """The petitions the user may see (their procuratorates' own, or those they take part in),
    by state."""
    access = _access(request)
    petitions = selectors.petitions_visible_to(access)
    state = request.GET.get("state", "")
    if state in PETITION.states:
        petitions = petitions.filter(state=state)
    page = Paginator(petitions, 50).get_page(request.GET.get("page"))
    states = [
        (code, label) for code, label in PETITION.states.items() if code != PETITION.state("new")
    ]
    return render(
        request,
        "petitions/list.html",
        {
            "page": page,
            "states": states,
            "state": state,
            "can_record": selectors.handling_procuratorates(access).exists(),
        },
    )


@login_required
@page_rule(selectors.handles_petitions)
def petition_new(request: HttpRequest) -> HttpResponse:
    """Record a petition one of the user's procuratorates received."""
    access = _access(request)
    owners = selectors.handling_procuratorates(access)
    form = PetitionForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            petition = petition_receive(access=access, **form.cleaned_data)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Petition %(number)s recorded.") % {"number": petition.case_number}
            )
            return redirect("workspace:matter", pk=petition.pk)
    return render(request, "petitions/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Petitions received, with a lawyer taking part, and resolved, for the user's
    procuratorates and everything below them."""
    return render(request, "petitions/figures.html", {"figures": figures_for(_access(request))})
