"""Pages for legal-aid referrals: the lists of both sides and referring a person. The steps
(accept, decline, assign the aid lawyer, close) are the matter page's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liaison.core.navigation import page_rule
from liaison.workflow.errors import WorkflowError

from . import selectors
from .actions import referral_send
from .forms import ReferralForm


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
@page_rule(selectors.takes_part_in_referrals)
def referral_list(request: HttpRequest) -> HttpResponse:
    """Referrals the user's organisations sent, and those they received (the latest 50 each)."""
    access = _access(request)
    visible = selectors.referrals_visible_to(access)
    return render(
        request,
        "legalaid/list.html",
        {
            "sent": selectors.sent_by(access, visible)[:50],
            "received": selectors.received_by(access, visible)[:50],
            "may_refer": selectors.may_refer(access),
        },
    )


@login_required
@page_rule(selectors.may_refer)
def referral_new(request: HttpRequest) -> HttpResponse:
    """Refer a person from one of the user's organisations (with several, the one they choose)
    to the other side."""
    access = _access(request)
    senders = list(selectors.senders_for(access))
    if not senders:
        raise Http404("No organisation refers from here.")
    form = ReferralForm(
        request.POST or None, receivers=selectors.receivers_for(senders), acting=senders
    )
    if request.method == "POST" and form.is_valid():
        data = form.action_data()
        sender = form.acting_organisation()
        number = data.pop("source_number", "")
        source = selectors.source_by_number(access, sender, number)
        if number and source is None:
            form.add_error(
                "source_number", _("Your organisation has no matter you see with this number.")
            )
        else:
            try:
                referral = referral_send(access=access, sender=sender, source=source, **data)
            except WorkflowError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request, _("Referral %(number)s sent.") % {"number": referral.case_number}
                )
                return redirect("workspace:matter", pk=referral.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "legalaid/new.html", {"form": form}, status=status)
