"""Pages of public-interest litigation.

Public (no login, phone first): what public-interest litigation is, reporting a clue, the
receipt with its query code, and progress by that code. Staff: the clue officers' triage queue,
the list of cases, on-site observations, and the figures (who reported a clue is seen through
``identities.py``). A clue's, case's or recommendation's own page is the engine's matter page, which
includes the mechanism's detail template (``_clue_detail.html``, ``_case_detail.html``,
``_recommendation_detail.html``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.accounts.models import User
from liaison.attachments.actions import attachment_add_to_matter
from liaison.core.navigation import page_rule
from liaison.core.pagecache import PageKeeper
from liaison.core.ratelimits import rate_limited
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import figures_scope
from liaison.places.models import Division
from liaison.workflow.errors import WorkflowError
from liaison.workflow.policy import reading_for
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from .actions import ClueClosed, clue_add_to
from .case_parts import OBSERVE
from .clue_actions import NoJurisdiction, PointDisagrees, clue_submit
from .clue_forms import TriageFilterForm
from .duplicates import public_clue
from .figures import figures_for
from .forms import (
    EvidenceForm,
    FiguresForm,
    ObservationForm,
    ReviewForm,
    SupervisorForm,
)
from .maps import map_config, map_points
from .models import (
    CaseKind,
    Clue,
    ClueAddition,
    EvidenceKind,
    Observation,
    PILCase,
    Review,
)
from .report_forms import NearbyForm, ProgressForm, ReportForm
from .selectors import (
    active_fields,
    addition_for_submission,
    cases_visible_to,
    clue_for_submission,
    clues_for_triage,
    get_case_for_supervision,
    observations_for_supervision,
    progress_for_code,
    served_recommendations,
    sites_of,
    triages_clues,
    works_at_procuratorate,
)
from .supervision_actions import (
    observation_file,
    observation_review,
    supervisor_assign,
    supervisor_withdraw,
)
from .workflows import ADMIN_CASE, CIVIL_CASE, CLUE

RECEIPT_COOKIE = "publicinterest_receipt"
#: The empty report page as strangers get it (``core.pagecache``): the busiest page.
REPORT_PAGES = PageKeeper("publicinterest.report")
TRIAGE_PAGE_SIZE = 50
CASES_PAGE_SIZE = 50
FIGURE_YEARS = 5


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


# -- public -------------------------------------------------------------------------------------


@require_GET
def intro(request: HttpRequest) -> HttpResponse:
    """What public-interest litigation is, its fields, and the way in to report."""
    fields = list(active_fields())
    return render(
        request,
        "publicinterest/intro.html",
        {
            "statutory": [f for f in fields if f.statutory],
            "added": [f for f in fields if not f.statutory],
        },
    )


def _valid_key(value: str | None) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _to_receipt(request: HttpRequest, sent: Clue | ClueAddition) -> HttpResponse:
    """To the receipt of what this browser just sent. Which one it is travels in a signed
    cookie of its own, never in the URL: a new submission writes nothing but its own rows
    (no session row for a reporter without an account)."""
    response = redirect("publicinterest:receipt")
    kind = "addition" if isinstance(sent, ClueAddition) else "clue"
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        f"{kind}:{sent.pk}",
        salt=RECEIPT_COOKIE,
        max_age=settings.SESSION_COOKIE_AGE,
        path=reverse("publicinterest:receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _receipt_of(request: HttpRequest) -> tuple[str, int] | None:
    """What the receipt cookie names: ("clue" or "addition", its pk), or None."""
    value = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE, max_age=settings.SESSION_COOKIE_AGE
    )
    kind, _sep, pk = str(value or "").partition(":")
    if kind not in ("clue", "addition") or not pk.isdigit():
        return None
    return kind, int(pk)


def _already_sent(key: str) -> Clue | ClueAddition | None:
    return clue_for_submission(key) or addition_for_submission(key)


def _report_page(request: HttpRequest, form: ReportForm, **context: Any) -> dict[str, Any]:
    return {"form": form, "map": map_config(), **context}


@rate_limited("publicinterest.report", "10/h", method="POST")
def report(request: HttpRequest) -> HttpResponse:
    """Report a clue, or add to an open clue nearby about the same problem ("I see this too").

    Before a new clue is stored, the reporter is shown the open clues of the field near the
    place (the script shows them as the form is filled in; without it, the first send shows
    them and asks again). Bad input answers 400 with every message and what was typed; a
    submission key already stored answers with that clue's (or addition's) receipt: the
    actions find it on the way in, and the pages other than the receipt look it up first."""
    if request.method != "POST":

        def page(holes: Mapping[str, str]) -> HttpResponse:
            initial = {"submission_key": holes["submission_key"], "seen_on": timezone.localdate()}
            context = _report_page(request, ReportForm(initial=initial))
            return render(request, "publicinterest/report.html", {**context, **holes})

        holes = {"submission_key": str(uuid.uuid4())}
        return REPORT_PAGES.page(request, ReportForm.empty_markup_key(), page, holes)
    data = request.POST.copy()
    key = str(data.get("submission_key", ""))
    if not _valid_key(key):
        key = data["submission_key"] = str(uuid.uuid4())
    form = ReportForm(data, request.FILES)
    if form.is_valid():
        user = request.user if request.user.is_authenticated else None
        add_to = form.cleaned_data.get("add_to")
        # The page showed the nearby clues as the reporter typed (``nearby_seen``): asked again
        # only to check the clue they add to, or to show them to a reporter who has not seen them.
        seen = form.cleaned_data.get("nearby_seen")
        nearby = form.nearby() if add_to or not seen else []
        if add_to:
            target = next((n.clue for n in nearby if n.clue.pk == add_to), None)
            try:
                if target is None:
                    raise ClueClosed()
                addition, _created = clue_add_to(clue=target, **form.cleaned_data, reporter=user)
            except ClueClosed as refusal:
                form.add_error(None, str(refusal.message))
            else:
                return _to_receipt(request, addition)
        elif nearby:
            existing = _already_sent(key)  # a retry: the clue it stored is nearby now
            if existing is not None:
                return _to_receipt(request, existing)
            data["nearby_seen"] = "on"
            messages.info(
                request,
                _(
                    "Before you send: open clues about this kind of problem were reported near "
                    "this place. If one of them is yours too, add your report to it; if not, "
                    "send yours as a new clue."
                ),
            )
            if request.FILES:
                messages.warning(
                    request,
                    _("For your safety, the browser forgets chosen files: choose them again."),
                )
            again = ReportForm(data)
            return render(
                request,
                "publicinterest/report.html",
                _report_page(request, again, nearby=[public_clue(n.clue) for n in nearby]),
            )
        else:
            try:
                clue, _created = clue_submit(**form.cleaned_data, reporter=user)
            except NoJurisdiction as refusal:
                form.add_error("address", str(refusal.message))
            except PointDisagrees as refusal:
                form.add_error("latitude", str(refusal.message))
            except WorkflowError:  # the key was an addition's: that receipt
                existing = _already_sent(key)
                if existing is None:
                    raise
                return _to_receipt(request, existing)
            else:
                return _to_receipt(request, clue)
    existing = _already_sent(key)  # a retry, even a garbled one, answers with its receipt
    if existing is not None:
        return _to_receipt(request, existing)
    messages.error(request, _("The clue was not sent yet: please correct what is marked below."))
    if request.FILES:
        messages.warning(
            request, _("For your safety, the browser forgets chosen files: choose them again.")
        )
    return render(request, "publicinterest/report.html", _report_page(request, form), status=400)


@rate_limited("publicinterest.nearby", "60/m")
@require_GET
def nearby(request: HttpRequest) -> HttpResponse:
    """The open clues of a field near a place, as the report form is filled in (a fragment for
    htmx; whatever is missing or wrong finds nothing). Open to anyone, so it shows only what
    the public may read of another person's clue (``duplicates.PublicClue``): its field, coarse
    place, day and state, never a word anyone typed nor who reported it."""
    form = NearbyForm(request.GET)
    return render(
        request,
        "publicinterest/_nearby.html",
        {
            "nearby": [public_clue(n.clue) for n in form.nearby()],
            "radius": settings.LIAISON_NEARBY_RADIUS_M,
        },
    )


@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt of the clue (or addition) this browser just sent (kept in its session, never
    in the URL)."""
    sent = _receipt_of(request)
    if sent is not None and sent[0] == "addition":
        addition = (
            ClueAddition.objects.select_related(
                "clue__owner", "clue__field", "clue__division__parent"
            )
            .filter(pk=sent[1])
            .first()
        )
        if addition is not None:
            return render(
                request,
                "publicinterest/receipt.html",
                {"clue": addition.clue, "addition": addition, "code": addition.query_code},
            )
    clue = (
        Clue.objects.select_related("owner", "field", "division__parent").filter(pk=sent[1]).first()
        if sent is not None and sent[0] == "clue"
        else None
    )
    if clue is None:
        return redirect("publicinterest:report")
    return render(request, "publicinterest/receipt.html", {"clue": clue, "code": clue.query_code})


