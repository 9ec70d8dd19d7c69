"""What a petition's page shows the user looking at it: the lawyers asked to take part (to
staff), or the lawyer's own part. (The petitioner: ``{% identity matter "petitioner" %}``.)"""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors
from ..models import Petition

register = template.Library()


@register.simple_tag
def petition_panel(petition: Petition, access: Access) -> dict[str, Any]:
    staff = access.is_staff_of(petition.owner_id)
    lawyers = list(selectors.lawyers_of(petition))
    mine = next((p for p in lawyers if p.lawyer.user_id == access.user_id), None)
    return {
        "staff": staff,
        "lawyers": lawyers if staff else [],
        "mine": mine,
    }
