"""Pages of lawyers and the procuratorate. Views parse the request, call one action and turn its
refusal into a message (400 with what was typed); they never write models.

Public: registration. Lawyers: their page (cases, procedural events, bookings, file review,
complaints, duty days), open slots and booking, a booking's calendar file, a case as its
lawyers of record see it, file-review applications, downloads, complaints, plea opinions.
Staff: cases, linking lawyers, releasing documents, slots, the duty roster, figures. Each
matter's own page is the engine's, with this app's detail templates included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.accounts.views import confirm_registration
from liaison.attachments.models import Attachment
from liaison.core.navigation import page_rule
from liaison.core.ratelimits import by_mobile, rate_limited
from liaison.hearings.selectors import invitations_for
from liaison.legalaid.selectors import referrals_of_lawyer
from liaison.orgs.models import Organisation
from liaison.petitions.selectors import petitions_of_lawyer
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from . import actions, counsel_actions, selectors
from .calendar import booking_ics
from .figures import figures_for
from .forms import (
    BookingForm,
    CaseForm,
    ComplaintForm,
    CounselEndForm,
    CounselForm,
    DutyForm,
    FileReviewForm,
    OpinionForm,
    RegistrationForm,
    SlotForm,
)
from .models import (
    Booking,
    CaseCounsel,
    CaseFileRelease,
    PleaSigning,
    ProcuratorateCase,
    Purpose,
    ReceptionSlot,
)

T = TypeVar("T")


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _refused(request: HttpRequest, form: Any, refusal: WorkflowError) -> None:
    """Show a refusal above the form (kept with what was typed)."""
    form.add_error(None, str(refusal.message))
    messages.error(request, refusal.message)


def _posted(request: HttpRequest, form: Any, action: Callable[..., T], **kwargs: Any) -> T | None:
    """What ``action(**form.cleaned_data, **kwargs)`` returns when a valid form was posted; None
    when the page is to be shown (again): not posted, not valid, or refused, the refusal then
    above the form with what was typed kept. Every form page here is this, then a message."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(**form.cleaned_data, **kwargs)
    except WorkflowError as refusal:
        _refused(request, form, refusal)
        return None


def _form_page(
    request: HttpRequest, template: str, form: Any, context: dict[str, Any] | None = None
) -> HttpResponse:
    """A page with its form: 400 while the form carries errors (a refusal among them)."""
    return render(
        request, template, {"form": form, **(context or {})}, status=400 if form.errors else 200
    )


# -- public -------------------------------------------------------------------------------------


@rate_limited("lawyers.register.ip", "10/h", method="POST")
@rate_limited("lawyers.register.mobile", "5/h", key=by_mobile, method="POST")
def register(request: HttpRequest) -> HttpResponse:
    """A lawyer registers: the form, then the code texted to the mobile number
    (``register_confirm``); every accepted form is answered alike, so the page never tells
    whether a practising-certificate number is registered already."""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.lawyer_registration_start(session=request.session, **form.cleaned_data)
        return redirect("lawyers:register-confirm")
    return _form_page(request, "lawyers/register.html", form)


def _registered(request: HttpRequest) -> HttpResponse:
    messages.success(
        request, _("You are registered. The procuratorate or the judicial bureau will verify you.")
    )
    return redirect("lawyers:home")


def _create_lawyer(data: dict[str, Any]) -> Any:
    procuratorate = Organisation.objects.filter(pk=data.pop("procuratorate")).first()
    if procuratorate is None:
        raise WorkflowError(_("Choose a procuratorate."))
    return actions.lawyer_register(**data, procuratorate=procuratorate).user


@rate_limited("lawyers.register.confirm", "10/h", method="POST")
def register_confirm(request: HttpRequest) -> HttpResponse:
    """Finish registering with the code texted to the mobile number; the account may log in at
    once but acts only once verified."""
    return confirm_registration(
        request,
        purpose="lawyer",
        register_url=reverse("lawyers:register"),
        create=_create_lawyer,
        done=lambda _user: _registered(request),
    )


# -- the lawyer's own pages ---------------------------------------------------------------------


@login_required
@require_GET
@page_rule(selectors.uses_lawyer_pages)
def home(request: HttpRequest) -> HttpResponse:
    """The lawyer's page, or for staff the way to this mechanism's staff pages."""
    access = _access(request)
    lawyer = selectors.lawyer_for(access)
    if lawyer is None:
        return render(
            request,
            "lawyers/staff_home.html",
            {
                "receives": selectors.reception_procuratorates(access).exists(),
                "handles_cases": selectors.case_procuratorates(access).exists(),
                "keeps_roster": selectors.served_procuratorates(access).exists(),
            },
        )
    registration = lawyer.registrations.order_by("-pk").first()
    context: dict[str, Any] = {"lawyer": lawyer, "registration": registration}
    if lawyer.is_verified:
        context.update(
            cases=selectors.cases_for_lawyer(lawyer),
            feed=selectors.procedure_feed(lawyer, limit=30),
            bookings=selectors.bookings_of(access, lawyer)[:30],
            file_reviews=selectors.file_reviews_of(access, lawyer)[:30],
            complaints=selectors.complaints_of(access, lawyer)[:30],
            signings=selectors.signings_of(lawyer),
            duty_days=selectors.duty_days_of(lawyer),
            hearings=invitations_for(lawyer.user),
            petitions=petitions_of_lawyer(lawyer),
            legal_aid=referrals_of_lawyer(lawyer)[:30],
        )
    return render(request, "lawyers/home.html", context)


