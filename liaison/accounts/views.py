"""Login, and finishing a registration with the code texted to one's mobile.

Lockout after repeated failures per account from one address is django-axes's (settings.AXES_*);
failures to one account from all addresses together are limited here (``lockout``)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.core.masking import mask_mobile
from liaison.workflow.errors import WorkflowError

from .forms import CodeForm, LoginForm
from .lockout import account_failures, account_refusal
from .models import User
from .registration import CODE_MINUTES, CodeRefused, registration_confirm, registration_waiting


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return account_refusal(request) or super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        # A refusal by the per-address lockout is not one more guess at the password.
        if not getattr(self.request, "axes_locked_out", False):
            account_failures(self.request, add=True)
        return super().form_invalid(form)


def confirm_registration(
    request: HttpRequest,
    *,
    purpose: str,
    register_url: str,
    create: Callable[[dict[str, Any]], User],
    done: Callable[[User], HttpResponse],
) -> HttpResponse:
    """The page on which a registration waiting in this session is finished with the code
    texted to its mobile number (``registration.registration_confirm``): ``create`` makes the
    account from the form's values, the person is logged in, and ``done`` answers."""
    mobile = registration_waiting(request.session, purpose)
    if mobile is None:
        return redirect(register_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = registration_confirm(
                session=request.session, purpose=purpose, code=form.cleaned_data["code"]
            )
        except CodeRefused as refusal:
            form.add_error("code", str(refusal.message))
        else:
            try:
                user = create(data)
            except (ValidationError, WorkflowError):
                # Only when another registration took an identifier after this one began.
                messages.error(
                    request,
                    _(
                        "The registration could not be finished. If you already have an "
                        "account, log in or reset its password."
                    ),
                )
                return redirect(register_url)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return done(user)
    return render(
        request,
        "registration/confirm_mobile.html",
        {
            "form": form,
            "mobile": mask_mobile(mobile),
            "minutes": CODE_MINUTES,
            "register_url": register_url,
        },
        status=400 if form.errors else 200,
    )
