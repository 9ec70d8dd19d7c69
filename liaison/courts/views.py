"""The courts' pages (thin): draft a recommendation to a court, the enforcement cases (the
court's register, or those shared with the procuratorate), one case with the form to open
supervision, sharing a case, importing a register and its report, and the figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.core.access import Access
from liaison.core.navigation import page_rule
from liaison.orgs.roles import OrganisationKind
from liaison.recommendations.figures import received_figures, reply_figures_by_addressee
from liaison.workflow.errors import WorkflowError

from . import actions, recommending, registers, selectors
from .forms import CourtRecommendationForm, ImportForm, ShareForm, SupervisionOpenForm

RECOMMENDATION_TYPES = [recommending.RECOMMENDATION.name]


def _access(request: HttpRequest) -> Access:
    return request.access  # type: ignore[attr-defined]


def _refused(form: Any, refusal: WorkflowError) -> None:
    form.add_error(None, str(refusal.message))


@login_required
@page_rule(selectors.prosecutes)
def recommend(request: HttpRequest) -> HttpResponse:
    """Draft a recommendation to a court the procuratorate works with, on its own."""
    access = _access(request)
    owners = list(selectors.procuratorates_prosecuting(access))
    form = CourtRecommendationForm(
        request.POST or None,
        kinds=[(k.code, k.label) for k in recommending.KINDS],
        courts=selectors.partners_of_any(owners, OrganisationKind.COURT),
        acting=owners,
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = actions.court_recommendation_open(
                access=access, owner=form.acting_organisation(), **form.action_data()
            )
        except WorkflowError as refusal:
            _refused(form, refusal)
        else:
            messages.success(
                request,
                _("Recommendation %(number)s drafted.") % {"number": recommendation.case_number},
            )
            return redirect("workspace:matter", pk=recommendation.pk)
    return render(
        request, "courts/recommend.html", {"form": form}, status=400 if form.errors else 200
    )


def _keeper_forms(access: Access, post: Any = None) -> dict[str, Any]:
    """The forms of those who keep a court's register: with seats in several courts, each
    form asks which court acts (``ActingForForm``)."""
    courts = list(selectors.courts_kept_by(access))
    if not courts:
        return {}
    partners = selectors.partners_of_any(courts, OrganisationKind.PROCURATORATE)
    return {
        "courts": courts,
        "share_form": ShareForm(post, procuratorates=partners, acting=courts),
        "import_form": ImportForm(procuratorates=partners, acting=courts),
        "imports": selectors.recent_imports(access),
    }


@login_required
@page_rule(selectors.sees_court_work)
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    page = Paginator(selectors.cases_visible_to(access), 50).get_page(request.GET.get("page"))
    return render(request, "courts/cases.html", {"page": page, **_keeper_forms(access)})


@login_required
@page_rule(selectors.keeps_a_register)
@require_POST
def share(request: HttpRequest) -> HttpResponse:
    """An enforcement officer grants a procuratorate access to one case."""
    access = _access(request)
    forms = _keeper_forms(access, request.POST)
    form = forms["share_form"]
    if form.is_valid():
        try:
            actions.case_share(
                access=access, court=form.acting_organisation(), **form.action_data()
            )
        except WorkflowError as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, _("The case is shared with the procuratorate."))
            return redirect("courts:cases")
    page = Paginator(selectors.cases_visible_to(access), 50).get_page(1)
    return render(request, "courts/cases.html", {"page": page, **forms}, status=400)


@login_required
@page_rule(selectors.sees_court_work)
def case(request: HttpRequest, pk: int) -> HttpResponse:
    """One enforcement case: to its court, and to a procuratorate it was shared with, which may
    open supervision of it here."""
    access = _access(request)
    found = selectors.cases_visible_to(access).filter(pk=pk).first()
    if found is None:
        raise Http404("No such enforcement case.")
    owners = [
        p for p in selectors.procuratorates_prosecuting(access) if selectors.shared_case(p, pk)
    ]
    form = (
        SupervisionOpenForm(request.POST or None, request.FILES or None, acting=owners)
        if owners
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404("No such enforcement case.")
        if form.is_valid():
            try:
                matter = actions.supervision_open(
                    access=access,
                    owner=form.acting_organisation(),
                    case=found,
                    **form.action_data(),
                )
            except WorkflowError as refusal:
                _refused(form, refusal)
            else:
                messages.success(
                    request, _("Supervision %(number)s opened.") % {"number": matter.case_number}
                )
                return redirect("workspace:matter", pk=matter.pk)
    supervisions = selectors.supervisions_of(access, found)
    return render(
        request,
        "courts/case.html",
        {"case": found, "form": form, "supervisions": supervisions},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@page_rule(selectors.keeps_a_register)
def register_import(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    courts = list(selectors.courts_kept_by(access))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        procuratorates=selectors.partners_of_any(courts, OrganisationKind.PROCURATORATE),
        acting=courts,
    )
    record = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["register"]
        try:
            record = actions.register_import(
                access=access,
                court=form.acting_organisation(),
                procuratorate=form.cleaned_data["procuratorate"],
                name=upload.name,
                content=upload.read(),
            )
        except WorkflowError as refusal:
            _refused(form, refusal)
        else:
            if record.accepted:
                messages.success(
                    request,
                    _("%(count)s cases imported and shared.") % {"count": record.imported},
                )
                return redirect("courts:cases")
    failed = bool(form.errors) or (record is not None and not record.accepted)
    return render(
        request,
        "courts/import.html",
        {"form": form, "record": record},
        status=400 if failed else 200,
    )


@login_required
@require_GET
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.import_of(_access(request), pk)
    if record is None:
        raise Http404("No such import.")
    response = HttpResponse(
        registers.report_csv(record.rejected), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="rejected-rows-{record.pk}.csv"'
    return response


@login_required
@page_rule(selectors.sees_court_work)
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The courts' answers to recommendations: a procuratorate's, court by court; a court's,
    its own."""
    access = _access(request)
    procuratorates = list(selectors.procuratorates_prosecuting(access))
    courts = list(selectors.courts_of_staff(access))
    return render(
        request,
        "courts/figures.html",
        {
            "by_court": [
                (p, reply_figures_by_addressee(p, matter_types=RECOMMENDATION_TYPES))
                for p in procuratorates
            ],
            "received": [
                (c, received_figures(c, matter_types=RECOMMENDATION_TYPES)) for c in courts
            ],
            "page": Paginator(selectors.court_recommendations_visible_to(access), 30).get_page(
                request.GET.get("page")
            ),
        },
    )
