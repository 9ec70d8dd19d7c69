"""Templates ask a matter type's policy, never decide privacy themselves:
``{% may matter "see_reporter" as reveal %}`` is the policy's ``may`` for the reader, answered
from the same reading of the matter's parties as the rest of the page (``policy.reading_for``)."""

from typing import Any

from django import template

from liaison.workflow.models import Matter
from liaison.workflow.policy import reading_for

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: Any, matter: Any, act: str) -> bool:
    """Whether the reader may take the mechanism's named ``act`` on ``matter`` now; False on a
    page rendered without ``request.access`` (an error page)."""
    request = context.get("request")
    if not isinstance(matter, Matter) or getattr(request, "access", None) is None:
        return False
    return reading_for(request, matter).may(act)
