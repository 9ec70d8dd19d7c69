"""Pages for retrial cases (thin): the list both sides read, drafting one, adding and removing
an item of new evidence on a draft. The steps (serve, register, assess, rule, judgment,
withdraw) are the matter page's, through the engine's transition view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from . import actions, selectors
from .forms import EvidenceForm, OpenForm
from .models import NewEvidence, RetrialCase


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(selectors.sees_retrials)
@require_GET
def retrial_list(request: HttpRequest) -> HttpResponse:
    """The procuratorate's own retrial cases, or those served on the user's court."""
    cases = selectors.retrials_visible_to(_access(request))
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "retrials/list.html",
        {
            "page": page,
            "cases": list(page),
            "count": page.paginator.count,
            "may_draft": selectors.prosecutes(_access(request)),
        },
    )


@login_required
@page_rule(selectors.prosecutes)
def retrial_new(request: HttpRequest) -> HttpResponse:
    """Draft a protest or a retrial recommendation to a court the procuratorate works with
    (with seats in several, the one the prosecutor chooses)."""
    access = _access(request)
    owners = list(selectors.procuratorates_prosecuting(access))
    if not owners:
        raise Http404("No procuratorate.")
    form = OpenForm(request.POST or None, courts=selectors.courts_for_any(owners), acting=owners)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.retrial_open(
                access=access, owner=form.acting_organisation(), **form.action_data()
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(
                request,
                _("Retrial case %(number)s drafted: add its new evidence.")
                % {"number": case.case_number},
            )
            return redirect("workspace:matter", pk=case.pk)
    return render(request, "retrials/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item of new evidence to a draft (404 for a case the user does not see); bad
    input shows the case page again with the form and its errors, status 400."""
    access = _access(request)
    case = get_matter_for(access, pk, RetrialCase)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("No evidence was added: correct what is marked."))
        return matter_page(request, case, forms={"evidence": form}, status=400)
    try:
        actions.evidence_add(
            access=access,
            case=case,
            description=form.cleaned_data["description"],
            proves=form.cleaned_data["proves"],
            files=form.cleaned_data["evidence_files"],
        )
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("New evidence added."))
    return redirect("workspace:matter", pk=case.pk)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    access = _access(request)
    case = get_matter_for(access, pk, RetrialCase)
    found = NewEvidence.objects.filter(pk=item, case_id=case.pk).first()
    if found is None:
        raise Http404("No such item.")
    try:
        actions.evidence_remove(access=access, case=case, item=found)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The item of evidence was removed."))
    return redirect("workspace:matter", pk=case.pk)
