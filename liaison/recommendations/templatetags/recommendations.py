"""Template helpers for recommendations: each asks a selector; the templates only render."""

from typing import Any

from django import template

from liaison.core.access import Access

from ..selectors import recommendations_from, reply_evidence, served_from, source_seen_by

register = template.Library()


@register.simple_tag
def source_seen_by_reader(recommendation: Any, access: Any) -> Any:
    """The matter the recommendation arose from, if the reader sees it (else None: the page
    names its number without a link). A page without ``request.access`` gets None."""
    return source_seen_by(access, recommendation) if isinstance(access, Access) else None


@register.simple_tag(name="recommendations_from")
def recommendations_from_tag(source: Any) -> Any:
    """The recommendations a matter gave rise to, with their reply's due day."""
    return recommendations_from(source)


@register.simple_tag(name="served_from")
def served_from_tag(source: Any) -> Any:
    return served_from(source)


@register.simple_tag(name="reply_evidence")
def reply_evidence_tag(recommendation: Any) -> Any:
    return reply_evidence(recommendation)
