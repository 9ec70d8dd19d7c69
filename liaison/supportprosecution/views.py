"""Pages of support prosecution.

Public (no login, phone first): the application, its receipt with the query code, and the
status page by that code. Staff: the list of cases, entering an application received at the
counter or by phone, recording a paper referral, and the forms of a case's page (beneficiaries,
recovered instalments, the opinion's preview). A case's own page is the engine's matter page,
which includes the detail template and panels (``_detail.html``, ``_beneficiaries.html``,
``_recoveries.html``); who the people are is the shared audited look (``identities:reveal``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.core.navigation import page_rule
from liaison.core.ratelimits import rate_limited
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from . import actions, selectors
from .documents import opinion_document
from .forms import (
    ApplicationForm,
    BeneficiaryForm,
    BeneficiaryFormSet,
    ListFilterForm,
    RecoveryForm,
    ReferralOpenForm,
    StaffOpenForm,
    StatusForm,
)
from .models import Beneficiary, SupportCase
from .workflows import EDIT_BENEFICIARIES, RECORD_RECOVERY, SUPPORT_CASE

RECEIPT_COOKIE = "supportprosecution_receipt"
PAGE_SIZE = 50


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _people(formset: Any) -> list[dict[str, Any]]:
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


# -- public -------------------------------------------------------------------------------------


def _to_receipt(case: SupportCase) -> HttpResponse:
    """To the receipt of what this browser just sent, named in a signed cookie, never in the
    URL (as the public clue report does)."""
    response = redirect("supportprosecution:receipt")
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        str(case.pk),
        salt=RECEIPT_COOKIE,
        max_age=settings.SESSION_COOKIE_AGE,
        path=reverse("supportprosecution:receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _key(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@rate_limited("supportprosecution.apply", "10/h", method="POST")
def apply(request: HttpRequest) -> HttpResponse:
    """Apply for support prosecution without an account. Bad input answers 400 with every
    message and what was typed; the same application posted twice (its submission key already
    stored) answers with the receipt of the case stored the first time."""
    if request.method != "POST":
        form = ApplicationForm(initial={"submission_key": uuid.uuid4()})
        people = BeneficiaryFormSet(prefix="people")
        return render(request, "supportprosecution/apply.html", {"form": form, "people": people})
    data = request.POST.copy()
    key = _key(data.get("submission_key"))
    if key is None:
        key = uuid.uuid4()
        data["submission_key"] = str(key)
    existing = actions.case_for_submission(key)
    if existing is not None:
        return _to_receipt(existing)
    form = ApplicationForm(data)
    people = BeneficiaryFormSet(data, prefix="people")
    if form.is_valid() and people.is_valid():
        try:
            case, _new = actions.application_submit(
                **form.cleaned_data,
                beneficiaries=_people(people),
                received_on=timezone.localdate(),
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            return _to_receipt(case)
    messages.error(request, _("The application was not sent yet: please correct what is marked."))
    return render(
        request,
        "supportprosecution/apply.html",
        {"form": form, "people": people},
        status=400,
    )


@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt of the application this browser just sent, with its query code."""
    value = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE, max_age=settings.SESSION_COOKIE_AGE
    )
    case = (
        SupportCase.objects.select_related("owner", "category").filter(pk=int(value)).first()
        if value and str(value).isdigit()
        else None
    )
    if case is None:
        return redirect("supportprosecution:apply")
    return render(request, "supportprosecution/receipt.html", {"case": case})


