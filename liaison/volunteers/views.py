"""Volunteers' pages, phone first: registering (public), their own page with their clues,
points and roles, joining an organisation, and training material.

Views parse the request, call one action and turn its refusal into a message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaison.accounts.models import User
from liaison.accounts.views import confirm_registration
from liaison.attachments.actions import attachment_record_download
from liaison.core.navigation import page_rule
from liaison.core.ratelimits import by_mobile, rate_limited
from liaison.hearings.selectors import invitations_for
from liaison.publicinterest.selectors import cases_supervised_by
from liaison.workflow.errors import WorkflowError

from . import actions, selectors
from .ages import registration_minimum_age
from .forms import OrganisationChoiceForm, RegistrationForm, RolesForm, TrainingForm

MY_CLUES_SHOWN = 50
POINTS_SHOWN = 20
SUPERVISED_SHOWN = 20


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


def _person(request: HttpRequest) -> User:
    """The logged-in person (every view that calls this requires login)."""
    assert isinstance(request.user, User)
    return request.user


@rate_limited("volunteers.register.ip", "10/h", method="POST")
@rate_limited("volunteers.register.mobile", "5/h", key=by_mobile, method="POST")
def register(request: HttpRequest) -> HttpResponse:
    """Register as a volunteer: the form, then the code texted to the mobile number
    (``register_confirm``). Every accepted form is answered alike, so the page never tells
    whether an identifier is registered already."""
    if request.user.is_authenticated and selectors.volunteer_of(request.user):
        return redirect("volunteers:me")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.volunteer_registration_start(
                session=request.session,
                name=data["name"],
                mobile=data["mobile"],
                resident_id=data["resident_id"],
                password=data["password1"],
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return redirect("volunteers:register-confirm")
    return render(
        request,
        "volunteers/register.html",
        {"form": form, "minimum_age": registration_minimum_age()},
        status=400 if form.errors else 200,
    )


def _welcome(request: HttpRequest) -> HttpResponse:
    messages.success(
        request, _("Welcome. You are registered; log in with your mobile number next time.")
    )
    return redirect("volunteers:me")


@rate_limited("volunteers.register.confirm", "10/h", method="POST")
def register_confirm(request: HttpRequest) -> HttpResponse:
    """Finish registering with the code texted to the mobile number; then logged in, on one's
    own page."""
    return confirm_registration(
        request,
        purpose="volunteer",
        register_url=reverse("volunteers:register"),
        create=lambda data: actions.volunteer_register(**data),
        done=lambda _user: _welcome(request),
    )


def _me_context(request: HttpRequest, roles_form: RolesForm | None = None) -> dict[str, Any]:
    access = _access(request)
    volunteer = selectors.volunteer_of(request.user)
    held = [r.role for r in volunteer.roles.all()] if volunteer else []
    return {
        "volunteer": volunteer,
        "held_roles": [r for r in RolesForm.base_fields["roles"].choices if r[0] in held],  # type: ignore[attr-defined]
        "roles_form": roles_form or RolesForm(initial={"roles": held}),
        "memberships": selectors.memberships_of(request.user),
        "clues": selectors.clues_reported_by(access)[:MY_CLUES_SHOWN],
        "points_total": selectors.points_total(request.user),
        "points": selectors.points_history(request.user)[:POINTS_SHOWN],
        "invitations": invitations_for(request.user),
        "supervised": cases_supervised_by(access)[:SUPERVISED_SHOWN],
    }


@login_required
@require_GET
@page_rule(selectors.has_volunteer_page)
def me(request: HttpRequest) -> HttpResponse:
    """The volunteer's own page: roles, organisations, points, "my clues" and the cases whose
    rectification they supervise."""
    return render(request, "volunteers/me.html", _me_context(request))


@login_required
@require_POST
def roles(request: HttpRequest) -> HttpResponse:
    form = RolesForm(request.POST)
    if form.is_valid():
        try:
            actions.volunteer_set_roles(person=_person(request), roles=form.cleaned_data["roles"])
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
            return redirect("volunteers:register")
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your roles are saved."))
            return redirect("volunteers:me")
    return render(request, "volunteers/me.html", _me_context(request, form), status=400)


@login_required
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """The volunteer organisations on the platform, to join or leave."""
    joined = set(selectors.memberships_of(request.user).values_list("organisation_id", flat=True))
    return render(
        request,
        "volunteers/organisations.html",
        {
            "organisations": selectors.volunteer_organisations().select_related(
                "division__parent__parent"
            ),
            "joined": joined,
            "is_volunteer": selectors.is_volunteer(_access(request)),
        },
    )


def _organisation_step(request: HttpRequest, join: bool) -> HttpResponse:
    form = OrganisationChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the volunteer organisations listed."))
        return redirect("volunteers:organisations")
    organisation = form.cleaned_data["organisation"]
    try:
        if join:
            actions.volunteer_join(person=_person(request), organisation=organisation)
        else:
            actions.volunteer_leave(person=_person(request), organisation=organisation)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
        return redirect("volunteers:organisations")
    text = _("You joined %(name)s.") if join else _("You left %(name)s.")
    messages.success(request, text % {"name": organisation.display_name()})
    return redirect("volunteers:me" if join else "volunteers:organisations")


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    return _organisation_step(request, join=True)


@login_required
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    return _organisation_step(request, join=False)


@login_required
@require_GET
def training(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    page = Paginator(selectors.training_visible_to(access), 30).get_page(request.GET.get("page"))
    can_publish = selectors.training_publishers_for(access).exists()
    return render(request, "volunteers/training.html", {"page": page, "can_publish": can_publish})


@login_required
def training_new(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    publishers = selectors.training_publishers_for(access)
    if not publishers.exists():
        messages.error(
            request,
            _(
                "Training material is published by a volunteer organisation's coordinators or "
                "a procuratorate's staff."
            ),
        )
        return redirect("volunteers:training")
    form = TrainingForm(request.POST or None, request.FILES or None, publishers=publishers)
    if request.method == "POST" and form.is_valid():
        try:
            material = actions.training_publish(access=access, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Published."))
            return redirect("volunteers:training-detail", pk=material.pk)
    return render(
        request, "volunteers/training_new.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.get_training_for(_access(request), pk)
    return render(request, "volunteers/training_detail.html", {"material": material})


@login_required
@require_GET
def training_file(request: HttpRequest, pk: int) -> FileResponse:
    """The material's file, to those who may read the material (audited like every download)."""
    material = selectors.get_training_for(_access(request), pk)
    if material.file is None:
        raise Http404("No file.")
    attachment_record_download(attachment=material.file, user=_person(request))
    return FileResponse(
        material.file.file.open("rb"),
        as_attachment=not material.file.is_image,
        filename=material.file.original_name,
        content_type=material.file.content_type,
    )
