"""Upload to a matter and download from it. Both ask the workflow's visibility rule first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .actions import attachment_add_to_matter, attachment_record_download
from .forms import AttachmentForm
from .selectors import get_attachment_for


def _back_to(request: HttpRequest, matter_id: int) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    try:
        return HttpResponseRedirect(reverse("workspace:matter", args=[matter_id]))
    except NoReverseMatch:
        return HttpResponseRedirect("/")


@login_required
@require_POST
def upload(request: HttpRequest, matter_id: int) -> HttpResponse:
    """Attach a file: 404 for a matter the user does not see in its present state, a message
    for one they see but may not attach to now; nothing is stored either way."""
    from liaison.workflow.errors import WorkflowError
    from liaison.workflow.selectors import get_matter_for

    access = request.access  # type: ignore[attr-defined]
    matter = get_matter_for(access, matter_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = attachment_add_to_matter(
                matter=matter, access=access, file=form.cleaned_data["file"]
            )
        except WorkflowError as refusal:
            messages.error(request, str(refusal.message))
        else:
            messages.success(
                request, _("“%(name)s” attached.") % {"name": attachment.original_name}
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return _back_to(request, matter_id)


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for(request.access, pk)  # type: ignore[attr-defined]
    attachment_record_download(attachment=attachment, user=request.user)  # type: ignore[arg-type]
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
