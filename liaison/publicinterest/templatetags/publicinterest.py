"""Template helpers for clues: whether the reader may ask who reported one, and the masked name."""

from typing import Any

from django import template

from ..actions import ReporterIdentity, masked_identity
from ..selectors import may_see_reporter

register = template.Library()


@register.filter
def reporter_visible_to(clue: Any, access: Any) -> bool:
    return access is not None and may_see_reporter(access, clue)


@register.filter
def masked_reporter(clue: Any) -> ReporterIdentity:
    return masked_identity(clue)
