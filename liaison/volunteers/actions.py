"""Every change a volunteer makes or earns: registering, joining and leaving a volunteer
organisation, taking roles, points, and publishing training material.

Each public action runs in one transaction with its audit record. ``points_award`` joins the
caller's transaction instead, because points are awarded by a step of another matter (a clue
accepted, a hearing held) and must roll back with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from liaison.accounts.registration import registration_start
from liaison.attachments.actions import attachment_upload
from liaison.audit.actions import audit_record
from liaison.core.access import Access
from liaison.core.transactions import durable
from liaison.core.validators import normalise_mobile, normalise_resident_id
from liaison.orgs.actions import membership_grant, membership_revoke
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.errors import TransitionForbidden, WorkflowError

from .ages import age_refusal, minimum_age_for, minimum_age_of, registration_minimum_age
from .models import HeldRole, PointsEntry, TrainingMaterial, Volunteer, VolunteerRole
from .selectors import may_publish_training_for

if TYPE_CHECKING:
    from liaison.accounts.models import User
    from liaison.workflow.models import Matter

TRAINING_PURPOSE = "volunteer_training"

_DUPLICATE_MOBILE = _(
    "An account with this mobile number already exists. Log in with it, or reset its password."
)
_DUPLICATE_RESIDENT_ID = _(
    "An account with this resident ID number already exists: each person registers once. "
    "Log in with that account, or reset its password."
)


#: What the holder of a resident ID or mobile number is told when somebody else's registration
#: named it (the stranger is told nothing: ``accounts.registration``).
_REGISTRATION_ATTEMPT = _(
    "On %(day)s somebody tried to register as a volunteer with your resident ID number or "
    "mobile number. If it was you, you already have an account: log in with your mobile "
    "number, or reset your password. If it was not you, nothing was created and you need do "
    "nothing."
)


class NotAVolunteer(WorkflowError):
    default_message = _("Register as a volunteer first.")


def _refuse_too_young(resident_id: str) -> None:
    from liaison.accounts.models import User

    refusal = age_refusal(User(resident_id=resident_id), registration_minimum_age())
    if refusal is not None:
        raise ValidationError({"resident_id": refusal})


def volunteer_registration_start(
    *, session: SessionBase, name: str, mobile: str, resident_id: str, password: str
) -> None:
    """Begin a registration: the code goes to the mobile number and ``volunteer_register`` runs
    when it is typed; or, when an account already holds the resident ID or mobile number, its
    holder is told and the form's sender is answered just the same (``accounts.registration``).
    """
    from liaison.accounts.models import User

    mobile, resident_id = normalise_mobile(mobile), normalise_resident_id(resident_id)
    # The age is read from the typed number alone, so refusing it here tells a stranger nothing
    # about anyone's account; refused before a code is texted (and again on registering).
    _refuse_too_young(resident_id)
    registration_start(
        session=session,
        purpose="volunteer",
        mobile=mobile,
        password=password,
        data={"name": " ".join(name.split()), "mobile": mobile, "resident_id": resident_id},
        holders=User.objects.filter(
            Q(username=mobile) | Q(mobile=mobile) | Q(resident_id=resident_id)
        ),
        holder_text=_REGISTRATION_ATTEMPT,
    )


@durable
def volunteer_register(
    *,
    name: str,
    mobile: str,
    resident_id: str,
    password: str = "",
    password_hash: str | None = None,
) -> User:
    """Create the person's account (their mobile number is their user name) and register them
    as a volunteer.

    A mobile number or resident ID number that an account already has is refused with a message
    on that field: each person registers once. The check is repeated by the database (the user
    name and the resident ID are unique), so two registrations at once cannot both succeed.
    The public registration page calls this only with a confirmed mobile number and a
    ``password_hash`` (``volunteer_registration_start``).
    """
    from liaison.accounts.models import User

    mobile, resident_id = normalise_mobile(mobile), normalise_resident_id(resident_id)
    _refuse_too_young(resident_id)
    errors: dict[str, Any] = {}
    if User.objects.filter(Q(username=mobile) | Q(mobile=mobile)).exists():
        errors["mobile"] = _DUPLICATE_MOBILE
    if User.objects.filter(resident_id=resident_id).exists():
        errors["resident_id"] = _DUPLICATE_RESIDENT_ID
    if errors:
        raise ValidationError(errors)
    user = User(
        username=mobile, name=" ".join(name.split()), mobile=mobile, resident_id=resident_id
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationError(
            {"mobile": _DUPLICATE_MOBILE, "resident_id": _DUPLICATE_RESIDENT_ID}
        ) from None
    Volunteer.objects.create(person=user)
    audit_record(actor=user, action="volunteers.register", obj=user, payload={"mobile": mobile})
    return user


def _volunteer(person: Any) -> Volunteer:
    volunteer = Volunteer.objects.filter(person=person).first()
    if volunteer is None:
        raise NotAVolunteer()
    return volunteer


@durable
def volunteer_join(*, person: User, organisation: Organisation) -> Membership:
    """Join a volunteer organisation as a volunteer (joining twice changes nothing); refused
    to a person under the organisation's minimum age."""
    _volunteer(person)
    if organisation.kind != OrganisationKind.VOLUNTEER_ORGANISATION or not organisation.is_active:
        raise WorkflowError(_("Volunteers join an active volunteer organisation."))
    refusal = age_refusal(person, minimum_age_of(organisation))
    if refusal is not None:
        raise WorkflowError(refusal)
    return membership_grant(
        actor=person, person=person, organisation=organisation, role=Role.VOLUNTEER
    )


