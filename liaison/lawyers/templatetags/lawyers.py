"""Template helpers of the lawyers' pages: what of a case's parties a reader may see."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from ..models import CaseFileRelease, ProcuratorateCase
from ..selectors import lawyer_for

register = template.Library()


@register.filter
def parties_for(case: ProcuratorateCase, access: Access) -> list[tuple[str, str]]:
    """(role, name) of the case's parties: names in full for the procuratorate's staff and the
    lawyers of record, masked for every other reader (a lawyer still awaiting approval)."""
    lawyer = lawyer_for(access)
    full = access.is_staff_of(case.owner_id) or (
        lawyer is not None and case.counsel.filter(lawyer=lawyer, ended_at__isnull=True).exists()
    )
    return [
        (str(p.get_role_display()), p.name if full else p.masked_name) for p in case.persons.all()
    ]


@register.filter
def live_release(attachment: Any) -> CaseFileRelease | None:
    """The live release of a case-file document, if it is released."""
    return CaseFileRelease.objects.filter(attachment=attachment, withdrawn_at__isnull=True).first()
