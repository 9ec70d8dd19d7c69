"""What a hearing's page shows the user looking at it: the participants (to those running it)
or their own invitation."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.core.access import Access

from .. import selectors
from ..models import Hearing

register = template.Library()


@register.simple_tag
def hearing_panel(hearing: Hearing, access: Access) -> dict[str, Any]:
    runs = selectors.may_run(access, hearing)
    return {
        "runs": runs,
        "participants": list(selectors.participants_of(hearing)) if runs else [],
        "mine": selectors.participation_of(hearing, access.user),
        "open": hearing.state in selectors.OPEN_STATES,
        "notice": hearing.public_notices.filter(withdrawn_at__isnull=True).first(),
    }
