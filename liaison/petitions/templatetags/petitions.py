"""What a petition's page shows the user looking at it: the lawyers asked to take part (to
staff), or the lawyer's own part. (The petitioner: ``{% identity matter "petitioner" %}``.)"""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access
from liaison.workflow.policy import policy_for

from .. import selectors
from ..models import Petition
from ..workflows import SEE_LAWYERS

register = template.Library()


@register.simple_tag
def petition_panel(petition: Petition, access: Access) -> dict[str, Any]:
    """The lawyers asked, for those the petition's policy lets read them (``see_lawyers``),
    and the reader's own part if they are one of them."""
    sees_lawyers = policy_for(petition).may(access, petition, SEE_LAWYERS)
    lawyers = list(selectors.lawyers_of(petition))
    mine = next((p for p in lawyers if p.lawyer.user_id == access.user_id), None)
    return {
        "sees_lawyers": sees_lawyers,
        "lawyers": lawyers if sees_lawyers else [],
        "mine": mine,
    }