@login_required
@require_GET
def book(request: HttpRequest) -> HttpResponse:
    """Open slots a lawyer may book, by purpose."""
    purpose = request.GET.get("purpose", "")
    slots = selectors.open_slots(purpose=purpose if purpose in Purpose.values else None)
    return render(
        request,
        "lawyers/book.html",
        {"slots": slots[:100], "purposes": Purpose.choices, "purpose": purpose},
    )


@login_required
def book_slot(request: HttpRequest, pk: int) -> HttpResponse:
    """Book one slot for one of the lawyer's cases at its procuratorate."""
    access = _access(request)
    slot = get_object_or_404(ReceptionSlot.objects.select_related("procuratorate"), pk=pk)
    lawyer = selectors.lawyer_for(access)
    if lawyer is None:
        raise Http404("Only lawyers book slots.")
    cases = selectors.cases_for_lawyer(lawyer).filter(owner=slot.procuratorate)
    form = BookingForm(request.POST or None, cases=cases)
    booking = _posted(request, form, actions.booking_create, access=access, slot=slot)
    if booking is not None:
        messages.success(
            request,
            _("Booked: %(number)s awaits confirmation.") % {"number": booking.case_number},
        )
        return redirect("workspace:matter", pk=booking.pk)
    return _form_page(request, "lawyers/book_slot.html", form, {"slot": slot, "lawyer": lawyer})


