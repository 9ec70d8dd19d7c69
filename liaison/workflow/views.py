"""The staff workspace: "my work", a matter's page, and the buttons that take its steps.

Views parse the request, call one action and turn its refusal into a message; they never write
models. Every matter is fetched through ``get_matter_for``, which answers 404 for a matter the
user may not see.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.core.text import normalise_text

from . import actions, approvals, clocks, selectors
from .clocks import may_manage_clocks
from .errors import TransitionInvalid, WorkflowError
from .forms import ApprovalDecisionForm, ClockExtendForm, ClockReasonForm, CommentForm
from .models import Clock, Matter
from .policy import reading_for
from .registry import my_work_panels


def _access(request: HttpRequest) -> Any:
    return request.access  # type: ignore[attr-defined]


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Every matter where this user must act, due soonest and overdue first."""
    page = Paginator(selectors.my_work(_access(request)), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "workflow/my_work.html",
        {"page": page, "today": timezone.localdate(), "panels": my_work_panels()},
    )


def matter_page(
    request: HttpRequest, matter: Matter, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """A matter's page. ``forms`` holds bound forms to show again with their errors: a step's,
    keyed by its name, or a mechanism's own (its detail template finds them in ``forms``)."""
    access = _access(request)
    transitions = selectors.available_transitions(access, matter, reading_for(request, matter))
    forms = forms or {}
    timeline = selectors.timeline_of(matter)
    steps = [
        (
            t,
            forms.get(t.name)
            or actions.bound_form(
                t, matter=matter, initial=approvals.returned_input(matter, t, timeline)
            ),
        )
        for t in transitions
    ]
    # One reading of the matter's parties answers every question the page asks the policy.
    reading = reading_for(request, matter)
    reads = reading.timeline_reads()
    if reads is not None:
        timeline = [e for e in timeline if (e.event.transition or e.event.action) in reads]
    return render(
        request,
        "workflow/matter.html",
        {
            "matter": matter,
            "workflow": matter.workflow,
            "steps": steps,
            "approval": approvals.awaiting_approval(access, matter),
            "approval_form": forms.get("_approval") or ApprovalDecisionForm(),
            "timeline": timeline,
            "clocks": selectors.clocks_of(matter),
            "parties": reading.parties(),
            "attachments": reading.attachments().order_by("-uploaded_at"),
            "comment_form": forms.get("_comment") or CommentForm(),
            "can_comment": reading.may_comment(),
            "can_attach": reading.may_attach(),
            "can_manage_clocks": may_manage_clocks(access, matter),
            "extend_form": ClockExtendForm(),
            "reason_form": ClockReasonForm(),
            "today": timezone.localdate(),
            "forms": forms,
        },
        status=status,
    )


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's page; whoever follows it only from outside (a volunteer supervisor) is sent
    to the page its mechanism shows them, everyone else who may not see it gets 404."""
    access = _access(request)
    try:
        matter = selectors.get_matter_for(access, pk)
    except Http404:
        outside = selectors.outside_page_for(access, pk)
        if outside is None:
            raise
        return redirect(outside)
    return matter_page(request, matter)


@login_required
@require_POST
def matter_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Take one step. Bad input re-renders the page with the form, its errors and what was typed."""
    access = _access(request)
    matter = selectors.get_matter_for(access, pk)
    try:
        actions.transition(
            matter=matter, name=name, access=access, data=request.POST, files=request.FILES
        )
    except TransitionInvalid as refusal:
        messages.error(request, refusal.message)
        return matter_page(request, matter, forms={name: refusal.form}, status=400)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
        return redirect("workspace:matter", pk=pk)
    step = matter.workflow.transition(name)
    if step.approval is not None:
        messages.success(request, _("Submitted for approval: %(step)s.") % {"step": step.label})
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": step.label})
    return redirect("workspace:matter", pk=pk)


@login_required
@require_POST
def matter_approval(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Approve the step awaiting approval, or return it with comments (which it requires); or,
    for its submitter, withdraw it."""
    access = _access(request)
    matter = selectors.get_matter_for(access, pk)
    if decision not in ("approve", "return", "withdraw"):
        raise Http404("No such decision.")
    if decision == "withdraw":
        try:
            approvals.approval_withdraw(matter=matter, access=access)
            messages.success(request, _("Withdrawn: correct it and submit it again if needed."))
        except WorkflowError as refusal:
            messages.error(request, refusal.message)
        return redirect("workspace:matter", pk=pk)
    form = ApprovalDecisionForm(request.POST, returning=decision == "return")
    if not form.is_valid():
        messages.error(request, _("Say what needs correcting."))
        return matter_page(request, matter, forms={"_approval": form}, status=400)
    comment = form.cleaned_data["comment"]
    try:
        if decision == "approve":
            approvals.approval_approve(matter=matter, access=access, comment=comment)
            messages.success(request, _("Approved."))
        else:
            approvals.approval_return(matter=matter, access=access, comment=comment)
            messages.success(request, _("Returned with your comments."))
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    return redirect("workspace:matter", pk=pk)


@login_required
@require_POST
def matter_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment on a matter: 404 for one the user does not see in its present state (nothing
    stored), a message for one they see but may not comment on now."""
    access = _access(request)
    matter = selectors.get_matter_for(access, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return matter_page(request, matter, forms={"_comment": form}, status=400)
    try:
        actions.matter_comment(matter=matter, access=access, text=form.cleaned_data["text"])
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    return redirect("workspace:matter", pk=pk)


@login_required
@require_POST
def clock_control(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    """Pause, resume or extend a clock (owner organisation's staff; the action checks)."""
    access = _access(request)
    clock = get_object_or_404(Clock, pk=pk)
    matter = selectors.get_matter_for(access, clock.matter_id)
    form: Any = ClockExtendForm(request.POST) if verb == "extend" else ClockReasonForm(request.POST)
    if verb != "resume" and not form.is_valid():
        messages.error(request, _("Give the reason (and for an extension, how long)."))
        return redirect("workspace:matter", pk=matter.pk)
    try:
        if verb == "pause":
            clocks.clock_pause(clock=clock, access=access, reason=form.cleaned_data["reason"])
        elif verb == "resume":
            # An optional reason, read without a form: normalised as every typed text is.
            reason = normalise_text(request.POST.get("reason", ""), multiline=True)
            clocks.clock_resume(clock=clock, access=access, reason=reason)
        elif verb == "extend":
            clocks.clock_extend(clock=clock, access=access, **form.cleaned_data)
        else:
            return redirect("workspace:matter", pk=matter.pk)
    except WorkflowError as refusal:
        messages.error(request, refusal.message)
    return redirect("workspace:matter", pk=matter.pk)