@rate_limited("publicinterest.progress", "10/m", when=lambda request: "code" in request.GET)
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    """A clue's progress by its query code: its state, the procuratorate handling it and, when
    it was not accepted, the reason; nothing else about it or anyone."""
    form = ProgressForm(request.GET if "code" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = progress_for_code(form.cleaned_data["code"])
        if result is None:
            form.add_error("code", _("No clue has this query code. Check it and try again."))
    return render(request, "publicinterest/progress.html", {"form": form, "result": result})


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    """The ``<option>``s of the divisions under a province or city, for the report form's lists
    (htmx swaps them in; without JavaScript the form reloads them itself)."""
    parent = request.GET.get("province") or request.GET.get("prefecture") or ""
    children = (
        Division.objects.filter(parent_id=parent).order_by("code").values_list("code", "name")
        if parent.isdigit() and len(parent) == 6
        else []
    )
    level = "prefecture" if "province" in request.GET else "county"
    return render(
        request,
        "publicinterest/_place_options.html",
        {"children": children, "level": level, "reset_county": level == "prefecture"},
    )


# -- staff --------------------------------------------------------------------------------------


@login_required
@require_GET
def triage(request: HttpRequest) -> HttpResponse:
    """The clue officers' queue: their procuratorates' clues, filtered, assessment due first."""
    access = _access(request)
    if not triages_clues(access):
        return render(request, "publicinterest/triage_forbidden.html", status=403)
    states = [(code, label) for code, label in CLUE.states.items() if code != CLUE.state("new")]
    params = request.GET.copy()
    params.setdefault("state", CLUE.state("submitted"))
    form = TriageFilterForm(params, states=states)
    filters: dict[str, Any] = {"state": CLUE.state("submitted")}
    if form.is_valid():
        filters = {
            "field": form.cleaned_data["field"],
            "state": form.cleaned_data["state"] or None,
            "since": form.cleaned_data["since"],
            "until": form.cleaned_data["until"],
        }
    page = Paginator(clues_for_triage(access, **filters), TRIAGE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "publicinterest/triage.html",
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "map": map_config(),
            "points": map_points(page.object_list),
        },
        status=200 if form.is_valid() else 400,
    )