@login_required
@require_GET
def booking_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The booking's iCalendar file, for whoever may see the booking."""
    booking = get_matter_for(_access(request), pk, Booking)
    response = HttpResponse(
        booking_ics(booking, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def counsel_case(request: HttpRequest, pk: int) -> HttpResponse:
    """A case as its lawyers of record see it: number, parties, its procedural events (the
    case's timeline as the workflow lets a lawyer of record read it), and the documents
    released for review. Nothing of the staff's own record."""
    case, lawyer = selectors.case_for_counsel(_access(request), pk)
    releases = [
        (release, selectors.download_token(release, lawyer))
        for release in selectors.releases_for(case)
    ]
    return render(
        request,
        "lawyers/counsel_case.html",
        {
            "case": case,
            "persons": case.persons.all(),
            "events": selectors.procedure_events_of(case, lawyer),
            "releases": releases,
        },
    )


@login_required
def file_review_new(request: HttpRequest) -> HttpResponse:
    """Bind to a case for file review, with the three papers."""
    form = FileReviewForm(request.POST or None, request.FILES or None)
    application = _posted(request, form, actions.file_review_apply, access=_access(request))
    if application is not None:
        messages.success(
            request, _("Application %(number)s sent.") % {"number": application.case_number}
        )
        return redirect("workspace:matter", pk=application.pk)
    if request.method == "POST":
        messages.warning(
            request, _("For your safety, the browser forgets chosen files: choose them again.")
        )
    return _form_page(request, "lawyers/file_review_new.html", form)


@login_required
@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    """A released document, stamped for the lawyer, from a link that expires."""
    try:
        name, content = counsel_actions.document_download(access=_access(request), token=token)
    except LookupError:
        raise Http404("No such document.") from None
    except counsel_actions.LinkExpired as refusal:
        return render(
            request, "lawyers/link_refused.html", {"message": refusal.message}, status=410
        )
    except WorkflowError as refusal:
        return render(
            request, "lawyers/link_refused.html", {"message": refusal.message}, status=403
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    response["Cache-Control"] = "private, no-store"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    """Complain that a practice right was obstructed."""
    form = ComplaintForm(request.POST or None, request.FILES or None)
    complaint = _posted(request, form, actions.complaint_file, access=_access(request))
    if complaint is not None:
        messages.success(
            request, _("Complaint %(number)s sent.") % {"number": complaint.case_number}
        )
        return redirect("workspace:matter", pk=complaint.pk)
    return _form_page(request, "lawyers/complaint_new.html", form)


@login_required
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """The lawyer present at a plea signing gives their opinion on the recommendation."""
    access = _access(request)
    lawyer = selectors.lawyer_for(access)
    if lawyer is None:
        raise Http404("No such signing.")
    signing = get_object_or_404(PleaSigning.objects.select_related("case"), pk=pk, lawyer=lawyer)
    form = OpinionForm(request.POST or None)
    if _posted(request, form, counsel_actions.plea_opinion_give, access=access, signing=signing):
        messages.success(request, _("Your opinion is recorded."))
        return redirect("lawyers:home")
    of_record = selectors.cases_for_lawyer(lawyer).filter(pk=signing.case_id).exists()
    return _form_page(
        request,
        "lawyers/opinion.html",
        form,
        {"signing": signing, "persons": signing.case.persons.all(), "of_record": of_record},
    )


# -- staff --------------------------------------------------------------------------------------


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    """The cases of the user's procuratorates, and registering a new one."""
    access = _access(request)
    owners = selectors.case_procuratorates(access)
    form = CaseForm(request.POST or None, owners=owners)
    case = _posted(request, form, counsel_actions.case_open, access=access)
    if case is not None:
        messages.success(request, _("Case %(number)s registered.") % {"number": case.case_number})
        return redirect("workspace:matter", pk=case.pk)
    return _form_page(
        request,
        "lawyers/cases.html",
        form,
        {"cases": selectors.staff_cases(access)[:100], "form": form if owners.exists() else None},
    )


def _staff_case(request: HttpRequest, pk: int) -> ProcuratorateCase:
    case = get_matter_for(_access(request), pk, ProcuratorateCase)
    return case


@login_required
def counsel(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a verified lawyer to a case as lawyer of record."""
    case = _staff_case(request, pk)
    form = CounselForm(request.POST or None)
    if _posted(request, form, counsel_actions.counsel_link, access=_access(request), case=case):
        messages.success(request, _("The lawyer is now of record in this case."))
        return redirect("workspace:matter", pk=case.pk)
    return _form_page(request, "lawyers/counsel.html", form, {"case": case})


@login_required
@require_POST
def counsel_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a lawyer of record, from the case's page, with the reason the lawyer is told. A bad
    or missing reason shows the case's page again with the form and its error (400)."""
    item = get_object_or_404(CaseCounsel, pk=pk)
    case = _staff_case(request, item.case_id)
    form = CounselEndForm(request.POST, auto_id=f"id_counsel_end_{item.pk}_%s")
    if form.is_valid():
        try:
            counsel_actions.counsel_end(
                access=_access(request), counsel=item, reason=form.cleaned_data["reason"]
            )
        except WorkflowError as refusal:
            _refused(request, form, refusal)
        else:
            messages.success(
                request,
                _("%(name)s no longer acts in this case and has been told.")
                % {"name": item.lawyer.user.display_name},
            )
            return redirect("workspace:matter", pk=case.pk)
    bound = {"counsel_end": {"counsel": item.pk, "form": form}}
    return matter_page(request, case, forms=bound, status=400)


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    """Release one of the case's PDF documents for review by its lawyers of record."""
    case = _staff_case(request, pk)
    attachment = Attachment.objects.filter(
        pk=request.POST.get("attachment") or 0, matter=case
    ).first()
    if attachment is None:
        messages.error(request, _("Choose a document of this case."))
        return redirect("workspace:matter", pk=case.pk)
    try:
        counsel_actions.document_release(access=_access(request), case=case, attachment=attachment)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("“%(name)s” is released for review.") % {"name": attachment.original_name}
        )
    return redirect("workspace:matter", pk=case.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a released document."""
    item = get_object_or_404(CaseFileRelease, pk=pk)
    case = _staff_case(request, item.case_id)
    try:
        counsel_actions.document_withdraw(access=_access(request), release=item)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The document is withdrawn; its links no longer work."))
    return redirect("workspace:matter", pk=case.pk)


@login_required
def slots(request: HttpRequest) -> HttpResponse:
    """The user's procuratorates' slots, and publishing a new one."""
    access = _access(request)
    owners = selectors.reception_procuratorates(access)
    form = SlotForm(request.POST or None, owners=owners)
    if _posted(request, form, actions.slot_publish, access=access):
        messages.success(request, _("Slot published."))
        return redirect("lawyers:slots")
    return _form_page(
        request,
        "lawyers/slots.html",
        form,
        {
            "slots": selectors.slots_for_staff(access)[:200],
            "form": form if owners.exists() else None,
        },
    )


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    """The duty-lawyer roster of the procuratorates the user's judicial bureau serves."""
    access = _access(request)
    served = selectors.served_procuratorates(access)
    form = DutyForm(request.POST or None, served=served)
    if _posted(request, form, actions.duty_assign, access=access):
        messages.success(request, _("The duty lawyer is on the roster."))
        return redirect("lawyers:roster")
    shown = served if served.exists() else selectors.case_procuratorates(access)
    return _form_page(
        request,
        "lawyers/roster.html",
        form,
        {"roster": selectors.roster_of(shown)[:200], "form": form if served.exists() else None},
    )


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Bookings, waits, procedural events delivered and complaints, for the user's
    procuratorates and everything below them."""
    return render(request, "lawyers/figures.html", {"figures": figures_for(_access(request))})
