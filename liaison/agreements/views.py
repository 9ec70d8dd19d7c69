"""Pages for agreements: the list, drafting and correcting one, naming a liaison person. The
agreement's own page is the shared matter page (its ``detail_template``); its steps (sign,
bring into force, expire, replace) are taken there."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core.navigation import page_rule
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.errors import WorkflowError
from liaison.workflow.listing import matter_list_page
from liaison.workflow.policy import policy_for

from .actions import agreement_draft, agreement_update, liaison_person_name
from .forms import AgreementForm, LiaisonPersonForm
from .models import Agreement
from .selectors import (
    agreements_of,
    drafting_organisations,
    get_agreement_for,
    liaison_candidates,
    may_draft,
    may_name_liaison,
    party_ids,
    takes_part_in_agreements,
    with_next_meetings,
)
from .workflows import AGREEMENT


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(takes_part_in_agreements)
def agreement_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    today = timezone.localdate()
    return matter_list_page(
        request,
        matters=agreements_of(access),
        workflow=AGREEMENT,
        template="agreements/list.html",
        decorate=lambda rows: with_next_meetings(rows, today),
        context={"heading": _("Cooperation agreements"), "may_draft": may_draft(access)},
    )


def _partner_choices(owners: list[Organisation]) -> Any:
    """The organisations the user's drafting organisations work with: the parties offered."""
    ids: set[int] = set()
    for owner in owners:
        ids.update(organisations_reachable_from(owner).values_list("pk", flat=True))
    return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")


@login_required
@page_rule(may_draft)
def agreement_new(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    owners = list(drafting_organisations(access))
    form = AgreementForm(
        request.POST or None,
        owners=drafting_organisations(access),
        partners=_partner_choices(owners),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreement_draft(access=access, **form.cleaned_data)
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Agreement %(number)s drafted.") % {"number": agreement.case_number}
            )
            return redirect("workspace:matter", pk=agreement.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "agreements/form.html", {"form": form}, status=status)


def _editable(request: HttpRequest, pk: int) -> Agreement:
    """The agreement ``pk`` if this user may correct it (404 for missing, unseen or not
    theirs to correct: nobody learns more)."""
    access = _access(request)
    agreement = get_agreement_for(access, pk)
    if agreement is None or not policy_for(agreement).may(access, agreement, "edit"):
        raise Http404("No such agreement.")
    return agreement


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request)
    agreement = _editable(request, pk)
    partners = Organisation.objects.filter(pk__in=party_ids(agreement) - {agreement.owner_id})
    initial = {
        "title": agreement.title,
        "partners": list(partners),
        "articles": agreement.articles,
        "governs": agreement.governs,
        "meeting_cadence": agreement.meeting_cadence,
    }
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        partners=_partner_choices([agreement.owner]) | partners,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement_update(agreement=agreement, access=access, **form.cleaned_data)
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("workspace:matter", pk=agreement.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "agreements/form.html", {"form": form, "agreement": agreement}, status=status
    )


@login_required
@require_POST
def liaison_name(request: HttpRequest, pk: int, organisation: int) -> HttpResponse:
    """Name a party's liaison person (from the agreement's page)."""
    access = _access(request)
    agreement = get_agreement_for(access, pk)
    party = Organisation.objects.filter(pk=organisation).first()
    if agreement is None or party is None or not may_name_liaison(access, agreement, party):
        raise Http404("No such agreement.")
    form = LiaisonPersonForm(request.POST, candidates=liaison_candidates(party))
    if form.is_valid():
        try:
            liaison_person_name(
                agreement=agreement,
                organisation=party,
                person=form.cleaned_data["person"],
                access=access,
            )
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Liaison person named."))
    else:
        for error in form.errors.get("person", []):
            messages.error(request, str(error))
    return redirect("workspace:matter", pk=agreement.pk)
