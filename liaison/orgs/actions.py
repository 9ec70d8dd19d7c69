"""Changes to organisations and memberships. Each validates, saves and writes an audit record in
one transaction, so the tree, the seats people hold and the record of who changed them never
disagree (after Zulip's ``zerver/actions``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.actions import audit_record
from liaison.core.transactions import durable
from liaison.places.models import Division

from .models import Cooperation, Membership, Organisation
from .roles import roles_for

ORGANISATION_CREATE = "orgs.organisation.create"
ORGANISATION_CHANGE = "orgs.organisation.change"
ORGANISATION_MOVE = "orgs.organisation.move"
MEMBERSHIP_GRANT = "orgs.membership.grant"
MEMBERSHIP_REVOKE = "orgs.membership.revoke"
COOPERATION_START = "orgs.cooperation.start"
COOPERATION_END = "orgs.cooperation.end"


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    parent: Organisation | None,
    kind: str,
    level: str,
    name: str,
    division: Division,
    name_en: str = "",
    abbreviation: str = "",
    uscc: str = "",
) -> Organisation:
    """Add an organisation to the tree below ``parent`` (None for a root)."""
    organisation = Organisation(
        parent=parent,
        kind=kind,
        level=level,
        name=name,
        name_en=name_en,
        abbreviation=abbreviation,
        division=division,
        uscc=uscc,
    )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        action=ORGANISATION_CREATE,
        obj=organisation,
        payload={
            "parent": parent.pk if parent else None,
            "kind": kind,
            "level": level,
            "name": name,
            "division": division.pk,
        },
    )
    return organisation


@transaction.atomic
def organisation_move(
    *, actor: Any, organisation: Organisation, parent: Organisation | None
) -> Organisation:
    """Put ``organisation`` and everything below it under ``parent``.

    Refuses a parent inside the organisation's own subtree (the tree would become a loop).
    """
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = locked.parent_id
    locked.parent = parent
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action=ORGANISATION_MOVE,
        obj=locked,
        payload={"parent": {"before": before, "after": parent.pk if parent else None}},
    )
    organisation.parent = parent
    organisation.path = locked.path
    return locked


@transaction.atomic
def organisation_save(
    *, actor: Any, organisation: Organisation, changed: Iterable[str] = ()
) -> Organisation:
    """Save an organisation edited as a whole (the admin form) and record what changed.

    A new organisation is recorded as created; a new parent moves the subtree and is recorded as
    a move; anything else as a change naming the fields.
    """
    changed = sorted(changed)
    is_new = organisation.pk is None
    before_parent = None
    if not is_new:
        before_parent = (
            Organisation.objects.select_for_update()
            .values_list("parent_id", flat=True)
            .get(pk=organisation.pk)
        )
    organisation.full_clean()
    organisation.save()
    if is_new:
        action = ORGANISATION_CREATE
        payload: dict[str, Any] = {"parent": organisation.parent_id, "name": organisation.name}
    elif before_parent != organisation.parent_id:
        action = ORGANISATION_MOVE
        payload = {
            "parent": {"before": before_parent, "after": organisation.parent_id},
            "fields": changed,
        }
    else:
        action = ORGANISATION_CHANGE
        payload = {"fields": changed}
    audit_record(actor=actor, action=action, obj=organisation, payload=payload)
    return organisation


@transaction.atomic
def membership_grant(
    *, actor: Any, person: Any, organisation: Organisation, role: str
) -> Membership:
    """Give ``person`` the seat ``role`` in ``organisation``.

    A role outside the catalogue of the organisation's kind is refused. A seat held before and
    revoked is re-activated (the same row, so its history stays in one place); a seat already
    held is returned unchanged.
    """
    if role not in roles_for(organisation.kind):
        raise ValidationError(
            {"role": _("This role does not exist in an organisation of this kind.")},
            code="role_not_in_catalogue",
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(person=person, organisation=organisation, role=role)
        .first()
    )
    if membership is not None and membership.is_active:
        return membership
    reactivated = membership is not None
    if membership is None:
        membership = Membership(person=person, organisation=organisation, role=role)
    else:
        membership.is_active = True
        membership.since = timezone.localdate()
        membership.until = None
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=MEMBERSHIP_GRANT,
        obj=membership,
        payload={
            "person": person.pk,
            "organisation": organisation.pk,
            "role": role,
            "reactivated": reactivated,
        },
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> Membership:
    """End a membership. The row stays, inactive and dated, so who held which seat is kept.

    No ``full_clean`` here on purpose: ending a seat must work even when the seat no longer fits
    the catalogue (the organisation's kind changed), which is when it most needs ending.
    """
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if not locked.is_active:
        return locked
    locked.is_active = False
    locked.until = timezone.localdate()
    locked.save(update_fields=["is_active", "until"])
    audit_record(
        actor=actor,
        action=MEMBERSHIP_REVOKE,
        obj=locked,
        payload={
            "person": locked.person_id,
            "organisation": locked.organisation_id,
            "role": locked.role,
        },
    )
    membership.is_active = locked.is_active
    membership.until = locked.until
    return locked


@transaction.atomic
def cooperation_start(
    *, actor: Any, organisations: tuple[Organisation, Organisation], agreement: str = ""
) -> Cooperation:
    """Record that two organisations work together (either way round), naming the agreement.

    Each may then send the other notices. A pair already cooperating is returned unchanged; a
    pair whose cooperation ended starts a new one, so the ended one stays as history.
    """
    a, b = organisations
    if a.pk == b.pk:
        raise ValidationError(
            _("An organisation does not cooperate with itself."), code="self_cooperation"
        )
    first, second = sorted((a, b), key=lambda o: o.pk)
    existing = Cooperation.objects.select_for_update().filter(
        first=first, second=second, is_active=True
    )
    cooperation = existing.first()
    if cooperation is not None:
        return cooperation
    cooperation = Cooperation(first=first, second=second, agreement=agreement.strip())
    # The pair is ordered and distinct above; the one-active-pair rule is left to the database:
    # ``select_for_update`` locks no row that does not exist yet, so of two recording the same
    # pair at once, checking it here could refuse the second (it reads the first's committed
    # row) where it should get the cooperation the first started.
    cooperation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            cooperation.save()
    except IntegrityError:
        return Cooperation.objects.get(first=first, second=second, is_active=True)
    audit_record(
        actor=actor,
        action=COOPERATION_START,
        obj=cooperation,
        payload={"organisations": [first.pk, second.pk], "agreement": cooperation.agreement},
    )
    return cooperation


@transaction.atomic
def cooperation_end(*, actor: Any, cooperation: Cooperation, reason: str = "") -> Cooperation:
    """End a cooperation: from now on neither sends the other notices for it. The row stays,
    inactive and dated; notices already sent run on. The reason is kept in the audit record."""
    locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    if not locked.is_active:
        return locked
    locked.is_active = False
    locked.ended_on = timezone.localdate()
    locked.save(update_fields=["is_active", "ended_on"])
    audit_record(
        actor=actor,
        action=COOPERATION_END,
        obj=locked,
        payload={"organisations": [locked.first_id, locked.second_id], "reason": reason.strip()},
    )
    cooperation.is_active, cooperation.ended_on = locked.is_active, locked.ended_on
    return locked


# -- what an organisation's own administrator does (the page of cooperation partners) -----------

ORGANISATION_AREA = "orgs.organisation.area"


def _administered(access: Any, organisation: Organisation) -> None:
    from .selectors import ADMINISTRATOR_ROLES

    if access.user is None or not access.has_role(organisation.pk, ADMINISTRATOR_ROLES):
        raise PermissionDenied(_("Only the organisation's administrator changes its partners."))


def _tell_administrators(
    *, organisation: Organisation, text: Any, params: dict[str, Any], actor: Any, event: str
) -> None:
    from liaison.notifications.actions import notify

    from .selectors import ADMINISTRATOR_ROLES, members_with_role

    notify(
        recipients=members_with_role(organisation, ADMINISTRATOR_ROLES),
        event=event,
        text=text,
        params=params,
        actor=actor,
        channels=("email",),
    )


@durable
def cooperation_record(
    *, access: Any, organisation: Organisation, partner: Organisation, agreement: str = ""
) -> Cooperation:
    """``organisation``'s administrator records that it works with ``partner``.

    Either side's administrator records it alone, without the other's consent in the
    platform: a cooperation rests on an agreement both have already signed on paper, which the
    platform records rather than negotiates; asking the other side to accept again would only
    delay notices the agreement allows. The other side's administrators are told in their
    inbox, so that a cooperation recorded by mistake is seen, and ended, by either."""
    _administered(access, organisation)
    if not partner.is_active:
        raise ValidationError(_("This organisation is no longer active."), code="inactive")
    cooperation = cooperation_start(
        actor=access.user, organisations=(organisation, partner), agreement=agreement
    )
    _tell_administrators(
        organisation=partner,
        event=COOPERATION_START,
        text=_(
            "%(actor)s of %(organisation)s recorded that %(organisation)s and %(partner)s "
            "cooperate (%(agreement)s): each may now send the other information notices."
        ),
        params={
            "actor": access.user.display_name,
            "organisation": organisation.name,
            "partner": partner.name,
            "agreement": cooperation.agreement or "—",
        },
        actor=access.user,
    )
    return cooperation


@durable
def cooperation_stop(
    *, access: Any, organisation: Organisation, cooperation: Cooperation, reason: str
) -> Cooperation:
    """``organisation``'s administrator ends one of its cooperations, saying why (kept in the
    audit record and told to the other side's administrators)."""
    _administered(access, organisation)
    if organisation.pk not in (cooperation.first_id, cooperation.second_id):
        raise PermissionDenied(_("Only the organisation's administrator changes its partners."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the cooperation ends."), code="no_reason")
    ended = cooperation_end(actor=access.user, cooperation=cooperation, reason=reason)
    partner = cooperation.other(organisation)
    _tell_administrators(
        organisation=partner,
        event=COOPERATION_END,
        text=_(
            "%(actor)s of %(organisation)s ended the cooperation between %(organisation)s and "
            "%(partner)s: %(reason)s"
        ),
        params={
            "actor": access.user.display_name,
            "organisation": organisation.name,
            "partner": partner.name,
            "reason": reason,
        },
        actor=access.user,
    )
    return ended


@durable
def organisation_set_own_area(
    *, access: Any, organisation: Organisation, works_with_own_area: bool
) -> Organisation:
    """Let the organisations in ``organisation``'s own area count as partners, or stop them
    (``Organisation.works_with_own_area``), audited with the value before and after."""
    _administered(access, organisation)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = locked.works_with_own_area
    if before != works_with_own_area:
        locked.works_with_own_area = works_with_own_area
        locked.save(update_fields=["works_with_own_area"])
        audit_record(
            actor=access.user,
            action=ORGANISATION_AREA,
            obj=locked,
            payload={"works_with_own_area": {"before": before, "after": works_with_own_area}},
        )
    organisation.works_with_own_area = works_with_own_area
    return locked
