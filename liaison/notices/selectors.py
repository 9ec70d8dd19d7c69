"""Which information notices a user sees: those the workflow's visibility policy allows."""

from django.db.models import QuerySet

from liaison.core.access import Access
from liaison.workflow.selectors import matters_visible_to, next_due

from .models import InformationNotice


def notices_visible_to(access: Access) -> QuerySet[InformationNotice]:
    visible = matters_visible_to(access).filter(matter_type="notices.notice").values("pk")
    return (
        InformationNotice.objects.filter(pk__in=visible)
        .select_related("owner")
        .prefetch_related("parties__organisation")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )
