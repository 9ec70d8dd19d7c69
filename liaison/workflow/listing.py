"""The list page of one matter type: the matters its reader sees, filtered by state, fifty a
page. Notices and agreements share it (and any mechanism whose list is only that), so a
change to the filter or the paging is made once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .definitions import Workflow

#: Matters on one page of a list.
PAGE_SIZE = 50


def matter_list_page(
    request: HttpRequest,
    *,
    matters: QuerySet[Any],
    workflow: Workflow,
    template: str,
    decorate: Callable[[list[Any]], list[Any]] | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Render ``template`` (extending ``workflow/matter_list.html``) with the page of
    ``matters`` (already those the reader may see) in the state asked for (``?state=``, one of
    the workflow's; anything else lists all). ``decorate`` adds what a page of rows needs
    beside them, read once for the page (an agreement's next meeting)."""
    state = request.GET.get("state", "")
    if state in workflow.states:
        matters = matters.filter(state=state)
    else:
        state = ""
    page = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    if decorate is not None:
        page.object_list = decorate(list(page.object_list))
    return render(
        request,
        template,
        {"page": page, "states": workflow.states, "state": state, **(context or {})},
    )
