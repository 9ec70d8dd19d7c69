"""The one page (and htmx fragment) that shows who a private person on a matter is: masked to
everyone who sees the matter, revealed to those entitled, every look audited (``reveal.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from liaison.workflow.selectors import get_matter_for

from .forms import ReasonForm
from .reveal import (
    ReasonRequired,
    RevealRefused,
    identity_of,
    identity_reveal,
    masked,
    subject_for,
)
from .templatetags.identities import panel_context


@login_required
@require_http_methods(["GET", "POST"])
def reveal(request: HttpRequest, pk: int, subject: str, item: int | None = None) -> HttpResponse:
    """Who ``subject`` on matter ``pk`` (or on its item ``item``) is, for those the mechanism
    entitles (audited). Others who see the matter get the masked identity and a clear refusal
    (403); others again, and a matter without that subject or item, 404. A subject that asks why
    shows its form first and reveals on a posted reason (400 without one)."""
    access = request.access  # type: ignore[attr-defined]
    matter = get_matter_for(access, pk)
    try:
        who = subject_for(matter, subject)
        shown = masked(identity_of(who, matter, item))
    except LookupError:
        raise Http404("No such person on this matter.") from None
    template = (
        "identities/_identity.html"
        if getattr(request, "htmx", False)
        else "identities/identity.html"
    )
    context: dict[str, Any] = {
        "matter": matter,
        **panel_context(matter=matter, subject=who, identity=shown, item=item, access=access),
    }
    if who.asks_reason and request.method != "POST":
        return render(request, template, context)
    form = ReasonForm(request.POST if who.asks_reason else None)
    reason = form.cleaned_data["reason"] if who.asks_reason and form.is_valid() else ""
    try:
        identity = identity_reveal(
            access=access, matter=matter, subject=who, item=item, reason=reason
        )
    except ReasonRequired as refusal:
        context.update(form=form, refusal=refusal.message)
        return render(request, template, context, status=400)
    except RevealRefused as refusal:
        context.update(refusal=refusal.message, may_reveal=False)
        return render(request, template, context, status=403)
    context.update(identity=identity, revealed=True, may_reveal=False)
    return render(request, template, context)