@rate_limited("supportprosecution.status", "10/m", when=lambda request: "code" in request.GET)
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """A case's state by its query code, and the eligibility decision with its reasons;
    nothing else about it or anyone."""
    form = StatusForm(request.GET if "code" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors.status_for_code(form.cleaned_data["code"])
        if result is None:
            form.add_error("code", _("No application has this query code. Check it and try again."))
    return render(request, "supportprosecution/status.html", {"form": form, "result": result})


# -- staff --------------------------------------------------------------------------------------


@login_required
@require_GET
@page_rule(selectors.works_on_support)
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user sees, filtered by state, category, channel and a search; due first."""
    form = ListFilterForm(request.GET or None, states=list(SUPPORT_CASE.states.items()))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = selectors.cases_visible_to(_access(request), **filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "supportprosecution/list.html",
        {
            "form": form,
            "page": page,
            "opens": selectors.opens_cases(_access(request)),
            "today": timezone.localdate(),
        },
    )


def _open_page(
    request: HttpRequest, form_class: type, template: str, open_case: Any
) -> HttpResponse:
    """Open a case for the procuratorate the user enters it for: their only one, or the one
    they choose (``orgs.forms.ActingForForm``)."""
    access = _access(request)
    owners = list(selectors.procuratorates_opening(access))
    if not owners:
        raise Http404("No procuratorate.")
    if request.method != "POST":
        form = form_class(initial={"received_on": timezone.localdate()}, acting=owners)
        people = BeneficiaryFormSet(prefix="people")
        return render(request, template, {"form": form, "people": people})
    form = form_class(request.POST, acting=owners)
    people = BeneficiaryFormSet(request.POST, prefix="people")
    if form.is_valid() and people.is_valid():
        try:
            case = open_case(
                access=access,
                owner=form.acting_organisation(),
                beneficiaries=_people(people),
                **form.action_data(),
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(
                request, _("Case %(number)s was opened.") % {"number": case.case_number}
            )
            return redirect("workspace:matter", pk=case.pk)
    return render(request, template, {"form": form, "people": people}, status=400)


@login_required
@page_rule(selectors.opens_cases)
def case_new(request: HttpRequest) -> HttpResponse:
    """Enter an application received at the counter or by phone."""
    return _open_page(request, StaffOpenForm, "supportprosecution/new.html", actions.case_open)


@login_required
@page_rule(selectors.opens_cases)
def referral_new(request: HttpRequest) -> HttpResponse:
    """Record a referral received on paper from the judicial bureau, the legal-aid centre or
    the labour inspectorate."""

    def open_referred(*, referred_by: Any, **fields: Any) -> SupportCase:
        return actions.case_open_referred(by=referred_by, **fields)

    return _open_page(request, ReferralOpenForm, "supportprosecution/referral.html", open_referred)


def _case(request: HttpRequest, pk: int) -> SupportCase:
    return get_matter_for(_access(request), pk, SupportCase)


@login_required
@require_POST
def beneficiary_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if not SUPPORT_CASE.policy.may(_access(request), case, EDIT_BENEFICIARIES):
        raise Http404
    form = BeneficiaryForm(request.POST, prefix="beneficiary")
    if form.is_valid():
        try:
            actions.beneficiary_add(access=_access(request), case=case, **form.cleaned_data)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(request, _("The beneficiary was added."))
            return redirect("workspace:matter", pk=case.pk)
    return matter_page(request, case, forms={"beneficiary": form}, status=400)


@login_required
@require_POST
def beneficiary_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    case = _case(request, pk)
    beneficiary = Beneficiary.objects.filter(pk=item, case=case).first()
    if beneficiary is None or not SUPPORT_CASE.policy.may(
        _access(request), case, EDIT_BENEFICIARIES
    ):
        raise Http404
    try:
        actions.beneficiary_remove(access=_access(request), case=case, beneficiary=beneficiary)
    except WorkflowError as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, _("The beneficiary was removed."))
    return redirect("workspace:matter", pk=case.pk)


@login_required
@require_POST
def recovery_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if not SUPPORT_CASE.policy.may(_access(request), case, RECORD_RECOVERY):
        raise Http404
    form = RecoveryForm(request.POST, prefix="recovery", matter=case)
    if form.is_valid():
        try:
            actions.recovery_record(access=_access(request), case=case, **form.cleaned_data)
        except actions.OverAward as refusal:
            form.add_error("over_award_reason", str(refusal.message))
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(request, _("The instalment was recorded."))
            return redirect("workspace:matter", pk=case.pk)
    return matter_page(request, case, forms={"recovery": form}, status=400)


@login_required
@require_GET
def opinion(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The opinion as PDF or Word: a preview marked as a draft until it is sent (for those
    who see the case while it is drafted); once sent, the files kept on the case."""
    case = _case(request, pk)
    if fmt not in ("pdf", "docx") or not case.opinion_text:
        raise Http404
    content, content_type, name = opinion_document(case, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(name)}"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
