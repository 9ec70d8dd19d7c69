"""Hearing pages: the list, scheduling one, inviting participants and answering an invitation.
A hearing's own page is the engine's matter page, which includes ``_detail.html``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for

from . import selectors
from .actions import hearing_invite, hearing_respond, hearing_schedule
from .forms import InviteForm, ScheduleForm
from .models import Hearing, HearingRole
from .workflows import HEARING_STAFF_ROLES


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _hearing(request: HttpRequest, pk: int) -> Hearing:
    return get_matter_for(_access(request), pk, Hearing)


@login_required
@require_GET
def hearing_list(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    page = Paginator(selectors.hearings_visible_to(access), 30).get_page(request.GET.get("page"))
    can_schedule = bool(access.organisations_with(HEARING_STAFF_ROLES))
    return render(request, "hearings/list.html", {"page": page, "can_schedule": can_schedule})


@login_required
def hearing_new(request: HttpRequest) -> HttpResponse:
    """Schedule a hearing on a case of the user's procuratorate."""
    access = _access(request)
    if not access.organisations_with(HEARING_STAFF_ROLES):
        messages.error(request, _("Hearings are scheduled by a procuratorate's prosecutors."))
        return redirect("hearings:list")
    initial = {"case_number": request.GET.get("case", "")}
    form = ScheduleForm(
        request.POST or None, initial=initial, cases=selectors.cases_for_hearings(access)
    )
    if request.method == "POST" and form.is_valid():
        try:
            hearing = hearing_schedule(access=access, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(
                request, _("Hearing %(number)s scheduled.") % {"number": hearing.case_number}
            )
            return redirect("workspace:matter", pk=hearing.pk)
    return render(request, "hearings/new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a volunteer, lawyer, people's supervisor or other participant."""
    access = _access(request)
    hearing = _hearing(request, pk)
    if not selectors.may_run(access, hearing):
        messages.error(request, _("Only the prosecutors running the hearing invite to it."))
        return redirect("workspace:matter", pk=hearing.pk)
    form = InviteForm(
        request.POST or None,
        candidates=selectors.invite_candidates(hearing),
        roles=HearingRole.choices,
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            hearing_invite(
                hearing=hearing, access=access, person=person, role=form.cleaned_data["role"]
            )
        except WorkflowError as refusal:
            form.add_error(None, str(refusal.message))
        else:
            messages.success(
                request, _("%(name)s is invited and told.") % {"name": person.display_name}
            )
            return redirect("hearings:invite", pk=hearing.pk)
    return render(
        request,
        "hearings/invite.html",
        {"hearing": hearing, "form": form, "participants": selectors.participants_of(hearing)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The invited person accepts (``answer=accept``) or declines."""
    hearing = _hearing(request, pk)
    participant = selectors.participation_of(hearing, request.user)
    if participant is None:
        raise Http404("Not invited.")
    accept = request.POST.get("answer") == "accept"
    try:
        hearing_respond(participant=participant, access=_access(request), accept=accept)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("You accepted the invitation.") if accept else _("You declined the invitation."),
        )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("workspace:matter", pk=hearing.pk)
