"""Joint meeting pages: the list, scheduling one under an agreement, and the forms on a
meeting's page (invite, answer, agenda, approve the minutes, resolutions, progress notes), the
iCalendar event and the minutes as PDF and Word. A meeting's own page is the engine's matter
page, which includes this app's panels."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.agreements.selectors import get_agreement_for
from liaison.core.ical import ics_response
from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from . import actions, selectors
from .documents import minutes_document
from .forms import AgendaForm, InviteForm, ProgressForm, ResolutionForm, ScheduleForm
from .ical import meeting_event
from .models import ActionItem, JointMeeting


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _meeting(request: HttpRequest, pk: int) -> JointMeeting:
    return get_matter_for(_access(request), pk, JointMeeting)


@login_required
@require_GET
@page_rule(selectors.takes_part_in_meetings)
def meeting_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    today = timezone.localdate()
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": selectors.meetings_visible_to(access)[:100],
            "overdue": selectors.overdue_agreements(access, today),
            "schedulable": selectors.schedulable_agreements(access),
            "items": selectors.action_items_visible_to(access).filter(
                state__in=selectors.OPEN_ITEM_STATES
            )[:100],
            "today": today,
        },
    )


@login_required
def meeting_new(request: HttpRequest, agreement: int) -> HttpResponse:
    """Schedule a joint meeting under an agreement, the day due by its cadence suggested."""
    access = _access(request)
    found = get_agreement_for(access, agreement)
    if found is None:
        raise Http404("No such agreement.")
    suggested = selectors.suggested_start(found, timezone.localdate())
    initial = {
        "title": _("Joint meeting under %(agreement)s") % {"agreement": found.title},
        "starts_at": f"{suggested.isoformat()}T09:30",
    }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.meeting_schedule(access=access, agreement=found, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(
                request, _("Meeting %(number)s scheduled.") % {"number": meeting.case_number}
            )
            return redirect("workspace:matter", pk=meeting.pk)
    return render(
        request,
        "meetings/new.html",
        {
            "form": form,
            "agreement": found,
            "suggested": suggested,
            "may_schedule": selectors.may_schedule(access, found),
        },
        status=400 if form.errors else 200,
    )


def _done(request: HttpRequest, meeting: Any, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("workspace:matter", pk=meeting.pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = InviteForm(request.POST, candidates=selectors.party_staff(meeting))
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            actions.meeting_invite(access=_access(request), meeting=meeting, person=person)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            return _done(
                request, meeting, _("%(name)s is invited.") % {"name": person.display_name}
            )
    return matter_page(request, meeting, forms={"invite": form}, status=400)


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        actions.meeting_respond(access=_access(request), meeting=meeting, accept=accept)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
        return redirect("workspace:matter", pk=meeting.pk)
    return _done(
        request,
        meeting,
        _("You accepted the invitation.") if accept else _("You declined the invitation."),
    )


@login_required
@require_POST
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            actions.agenda_propose(
                access=_access(request),
                meeting=meeting,
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                numbers=form.numbers(),
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            return _done(request, meeting, _("Agenda item added."))
    return matter_page(request, meeting, forms={"agenda": form}, status=400)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        actions.minutes_approve(access=_access(request), meeting=meeting)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
        return redirect("workspace:matter", pk=meeting.pk)
    return _done(request, meeting, _("You approved the minutes for your organisation."))


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ResolutionForm(
        request.POST,
        parties=selectors.parties_of_meeting(meeting),
        people=selectors.party_staff_all(meeting),
    )
    if form.is_valid():
        try:
            actions.resolution_record(access=_access(request), meeting=meeting, **form.cleaned_data)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            return _done(request, meeting, _("Resolution recorded; its action item is assigned."))
    return matter_page(request, meeting, forms={"resolution": form}, status=400)


@login_required
@require_POST
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for(_access(request), pk, ActionItem)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            actions.action_item_progress(
                access=_access(request), item=matter, note=form.cleaned_data["note"]
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            return _done(request, matter, _("Progress noted."))
    return matter_page(request, matter, forms={"progress": form}, status=400)


@login_required
@require_GET
def ical(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return ics_response(meeting_event(meeting), request.get_host(), f"meeting-{meeting.pk}.ics")


@login_required
@require_GET
def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    if fmt not in ("pdf", "docx") or not meeting.minutes:
        raise Http404("No minutes yet.")
    content, content_type, name = minutes_document(meeting, fmt)
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_GET
@page_rule(selectors.takes_part_in_meetings)
def figures(request: HttpRequest) -> HttpResponse:
    """Meetings held against due, action items done in time and open items by owner, for one
    of the user's organisations and everything below it."""
    from liaison.orgs.models import Organisation

    from .figures import figures_for

    access = _access(request)
    scopes = list(
        Organisation.objects.filter(pk__in=access.staff_organisation_ids).order_by("path")
    )
    chosen = request.GET.get("org", "")
    scope = next((o for o in scopes if str(o.pk) == chosen), scopes[0] if scopes else None)
    if scope is None:
        raise Http404("No organisation.")
    return render(
        request,
        "meetings/figures.html",
        {"scopes": scopes, "scope": scope, "figures": figures_for(scope, timezone.localdate())},
    )
