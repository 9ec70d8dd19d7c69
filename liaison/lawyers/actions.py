"""Every change lawyers and the procuratorate's staff make here. State changes of matters are
workflow transitions (``workflows.py``); the functions below open the matters and change the
mechanism's own data, each in one transaction with its audit record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.accounts.registration import registration_start
from liaison.attachments.actions import attachment_upload
from liaison.audit.actions import audit_record
from liaison.core.access import SYSTEM, Access, access_for
from liaison.core.transactions import durable
from liaison.orgs.actions import membership_grant, organisation_create
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import apply_transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import apply_open

from . import selectors
from .models import (
    PURPOSE_AUTHORITY,
    PURPOSE_COMPLAINT,
    PURPOSE_FIRM_LETTER,
    PURPOSE_LICENCE,
    Booking,
    DutyAssignment,
    FileReviewApplication,
    Lawyer,
    LawyerRegistration,
    ProcuratorateCase,
    ReceptionSlot,
    RightsComplaint,
)
from .workflows import BOOKING, COMPLAINT, FILE_REVIEW, REGISTRATION

if TYPE_CHECKING:
    from liaison.accounts.models import User

SLOT_PAST = _("This slot has already begun, so it can no longer be booked; choose a later one.")
SLOT_FULL = _("Every place in this slot was taken a moment ago; choose another slot.")
NOT_ON_CASE = _("You can book only for a case you act in at this procuratorate.")


def person_acting(access: Access) -> User:
    """The person acting: records that name who did it cannot be made by the system."""
    if access.user is None:
        raise TransitionForbidden(_("This is recorded with the person who does it."))
    return access.user


def _event_time(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


# -- lawyers ------------------------------------------------------------------------------------


#: What a registered lawyer is told when somebody else's registration named their certificate.
_REGISTRATION_ATTEMPT = _(
    "On %(day)s somebody tried to register as a lawyer with your practising-certificate number. "
    "If it was you, you already have an account: log in with it, or reset your password. If it "
    "was not you, nothing was created; tell the procuratorate if it happens again."
)


def lawyer_registration_start(
    *,
    session: SessionBase,
    name: str,
    mobile: str,
    licence_number: str,
    firm_name: str,
    firm_uscc: str,
    procuratorate: Organisation,
    username: str,
    password1: str,
    **_ignored: Any,
) -> None:
    """Begin a registration: the code goes to the mobile number and ``lawyer_register`` runs
    when it is typed; or, when a lawyer already holds the practising-certificate number, they
    are told and the form's sender is answered just the same (``accounts.registration``)."""
    holder = Lawyer.objects.filter(licence_number=licence_number).select_related("user").first()
    registration_start(
        session=session,
        purpose="lawyer",
        mobile=mobile,
        password=password1,
        data={
            "name": name,
            "mobile": mobile,
            "licence_number": licence_number,
            "firm_name": firm_name,
            "firm_uscc": firm_uscc,
            "procuratorate": procuratorate.pk,
            "username": username,
        },
        holders=[holder.user if holder else None],
        holder_text=_REGISTRATION_ATTEMPT,
    )


@durable
def lawyer_register(
    *,
    name: str,
    mobile: str,
    licence_number: str,
    firm_name: str,
    firm_uscc: str,
    procuratorate: Organisation,
    user: User | None = None,
    username: str = "",
    password: str | None = None,
    password_hash: str | None = None,
    **_ignored: Any,
) -> Lawyer:
    """Register a lawyer (a new account, or ``user`` who already has one) at ``firm_uscc``'s
    law firm, created here when the platform does not know it yet, and ask ``procuratorate``
    and the judicial bureau of its place to verify them."""
    if procuratorate.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("Choose a procuratorate."))
    if user is None:
        user = get_user_model()(username=username, name=name, mobile=mobile)
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.full_clean()
        user.save()
    firm = Organisation.objects.filter(uscc=firm_uscc).first()
    if firm is None:
        firm = organisation_create(
            actor=user,
            parent=None,
            kind=OrganisationKind.LAW_FIRM,
            level=Organisation.Level.GRASSROOTS,
            name=firm_name,
            division=procuratorate.division,
            uscc=firm_uscc,
        )
    elif firm.kind != OrganisationKind.LAW_FIRM:
        raise WorkflowError(
            _("This credit code belongs to an organisation that is not a law firm.")
        )
    lawyer = Lawyer(user=user, licence_number=licence_number, firm=firm)
    lawyer.full_clean()
    lawyer.save()
    registration = apply_open(
        workflow=REGISTRATION,
        owner=procuratorate,
        access=SYSTEM,
        fields={"title": f"{name}（{firm.name}）", "lawyer": lawyer},
        partners=selectors.bureaus_for(procuratorate),
        applicants=[user],
    )
    apply_transition(matter=registration, name="submit", access=access_for(user))
    audit_record(
        actor=user,
        action="lawyers.lawyer.register",
        obj=lawyer,
        payload={"licence_number": licence_number, "firm": firm.pk},
    )
    return lawyer


