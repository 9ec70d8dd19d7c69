"""The recommendation's own page is the engine's matter page (its ``detail_template``); here is
only its formal document."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from liaison.workflow.selectors import get_matter_for

from . import documents
from .models import Recommendation


@login_required
@require_GET
def document(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """A recommendation as its formal document, PDF or Word: while a draft, made now and marked
    as a draft (nothing is kept); once served, the document that was served. Whoever may see
    the recommendation may (the addressee only once it is served: it is not a party before)."""
    recommendation = get_matter_for(request.access, pk)  # type: ignore[attr-defined]
    if not isinstance(recommendation, Recommendation) or fmt not in documents.FORMATS:
        raise Http404("No such document.")
    served = {"pdf": recommendation.document_pdf_id, "docx": recommendation.document_docx_id}
    if served[fmt]:
        return redirect("attachments:download", served[fmt])
    content, content_type, name = documents.recommendation_preview(recommendation, fmt)
    return FileResponse(BytesIO(content), filename=name, content_type=content_type)
