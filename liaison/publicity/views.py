"""Pages of joint publicity: the list with its filters, recording an event, its page,
correcting it and fetching its material. Thin: the reads are ``selectors``, the writes
``actions``; who sees an event is ``selectors.events_visible_to`` (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.attachments.actions import attachment_record_download
from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError

from . import selectors
from .actions import event_edit, event_record, material_remove
from .forms import EventForm, FilterForm
from .models import PublicityEvent


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _event(request: HttpRequest, pk: int) -> PublicityEvent:
    event = selectors.get_event_for(_access(request), pk)
    if event is None:
        raise Http404("No such event.")
    return event


@login_required
@page_rule(selectors.takes_part_in_publicity)
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The events the user sees, newest first, filtered by kind, organiser, agreement and
    period (a constant number of queries per page)."""
    access = _access(request)
    form = FilterForm(request.GET or None, access=access)
    events = selectors.events_visible_to(access)
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        agreement = data.get("agreement")
        events = selectors.filtered(
            events,
            kind=data.get("kind") or "",
            organisation=data.get("organisation"),
            agreement_id=agreement.pk if agreement else None,
            since=data.get("since"),
            until=data.get("until"),
        )
    elif form.is_bound:
        status = 400
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "publicity/list.html",
        {"form": form, "page": page, "events": list(page)},
        status=status,
    )


@login_required
@page_rule(selectors.takes_part_in_publicity)
def event_new(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    initial = {"agreement": request.GET.get("agreement") or None}
    form = EventForm(request.POST or None, request.FILES or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_record(access=access, fields=form.event_fields())
        except WorkflowError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The event was recorded."))
            return redirect("publicity:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "publicity/form.html", {"form": form}, status=status)


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request)
    event = _event(request, pk)
    return render(
        request,
        "publicity/detail.html",
        {
            "event": event,
            "may_edit": selectors.may_edit(access, event),
            "participants": list(event.participants.all()),
            "material": list(event.material.all()),
        },
    )


@login_required
def event_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an event: its organisers' staff only (404 to anyone else, as for a missing
    event: those above the organisers read it, they do not correct it)."""
    access = _access(request)
    event = _event(request, pk)
    if not selectors.may_edit(access, event):
        raise Http404("Not an organiser.")
    initial = {
        "kind": event.kind,
        "title": event.title,
        "held_on": event.held_on,
        "place": event.place,
        "partners": [o for o in event.organisers.all() if o.pk != event.organiser_id],
        "participants": list(event.participants.all()),
        "participants_text": event.participants_text,
        "audience": event.audience,
        "agreement": event.agreement,
    }
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        access=access,
        organiser=event.organiser,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event_edit(access=access, event=event, fields=form.event_fields(event.organiser))
        except WorkflowError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The event was corrected."))
            return redirect("publicity:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "publicity/form.html",
        {"form": form, "event": event, "material": list(event.material.all())},
        status=status,
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    access = _access(request)
    event = _event(request, pk)
    try:
        material_remove(access=access, event=event, attachment_id=attachment)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The file was taken out of the material."))
    return redirect("publicity:edit", pk=event.pk)


@login_required
@require_GET
def material_file(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """One file of an event's material, to whoever sees the event (audited like every
    download)."""
    event = _event(request, pk)
    stored = event.material.filter(pk=attachment).first()
    if stored is None:
        raise Http404("No such file.")
    attachment_record_download(attachment=stored, user=request.user)  # type: ignore[arg-type]
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=not stored.is_image,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
