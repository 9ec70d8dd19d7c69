"""Publishing and withdrawing public notices.

Both run inside the caller's transaction (``atomic(savepoint=False)``), because a notice is
usually published by a step of a matter (a hearing announced, a civil case's announcement) and
must commit or roll back with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_ROLES, OrganisationKind
from liaison.workflow.errors import TransitionForbidden

from .models import PublicNotice

#: Who publishes for a procuratorate: its prosecutors and those above them.
PUBLISHERS = CASE_ROLES


def _check_publisher(access: Access, publisher: Organisation) -> None:
    if publisher.kind != OrganisationKind.PROCURATORATE:
        raise TransitionForbidden(_("Public notices are published by a procuratorate."))
    if not access.is_system and not access.has_role(publisher.pk, PUBLISHERS):
        raise TransitionForbidden(
            _("Only the procuratorate's prosecutors may publish or withdraw its public notices.")
        )


def public_notice_publish(
    *,
    access: Access,
    publisher: Organisation,
    kind: str,
    title: str,
    body: str,
    starts_on: date,
    ends_on: date,
    matter: Any = None,
) -> PublicNotice:
    """Publish a notice for ``starts_on``–``ends_on`` (inclusive). A notice is never backdated:
    what the public could read, and since when, is itself a fact someone may rely on. The checks
    run before the caller's transaction is touched, so a refusal leaves it usable."""
    _check_publisher(access, publisher)
    if starts_on < timezone.localdate():
        raise ValidationError(
            {"starts_on": _("A notice cannot be published for a day that has passed.")}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A notice cannot end before it starts.")})
    return _publish(
        access=access,
        publisher=publisher,
        kind=kind,
        title=title,
        body=body,
        starts_on=starts_on,
        ends_on=ends_on,
        matter=matter,
    )


@transaction.atomic(savepoint=False)
def _publish(
    *,
    access: Access,
    publisher: Organisation,
    kind: str,
    title: str,
    body: str,
    starts_on: date,
    ends_on: date,
    matter: Any,
) -> PublicNotice:
    notice = PublicNotice(
        kind=kind,
        title=title,
        body=body,
        publisher=publisher,
        matter=matter,
        starts_on=starts_on,
        ends_on=ends_on,
        published_by=access.user,
    )
    notice.full_clean()
    notice.save()
    audit_record(
        actor=access.user,
        action="announcements.notice.publish",
        obj=notice,
        payload={
            "kind": kind,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "matter": getattr(matter, "pk", None),
        },
    )
    return notice


def public_notice_withdraw(*, access: Access, notice: PublicNotice, reason: str) -> PublicNotice:
    """Take a notice down (a hearing cancelled). It stays in the records, not on the list."""
    _check_publisher(access, notice.publisher)
    with transaction.atomic(savepoint=False):
        return _withdraw(access=access, notice=notice, reason=reason)


def _withdraw(*, access: Access, notice: PublicNotice, reason: str) -> PublicNotice:
    if notice.withdrawn_at is None:
        notice.withdrawn_at = timezone.now()
        notice.withdrawn_reason = reason
        notice.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit_record(
            actor=access.user,
            action="announcements.notice.withdraw",
            obj=notice,
            payload={"reason": reason},
        )
    return notice
