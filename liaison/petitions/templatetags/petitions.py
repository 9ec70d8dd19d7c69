"""What a petition's page shows the user looking at it: the petitioner masked (with the way to
look, for the handling staff), the lawyers asked to take part (to staff), or the lawyer's own
part."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors
from ..actions import masked_identity
from ..models import Petition

register = template.Library()


@register.simple_tag
def petition_panel(petition: Petition, access: Access) -> dict[str, Any]:
    staff = access.is_staff_of(petition.owner_id)
    lawyers = list(selectors.lawyers_of(petition))
    mine = next((p for p in lawyers if p.lawyer.user_id == access.user_id), None)
    return {
        "identity": masked_identity(petition),
        "may_see_petitioner": selectors.may_see_petitioner(access, petition),
        "staff": staff,
        "lawyers": lawyers if staff else [],
        "mine": mine,
    }
