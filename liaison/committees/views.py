"""Adjudication committee pages: the list (the court's sessions; a procuratorate's invitations
and the sessions it attends), scheduling one, adding to its agenda, correcting or withdrawing
an item (its own page) and its iCalendar event. A
session's own page is the engine's matter page, which includes ``_detail.html``; the steps
(confirm, decline, postpone, hold, close, cancel) are the engine's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaison.core.ical import ics_response
from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for
from liaison.workflow.views import matter_page

from . import actions, selectors
from .documents import session_event
from .forms import AgendaItemEditForm, AgendaItemForm, AgendaItemWithdrawForm, ScheduleForm
from .models import AgendaItem, CommitteeSession


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _session(request: HttpRequest, pk: int) -> CommitteeSession:
    return get_matter_for(_access(request), pk, CommitteeSession)


def _refused(form: Form, error: Exception) -> None:
    """An action's refusal on the form: on its field where it names one."""
    if isinstance(error, ValidationError):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, WorkflowError):
        form.add_error(None, str(error.message))


@login_required
@require_GET
@page_rule(selectors.takes_part)
def session_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    return render(
        request,
        "committees/list.html",
        {
            "awaiting": list(selectors.awaiting_answer_from(access)[:50]),
            "sessions": list(selectors.sessions_visible_to(access)[:100]),
            "can_schedule": selectors.schedules_sessions(access),
        },
    )


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    """Schedule a session of the user's court (with seats in several, the one chosen) with its
    first case, and invite a procuratorate."""
    access = _access(request)
    courts = list(selectors.courts_scheduling(access))
    if not courts:
        messages.error(request, actions.NOT_SCHEDULER)
        return redirect("committees:list")
    form = ScheduleForm(
        request.POST or None,
        matters=selectors.linkable_matters(access),
        procuratorates=selectors.invitable_by_any(courts),
        acting=courts,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.session_schedule(
                access=access, court=form.acting_organisation(), **form.action_data()
            )
        except (ValidationError, WorkflowError) as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("Session %(number)s scheduled; the procuratorate is invited.")
                % {"number": session.case_number},
            )
            return redirect("workspace:matter", pk=session.pk)
    return render(
        request,
        "committees/new.html",
        {"form": form, "court": courts[0] if len(courts) == 1 else None},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request)
    session = _session(request, pk)
    form = AgendaItemForm(request.POST, matters=selectors.linkable_matters(access))
    if form.is_valid():
        try:
            actions.agenda_item_add(access=access, session=session, **form.cleaned_data)
        except (ValidationError, WorkflowError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Agenda item added; the procuratorate is told."))
            return redirect("workspace:matter", pk=session.pk)
    return matter_page(request, session, forms={"agenda": form}, status=400)


def _item(session: CommitteeSession, item_pk: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("matter").filter(session=session, pk=item_pk).first()
    if item is None:
        raise Http404
    return item


def _edit_form(access: Any, item: AgendaItem, data: Any = None) -> AgendaItemEditForm:
    initial = {
        "court_case_number": item.court_case_number,
        "summary": item.summary,
        "matter": item.matter_id,
        "version": item.version,
    }
    return AgendaItemEditForm(data, initial=initial, matters=selectors.linkable_matters(access))


def _withdraw_form(item: AgendaItem, data: Any = None) -> AgendaItemWithdrawForm:
    return AgendaItemWithdrawForm(data, initial={"version": item.version}, auto_id="id_w_%s")


def _item_page(
    request: HttpRequest, session: CommitteeSession, item: AgendaItem, form: Form, withdraw: Form
) -> HttpResponse:
    """The item's page, or back to the session when the user may not (or no longer) change it
    (the session began, the item was withdrawn: the refusal is the message)."""
    if not selectors.may_change_item(_access(request), session, item):
        refusals = [*form.non_field_errors(), *withdraw.non_field_errors()]
        messages.error(request, refusals[0] if refusals else _("You cannot change this item."))
        return redirect("workspace:matter", pk=session.pk)
    return render(
        request,
        "committees/item.html",
        {"session": session, "item": item, "form": form, "withdraw": withdraw},
        status=400 if form.errors or withdraw.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """An item's own page: its details to correct, and withdrawing it with the reason."""
    access = _access(request)
    session = _session(request, pk)
    item = _item(session, item_pk)
    form = _edit_form(access, item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.agenda_item_edit(access=access, session=session, item=item, **form.cleaned_data)
        except (ValidationError, WorkflowError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Agenda item changed; the procuratorate is told."))
            return redirect("workspace:matter", pk=session.pk)
    return _item_page(request, session, item, form, _withdraw_form(item))


@login_required
@require_POST
def agenda_withdraw(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    access = _access(request)
    session = _session(request, pk)
    item = _item(session, item_pk)
    withdraw = _withdraw_form(item, request.POST)
    if withdraw.is_valid():
        try:
            actions.agenda_item_withdraw(
                access=access, session=session, item=item, **withdraw.cleaned_data
            )
        except (ValidationError, WorkflowError) as error:
            _refused(withdraw, error)
        else:
            messages.success(request, _("Agenda item withdrawn; the procuratorate is told."))
            return redirect("workspace:matter", pk=session.pk)
    return _item_page(request, session, item, _edit_form(access, item), withdraw)


@login_required
@require_GET
def ical(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return ics_response(session_event(session), request.get_host(), f"session-{session.pk}.ics")
