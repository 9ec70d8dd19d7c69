"""Which information notices a user sees (those the workflow's visibility policy allows), and
which organisations they may send one from and to."""

from django.db.models import Q, QuerySet

from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.selectors import organisations_reachable_from
from liaison.workflow.selectors import matters_visible_to, may_open, next_due

from .models import InformationNotice
from .workflows import NOTICE, RECIPIENT


def notices_visible_to(access: Access) -> QuerySet[InformationNotice]:
    visible = matters_visible_to(access).filter(matter_type="notices.notice").values("pk")
    return (
        InformationNotice.objects.filter(pk__in=visible)
        .select_related("owner")
        .prefetch_related("parties__organisation")
        .annotate(next_due=next_due())
        .order_by("-created_at", "-pk")
    )


def takes_part_in_notices(access: Access) -> bool:
    """Whether the notices pages are for this user: one who may send a notice (the workflow's
    ``opened_by``) or be sent one (its recipients' roles); not lawyers, not volunteers."""
    return may_open(access, NOTICE) or bool(access.organisations_with(RECIPIENT.roles))


#: How many organisations one search shows: type more of the name to find one further down.
RECIPIENTS_SHOWN = 20


def senders_for(access: Access) -> QuerySet[Organisation]:
    """The organisations this user may send notices from: those where they are staff."""
    return Organisation.objects.filter(pk__in=access.staff_organisation_ids).order_by("path")


def recipients_for(*, sender: Organisation, query: str) -> list[Organisation]:
    """Up to ``RECIPIENTS_SHOWN`` + 1 organisations ``sender`` works with whose name, English
    name or abbreviation contains ``query`` (all of them when it is empty), by name: the one
    more tells the page that there are others. One query, whatever the number."""
    found = organisations_reachable_from(sender).select_related("division")
    query = query.strip()
    if query:
        found = found.filter(
            Q(name__icontains=query)
            | Q(name_en__icontains=query)
            | Q(abbreviation__icontains=query)
        )
    return list(found.order_by("name", "pk")[: RECIPIENTS_SHOWN + 1])