@durable
def volunteer_leave(*, person: User, organisation: Organisation) -> None:
    """Leave a volunteer organisation; the membership is kept, ended, as history."""
    membership = Membership.objects.filter(
        person=person, organisation=organisation, role=Role.VOLUNTEER, is_active=True
    ).first()
    if membership is None:
        raise WorkflowError(_("You are not a member of this organisation."))
    membership_revoke(actor=person, membership=membership)


@durable
def volunteer_set_roles(*, person: User, roles: Iterable[str]) -> set[str]:
    """Take on exactly ``roles`` (publicist, clue collector, rectification supervisor); a new
    role is refused to a person under the minimum age (``ages.minimum_age_for``)."""
    volunteer = _volunteer(person)
    wanted = set(roles)
    unknown = wanted - set(VolunteerRole.values)
    if unknown:
        raise ValidationError({"roles": _("Choose among the roles offered.")})
    held = set(volunteer.roles.values_list("role", flat=True))
    if wanted - held:  # giving roles up is always allowed
        refusal = age_refusal(person, minimum_age_for(person))
        if refusal is not None:
            raise ValidationError({"roles": refusal})
    volunteer.roles.filter(role__in=held - wanted).delete()
    HeldRole.objects.bulk_create([HeldRole(volunteer=volunteer, role=r) for r in wanted - held])
    if wanted != held:
        audit_record(
            actor=person,
            action="volunteers.roles",
            obj=volunteer,
            payload={"before": sorted(held), "after": sorted(wanted)},
        )
    return wanted


@transaction.atomic(savepoint=False)
def points_award(
    *, person: Any, reason: str, matter: Matter, points: int, ref: str = ""
) -> PointsEntry | None:
    """Award ``points`` to ``person`` for ``reason`` on ``matter`` (``ref`` names the event
    when one matter holds several, e.g. ``observation:12``); None when that event was already
    counted (the unique constraint decides, so a retried or concurrent step cannot count it
    twice). Joins the caller's transaction."""
    if points <= 0:
        return None
    try:
        with transaction.atomic():  # a savepoint: a duplicate must not spoil the caller's step
            entry = PointsEntry.objects.create(
                person=person, reason=reason, matter=matter, points=points, ref=ref
            )
    except IntegrityError:
        return None
    audit_record(
        actor=None,
        action="volunteers.points.award",
        obj=entry,
        payload={
            "person": person.pk,
            "reason": reason,
            "matter": matter.pk,
            "points": points,
            "ref": ref,
        },
    )
    return entry


@durable
def training_publish(
    *,
    access: Access,
    publisher: Organisation,
    title: str,
    body: str = "",
    file: Any = None,
) -> TrainingMaterial:
    """Publish training material for volunteers: a volunteer organisation's coordinators or a
    procuratorate's staff may. A file is checked by its content like every upload."""
    if not may_publish_training_for(access, publisher):
        raise TransitionForbidden(
            _(
                "Training material is published by a volunteer organisation's coordinators or "
                "a procuratorate's staff."
            )
        )
    if access.user is None:
        raise TransitionForbidden()
    if not body.strip() and file is None:
        raise ValidationError({"body": _("Write the material, or attach a file.")})
    stored = (
        attachment_upload(file=file, uploaded_by=access.user, purpose=TRAINING_PURPOSE)
        if file is not None
        else None
    )
    material = TrainingMaterial(
        title=title, body=body, file=stored, publisher=publisher, published_by=access.user
    )
    material.full_clean()
    material.save()
    audit_record(
        actor=access.user,
        action="volunteers.training.publish",
        obj=material,
        payload={"publisher": publisher.pk, "file": stored.pk if stored else None},
    )
    return material