def lawyer_mark_verified(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The ``verify`` step's effect: the lawyer may act, and holds a lawyer's seat in the firm."""
    assert isinstance(matter, LawyerRegistration)
    lawyer = matter.lawyer
    Lawyer.objects.filter(pk=lawyer.pk).update(verified_at=timezone.now(), verified_by=access.user)
    membership_grant(
        actor=access.user, person=lawyer.user, organisation=lawyer.firm, role=Role.LAWYER
    )


@durable
def duty_assign(
    *, access: Access, procuratorate: Organisation, day: date, lawyer: Lawyer
) -> DutyAssignment:
    """The judicial bureau of the procuratorate's place puts a duty lawyer on its roster."""
    if not selectors.served_procuratorates(access).filter(pk=procuratorate.pk).exists():
        raise TransitionForbidden(
            _("Only the judicial bureau of the procuratorate's place assigns its duty lawyers.")
        )
    if not lawyer.is_verified:
        raise WorkflowError(_("Only a verified lawyer can be a duty lawyer."))
    try:
        with transaction.atomic():
            assignment = DutyAssignment.objects.create(
                procuratorate=procuratorate,
                day=day,
                lawyer=lawyer,
                assigned_by=person_acting(access),
            )
    except IntegrityError:
        raise WorkflowError(_("This lawyer is already on the roster that day.")) from None
    audit_record(
        actor=access.user,
        action="lawyers.duty.assign",
        obj=assignment,
        payload={"procuratorate": procuratorate.pk, "day": day.isoformat(), "lawyer": lawyer.pk},
    )
    return assignment


# -- reception booking --------------------------------------------------------------------------


@durable
def slot_publish(
    *,
    access: Access,
    procuratorate: Organisation,
    purpose: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    capacity: int,
) -> ReceptionSlot:
    """Publish a reception slot; only the receiving staff of the procuratorate may."""
    if not selectors.reception_procuratorates(access).filter(pk=procuratorate.pk).exists():
        raise TransitionForbidden(_("Only the procuratorate's staff may publish its slots."))
    if starts_at <= timezone.now():
        raise WorkflowError(_("This time has already passed; a slot must start in the future."))
    slot = ReceptionSlot(
        procuratorate=procuratorate,
        purpose=purpose,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        capacity=capacity,
        published_by=access.user,
    )
    slot.full_clean()
    slot.save()
    audit_record(
        actor=access.user,
        action="lawyers.slot.publish",
        obj=slot,
        payload={"purpose": purpose, "starts_at": starts_at.isoformat(), "capacity": capacity},
    )
    return slot


def _take_place(slot_id: int) -> None:
    """Take one place in the slot, or refuse: the ``UPDATE … WHERE booked < capacity`` is the
    lock, so of many lawyers pressing for the last place exactly one gets it."""
    now = timezone.now()
    taken = ReceptionSlot.objects.filter(
        pk=slot_id, booked__lt=F("capacity"), starts_at__gt=now
    ).update(booked=F("booked") + 1)
    if not taken:
        starts_at = ReceptionSlot.objects.values_list("starts_at", flat=True).get(pk=slot_id)
        raise WorkflowError(SLOT_PAST if starts_at <= now else SLOT_FULL)


def _give_back_place(slot_id: int) -> None:
    ReceptionSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


@durable
def booking_create(
    *, access: Access, slot: ReceptionSlot, case: ProcuratorateCase, request: str = ""
) -> Booking:
    """A verified lawyer books a place in ``slot`` for a case they act in at its procuratorate."""
    lawyer = selectors.verified_lawyer(access)
    acting = selectors.cases_for_lawyer(lawyer).filter(pk=case.pk, owner_id=slot.procuratorate_id)
    if not acting.exists():
        raise WorkflowError(NOT_ON_CASE)
    held = Booking.objects.filter(slot=slot, lawyer=lawyer, state__in=Booking.HOLDING)
    if held.exists():
        raise WorkflowError(_("You have already booked this slot."))
    _take_place(slot.pk)
    booking = apply_open(
        workflow=BOOKING,
        owner=slot.procuratorate,
        access=SYSTEM,
        fields={
            "title": f"{lawyer.user.display_name} · {case.case_number}",
            "slot": slot,
            "case": case,
            "lawyer": lawyer,
            "purpose": slot.purpose,
            "request": request,
        },
        applicants=[lawyer.user],
    )
    apply_transition(matter=booking, name="submit", access=access)
    assert isinstance(booking, Booking)
    return booking


def booking_release(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Declined or cancelled: the place goes back to the slot, and a reason is kept."""
    assert isinstance(matter, Booking)
    _give_back_place(matter.slot_id)
    if data.get("note"):
        Booking.objects.filter(pk=matter.pk).update(reason=data["note"])


def booking_move(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Moved: a place in the new slot is taken first (it may have filled meanwhile), then the
    old one given back, all in the step's transaction."""
    assert isinstance(matter, Booking)
    new_slot: ReceptionSlot = data["slot"]
    _take_place(new_slot.pk)
    _give_back_place(matter.slot_id)
    Booking.objects.filter(pk=matter.pk).update(
        slot=new_slot, reminded_at=None, reason=data.get("note", "")
    )
    matter.slot = new_slot


def booking_check_in(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    Booking.objects.filter(pk=matter.pk).update(checked_in_at=timezone.now())


def record_reason(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    FileReviewApplication.objects.filter(pk=matter.pk).update(reason=data["note"])


# -- online file review -------------------------------------------------------------------------


@durable
def file_review_apply(
    *,
    access: Access,
    case_number: str,
    client: str,
    authority: str,
    licence_file: Any,
    authority_file: Any,
    firm_letter: Any,
) -> FileReviewApplication:
    """A verified lawyer binds themself to a case for file review with the three papers. The
    case is found by its number *and* the name of the party the lawyer acts for, so a number
    alone reveals nothing. Its papers are kept only if it is stored (``durable``)."""
    lawyer = selectors.verified_lawyer(access)
    case = (
        ProcuratorateCase.objects.filter(
            case_number=case_number.strip(), persons__name=client.strip()
        )
        .select_related("owner")
        .first()
    )
    if case is None:
        raise WorkflowError(_("No case with this number names the party you act for; check both."))
    pending = FileReviewApplication.objects.filter(
        case=case, lawyer=lawyer, state=FILE_REVIEW.state("submitted")
    )
    if pending.exists():
        raise WorkflowError(_("Your application for this case is already awaiting a decision."))
    application = apply_open(
        workflow=FILE_REVIEW,
        owner=case.owner,
        access=SYSTEM,
        fields={
            "title": f"{lawyer.user.display_name} · {case.case_number}",
            "case": case,
            "lawyer": lawyer,
            "authority": authority,
            "client": client.strip(),
        },
        applicants=[lawyer.user],
    )
    for file, purpose in (
        (licence_file, PURPOSE_LICENCE),
        (authority_file, PURPOSE_AUTHORITY),
        (firm_letter, PURPOSE_FIRM_LETTER),
    ):
        attachment_upload(file=file, uploaded_by=lawyer.user, matter=application, purpose=purpose)
    apply_transition(matter=application, name="submit", access=access)
    assert isinstance(application, FileReviewApplication)
    return application


# -- practice-rights complaints -----------------------------------------------------------------


@durable
def complaint_file(
    *,
    access: Access,
    procuratorate: Organisation,
    right: str,
    facts: str,
    case_reference: str = "",
    attachment: Any = None,
) -> RightsComplaint:
    """A verified lawyer complains that a practice right was obstructed."""
    lawyer = selectors.verified_lawyer(access)
    if procuratorate.kind != OrganisationKind.PROCURATORATE:
        raise WorkflowError(_("Choose a procuratorate."))
    complaint = apply_open(
        workflow=COMPLAINT,
        owner=procuratorate,
        access=SYSTEM,
        fields={
            "title": f"{lawyer.user.display_name} · {case_reference or lawyer.firm.name}",
            "lawyer": lawyer,
            "right": right,
            "facts": facts,
            "case_reference": case_reference,
        },
        applicants=[lawyer.user],
    )
    if attachment:
        attachment_upload(
            file=attachment, uploaded_by=lawyer.user, matter=complaint, purpose=PURPOSE_COMPLAINT
        )
    apply_transition(matter=complaint, name="submit", access=access)
    assert isinstance(complaint, RightsComplaint)
    return complaint


def complaint_not_accepted(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    RightsComplaint.objects.filter(pk=matter.pk).update(
        reply=data["note"], replied_at=timezone.now()
    )


def complaint_decide(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    RightsComplaint.objects.filter(pk=matter.pk).update(
        founded=data["founded"], remedy=data.get("remedy", "")
    )


def complaint_reply(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    RightsComplaint.objects.filter(pk=matter.pk).update(
        reply=data["reply"], replied_at=timezone.now()
    )
