"""The page where an organisation's own administrator keeps its cooperation partners: whom it
works with (and so may send notices to), a new partner found by a search, a cooperation ended
with a reason, and whether the organisations in its own area count as partners.

Views parse the request and call one action (``actions.cooperation_record``,
``cooperation_stop``, ``organisation_set_own_area``), which checks the administrator again."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.core.navigation import page_rule

from . import actions
from .forms import CooperationEndForm, CooperationStartForm, OwnAreaForm
from .models import Cooperation, Organisation
from .selectors import (
    PARTNER_CANDIDATES_SHOWN,
    administers_an_organisation,
    cooperations_of,
    get_administered_for,
    organisations_administered_by,
    partner_candidates,
)


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(administers_an_organisation)
def administered(request: HttpRequest) -> HttpResponse:
    """The organisations this user administers; straight to the one when there is one."""
    organisations = list(organisations_administered_by(_access(request)))
    if len(organisations) == 1:
        return redirect("orgs:partners", pk=organisations[0].pk)
    return render(request, "orgs/administered.html", {"organisations": organisations})


def _found(org: Organisation, query: str) -> dict[str, Any]:
    found = partner_candidates(org, query)
    return {
        "results": found[:PARTNER_CANDIDATES_SHOWN],
        "more": len(found) > PARTNER_CANDIDATES_SHOWN,
        "query": query,
        "organisation": org,
    }


def _page(
    request: HttpRequest,
    org: Organisation,
    *,
    start_form: CooperationStartForm | None = None,
    end_forms: dict[int, CooperationEndForm] | None = None,
    searched: bool = False,
    status: int = 200,
) -> HttpResponse:
    start_form = start_form or CooperationStartForm()
    end_forms = end_forms or {}
    cooperations = [
        (cooperation, other, end_forms.get(cooperation.pk) or CooperationEndForm())
        for cooperation, other in cooperations_of(org)
    ]
    context: dict[str, Any] = {
        "organisation": org,
        "cooperations": cooperations,
        "start_form": start_form,
        "area_form": OwnAreaForm(initial={"works_with_own_area": org.works_with_own_area}),
        "searched": searched,
        "results": [],
    }
    if searched:
        context |= _found(org, str(start_form["partner_search"].value() or ""))
    return render(request, "orgs/partners.html", context, status=status)


@login_required
@require_GET
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_administered_for(_access(request), pk)
    return _page(request, org)


@login_required
@require_GET
def candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Organisations whose name contains ``q`` that ``pk`` does not yet work with, at most
    twenty (htmx, as one types)."""
    org = get_administered_for(_access(request), pk)
    query = (request.GET.get("q") or request.GET.get("partner_search", ""))[:100]
    return render(request, "orgs/_candidates.html", _found(org, query) | {"searched": True})


@login_required
@require_POST
def cooperation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a cooperation; without scripts, the Search button posts here to show the
    organisations found, keeping what was typed."""
    access = _access(request)
    org = get_administered_for(access, pk)
    if "search" in request.POST:
        form = CooperationStartForm(initial=request.POST.dict())
        return _page(request, org, start_form=form, searched=True)
    form = CooperationStartForm(request.POST)
    if form.is_valid():
        try:
            actions.cooperation_record(
                access=access,
                organisation=org,
                partner=form.cleaned_data["partner"],
                agreement=form.cleaned_data["agreement"],
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(
                request,
                _("%(partner)s is now a cooperation partner.")
                % {"partner": form.cleaned_data["partner"].name},
            )
            return redirect("orgs:partners", pk=org.pk)
    return _page(request, org, start_form=form, status=400)


@login_required
@require_POST
def cooperation_end(request: HttpRequest, pk: int, cooperation: int) -> HttpResponse:
    access = _access(request)
    org = get_administered_for(access, pk)
    found = Cooperation.objects.active().of(org).filter(pk=cooperation).first()
    if found is None:
        raise Http404("No such cooperation.")
    form = CooperationEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the cooperation ends."))
        return _page(request, org, end_forms={found.pk: form}, status=400)
    actions.cooperation_stop(
        access=access, organisation=org, cooperation=found, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request, _("The cooperation with %(partner)s has ended.") % {"partner": found.other(org)}
    )
    return redirect("orgs:partners", pk=org.pk)


@login_required
@require_POST
def own_area(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request)
    org = get_administered_for(access, pk)
    form = OwnAreaForm(request.POST)
    form.is_valid()  # a checkbox: absent is off, anything else on
    value = bool(form.cleaned_data.get("works_with_own_area"))
    actions.organisation_set_own_area(access=access, organisation=org, works_with_own_area=value)
    messages.success(
        request,
        _("Organisations in your own area now count as partners.")
        if value
        else _("Only the organisations you cooperate with count as partners now."),
    )
    return redirect("orgs:partners", pk=org.pk)
