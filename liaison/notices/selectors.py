"""Which information notices a user sees: those the workflow's visibility policy allows."""

from django.db.models import QuerySet

from liaison.core.access import Access
from liaison.workflow.selectors import matters_visible_to, may_open

from .models import InformationNotice
from .workflows import NOTICE, RECIPIENT


def notices_visible_to(access: Access) -> QuerySet[InformationNotice]:
    visible = matters_visible_to(access).filter(matter_type="notices.notice").values("pk")
    return (
        InformationNotice.objects.filter(pk__in=visible)
        .select_related("owner")
        .prefetch_related("parties__organisation")
        .order_by("-created_at", "-pk")
    )


def takes_part_in_notices(access: Access) -> bool:
    """Whether the notices pages are for this user: one who may send a notice (the workflow's
    ``opened_by``) or be sent one (its recipients' roles); not lawyers, not volunteers."""
    return may_open(access, NOTICE) or bool(access.organisations_with(RECIPIENT.roles))
