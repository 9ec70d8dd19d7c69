"""Reads about recommendations: those that arose from a matter, with their reply's due day;
those served; and the one privacy question the recommendation's page asks, whether the reader
may follow the link to the matter it arose from (the engine's answer, ``workflow.selectors``)."""

from __future__ import annotations

from django.db.models import QuerySet

from liaison.attachments.models import Attachment
from liaison.core.access import Access
from liaison.workflow.models import Matter
from liaison.workflow.selectors import next_due, sees

from .models import REPLY_EVIDENCE_PURPOSE, Recommendation
from .workflows import SERVED_STATES


def recommendations_from(source: Matter) -> QuerySet[Recommendation]:
    """The recommendations that arose from ``source``, drafts included, each with the due day of
    its running reply clock as ``reply_due`` (None until served, and once replied): one query,
    for the source's page, which says when the reply is due."""
    return (
        Recommendation.objects.filter(source_id=source.pk)
        .select_related("addressee")
        .annotate(reply_due=next_due())
        .order_by("created_at", "pk")
    )


def served_from(source: Matter) -> QuerySet[Recommendation]:
    """The recommendations served from ``source``: what the addressee must correct, and its
    reply (never a draft, nor a draft withdrawn)."""
    return (
        Recommendation.objects.filter(source_id=source.pk, state__in=SERVED_STATES)
        .select_related("addressee")
        .order_by("created_at", "pk")
    )


def source_seen_by(access: Access, recommendation: Recommendation) -> Matter | None:
    """The matter the recommendation arose from, if the reader sees it (its procuratorate's
    staff do; the addressee, which sees the recommendation only, does not): the page links to
    it for them and names its number only for the others."""
    source = recommendation.source
    if source is None or not sees(access, source):
        return None
    return source


def reply_evidence(recommendation: Recommendation) -> QuerySet[Attachment]:
    return recommendation.attachments.filter(purpose=REPLY_EVIDENCE_PURPOSE).order_by("id")