@login_required
@require_GET
@page_rule(works_at_procuratorate)
def cases(request: HttpRequest) -> HttpResponse:
    """The public-interest cases the user may see, filtered by kind and state, due first."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in CaseKind.values else ""
    state = request.GET.get("state", "")
    states = {**ADMIN_CASE.states, **CIVIL_CASE.states}
    state = state if state in states else ""
    page = Paginator(
        cases_visible_to(_access(request), kind=kind or None, state=state or None),
        CASES_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "publicinterest/cases.html",
        {
            "page": page,
            "kinds": CaseKind.choices,
            "kind": kind,
            "states": states.items(),
            "state": state,
            "today": timezone.localdate(),
        },
    )


def _sees_case(access: Any, case: PILCase) -> bool:
    """Whether the user may see the case's own page (its staff), not only its supervision page
    (its volunteer supervisors): the case type's policy."""
    return case.workflow.policy.sees(access, case)


def _supervision_page(
    request: HttpRequest, case: PILCase, form: ObservationForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "publicinterest/supervision.html",
        {
            "case": case,
            "recommendations": served_recommendations(case),
            "sites": sites_of(case),
            "observations": observations_for_supervision(case),
            "form": form or ObservationForm(),
            "may_observe": reading_for(request, case).may(OBSERVE),
        },
        status=status,
    )


@login_required
@require_GET
def supervision(request: HttpRequest, pk: int) -> HttpResponse:
    """A case's supervision page: what its volunteer supervisors need to follow the
    rectification on site (where, what the agency must correct and says it did, what was
    seen), and the form to report; never the investigation file, the clues or their reporters.
    For its supervisors and the case's staff; 404 for anyone else."""
    return _supervision_page(request, get_case_for_supervision(_access(request), pk))


@login_required
@require_POST
def observe(request: HttpRequest, pk: int) -> HttpResponse:
    """File an on-site observation on a case, from its page (staff) or its supervision page (a
    volunteer supervisor). Bad input shows the page again with the form's messages and what
    was typed (the photos must be chosen again)."""
    access = _access(request)
    case = get_case_for_supervision(access, pk)
    staff = _sees_case(access, case)
    form = ObservationForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The observation was not recorded: correct what is marked."))
        if staff:
            return matter_page(request, case, forms={"observation": form}, status=400)
        return _supervision_page(request, case, form, status=400)
    try:
        observation = observation_file(case=case, author=request.user, **form.cleaned_data)  # type: ignore[arg-type]
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("The on-site observation was recorded.")
            if observation.review == Review.ACCEPTED
            else _("Your report was sent; the prosecutors handling the case will review it."),
        )
    if staff:
        return redirect("workspace:matter", pk=case.pk)
    return redirect("publicinterest:supervision", pk=case.pk)


