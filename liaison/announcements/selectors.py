"""Which public notices anyone may read: published ones whose first day has come and that were
not withdrawn. Nothing else about a notice's matter is shown."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from .models import PublicNotice


def notices_public(*, today: date, current: bool = True) -> QuerySet[PublicNotice]:
    """The notices on show today (``current``), or those whose time has passed."""
    notices = PublicNotice.objects.filter(withdrawn_at__isnull=True, starts_on__lte=today)
    notices = notices.filter(ends_on__gte=today) if current else notices.filter(ends_on__lt=today)
    return notices.select_related("publisher").order_by("-starts_on", "-pk")


def get_public_notice(*, pk: int, today: date) -> PublicNotice:
    """A notice anyone may read, or 404 (not yet shown, withdrawn, or missing)."""
    notice = (
        PublicNotice.objects.filter(pk=pk, withdrawn_at__isnull=True, starts_on__lte=today)
        .select_related("publisher")
        .first()
    )
    if notice is None:
        raise Http404("No such notice.")
    return notice
