"""Pages for flags: the one list both sides read, and raising one about a matter. The steps
(acknowledge, dispute, close, withdraw) are the matter page's, through the engine's view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError
from liaison.workflow.selectors import get_matter_for

from .actions import flag_raise
from .forms import RaiseForm
from .models import Flag
from .selectors import (
    OPEN_STATES,
    OVERDUE,
    Raising,
    answer_overdue,
    flags_visible_to,
    raising_for,
    takes_part_in_flags,
)
from .workflows import FLAG


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(takes_part_in_flags)
def flag_list(request: HttpRequest) -> HttpResponse:
    """Every flag the user's side sees, raised by it or told to it, with what became of each."""
    flags = flags_visible_to(_access(request))
    kind = request.GET.get("kind", "")
    if kind in Flag.Kind.values:
        flags = flags.filter(kind=kind)
    else:
        kind = ""
    state = request.GET.get("state", "")
    if state == "open":
        flags = flags.filter(state__in=OPEN_STATES)
    elif state == OVERDUE:
        flags = flags.filter(answer_overdue())
    elif state in FLAG.states and state != "new":
        flags = flags.filter(state=state)
    else:
        state = ""
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    states = [(name, label) for name, label in FLAG.states.items() if name != "new"]
    return render(
        request,
        "flags/list.html",
        {
            "page": page,
            "flags": list(page),
            "kind": kind,
            "state": state,
            "kinds": Flag.Kind.choices,
            "states": states,
        },
    )


@login_required
def flag_new(request: HttpRequest, matter: int) -> HttpResponse:
    """Raise a flag about the matter ``matter`` (404 when the user does not see it)."""
    access = _access(request)
    subject = get_matter_for(access, matter)
    found = raising_for(access, subject)
    raising = found if isinstance(found, Raising) else None
    form = RaiseForm(
        request.POST or None,
        request.FILES or None,
        others=raising.told if raising else [],
        acting=raising.sides if raising else [],
    )
    if request.method == "POST" and raising is not None and form.is_valid():
        against = next(o for o in raising.parties if o.pk == form.cleaned_data["against"])
        try:
            flag = flag_raise(
                access=access,
                subject=subject,
                side=form.acting_organisation(),
                kind=form.cleaned_data["kind"],
                grounds=form.cleaned_data["grounds"],
                against=against,
                evidence=form.cleaned_data["evidence"],
            )
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Flag %(number)s raised.") % {"number": flag.case_number})
            return redirect("workspace:matter", pk=flag.pk)
    context = {
        "form": form,
        "subject": subject,
        "raising": raising,
        "refusal": None if raising else found,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "flags/new.html", context, status=status)