def _case_for(request: HttpRequest, pk: int) -> PILCase:
    case = get_matter_for(_access(request), pk, PILCase)
    return case


@login_required
@require_POST
def assign_supervisor(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a volunteer rectification supervisor to a case (its handling prosecutors). A
    choice that is not offered shows the case page again with the message, status 400."""
    access = _access(request)
    case = _case_for(request, pk)
    form = SupervisorForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("No supervisor was assigned: correct what is marked."))
        return matter_page(request, case, forms={"supervisor": form}, status=400)
    person = form.cleaned_data["person"]
    return _case_act(
        request,
        case,
        lambda: supervisor_assign(case=case, access=access, person=person),
        _("%(name)s now supervises the rectification; they were told.")
        % {"name": person.display_name},
    )


@login_required
@require_POST
def add_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a file to the case's investigation file as one of the evidence kinds (the purpose is
    checked against them here; the generic matter upload gives none). Where the case's workflow
    lets the reader attach (``attachment_add_to_matter``); a refused file or kind shows the case
    page again with the message, status 400."""
    access = _access(request)
    case = _case_for(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("No evidence was added: correct what is marked."))
        return matter_page(request, case, forms={"evidence": form}, status=400)
    file, kind = form.cleaned_data["file"], EvidenceKind(form.cleaned_data["purpose"])
    return _case_act(
        request,
        case,
        lambda: attachment_add_to_matter(matter=case, access=access, file=file, purpose=kind),
        _("“%(name)s” added to the investigation file.") % {"name": file.name},
    )


@login_required
@require_POST
def withdraw_supervisor(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    access = _access(request)
    case = _case_for(request, pk)
    supervisor = User.objects.filter(pk=person).first()
    if supervisor is None:
        raise Http404("No such person.")
    return _case_act(
        request,
        case,
        lambda: supervisor_withdraw(case=case, access=access, person=supervisor),
        _("%(name)s no longer supervises this case.") % {"name": supervisor.display_name},
    )


def _case_act(
    request: HttpRequest, case: PILCase, act: Callable[[], object], done: str
) -> HttpResponse:
    """Take one action on the case; its refusal, or ``done``, as a message on the case page."""
    try:
        act()
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("workspace:matter", pk=case.pk)


@login_required
@require_POST
def review_observation(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a supervisor's report, or not with a reason (the case's handling prosecutors).
    Not accepting without a reason shows the case page again with the message, status 400."""
    access = _access(request)
    observation = Observation.objects.filter(pk=pk).only("pk", "case_id").first()
    if observation is None:
        raise Http404("No such observation.")
    case = _case_for(request, observation.case_id)
    form = ReviewForm(request.POST, observation_id=observation.pk)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        observation_review(
            observation=observation,
            access=access,
            accept=form.accepts,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            if field not in form.errors:
                form.add_error(field if field in form.fields else None, errors)
        messages.error(request, _("The report was not reviewed: correct what is marked."))
        return matter_page(request, case, forms={f"review_{observation.pk}": form}, status=400)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The report was reviewed; the supervisor was told."))
    return redirect("workspace:matter", pk=case.pk)


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The mechanism's figures for a procuratorate and everything below it, for its staff."""
    scopes = list(
        figures_scope(_access(request), kind=OrganisationKind.PROCURATORATE).order_by("path")
    )
    if not scopes:
        return render(request, "publicinterest/figures_forbidden.html", status=403)
    this_year = timezone.localdate().year
    params = request.GET.copy()
    params.setdefault("org", str(scopes[0].pk))
    params.setdefault("year", str(this_year))
    form = FiguresForm(
        params, scopes=scopes, years=list(range(this_year, this_year - FIGURE_YEARS, -1))
    )
    if not form.is_valid():
        return render(request, "publicinterest/figures.html", {"form": form}, status=400)
    scope = next(org for org in scopes if org.pk == form.cleaned_data["org"])
    below = [org for org in scopes if org.path.startswith(scope.path)]
    result = figures_for(scope, year=form.cleaned_data["year"], below=below)
    return render(request, "publicinterest/figures.html", {"form": form, "figures": result})
