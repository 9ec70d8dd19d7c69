"""Template helpers of the lawyers' pages: what of a case's parties a reader may see."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access
from liaison.workflow.policy import policy_for

from ..models import ProcuratorateCase
from ..workflows import SEE_PARTY_NAMES

register = template.Library()


@register.filter
def parties_for(case: ProcuratorateCase, access: Access) -> list[tuple[str, str]]:
    """(role, name) of the case's parties: in full for those the case's policy lets read them
    (``see_party_names``: its staff and lawyers of record), masked for every other reader (a
    lawyer whose file review is still awaiting approval)."""
    full = policy_for(case).may(access, case, SEE_PARTY_NAMES)
    return [
        (str(p.get_role_display()), p.name if full else p.masked_name) for p in case.persons.all()
    ]


@register.simple_tag
def case_panel(case: ProcuratorateCase, access: Access) -> dict[str, Any]:
    """What the staff's case panel lists, in three queries whatever their number: the live
    lawyers of record, the PDF documents with their live release, and the plea signings; and
    whether the reader may link and end lawyers of record."""
    from ..counsel_actions import may_manage_case
    from ..forms import CounselEndForm
    from ..selectors import live_counsel, releases_for

    released = {r.attachment_id: r for r in releases_for(case)}
    counsel = list(live_counsel(case.pk))
    documents = case.attachments.filter(content_type="application/pdf").order_by("pk")
    return {
        "counsel": [(c, CounselEndForm(auto_id=f"id_counsel_end_{c.pk}_%s")) for c in counsel],
        "documents": [(a, released.get(a.pk)) for a in documents],
        "signings": case.plea_signings.select_related("lawyer__user", "prosecutor"),
        "manages": may_manage_case(access, case),
    }
