"""The matter types of lawyers and the procuratorate, declared as data for the engine.

    registration  new ─submit▶ submitted ─verify▶ verified
                                         └refuse▶ refused
    case          new ─accept▶ under_review ─indict▶ indicted ─close▶ closed
                                  │ extend, record_plea (stay)   │ set_hearing (stays)
                                  └ not_indict ▶ not_indicted ─close▶ closed
    booking       new ─submit▶ requested ─confirm▶ confirmed ─check_in▶ attended
                               (decline, cancel, move)         └no_show▶ no_show
    file_review   new ─submit▶ submitted ─approve▶ approved | ─refuse▶ refused
    complaint     new ─submit▶ submitted ─accept▶ accepted ─decide▶ decided ─reply▶ replied
                                         └not_accept▶ not_accepted

A lawyer's matters are opened by the system on the lawyer's behalf (a lawyer holds no seat in
the procuratorate) and then submitted by the lawyer as the matter's applicant, so the timeline
names the lawyer. A case's lawyers of record are ``counsel`` parties: every procedural step
tells them (``Notify``) and is what they read of the case's timeline (``Workflow.readings``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_STAFF_ROLES, RECEPTION_ROLES, SENIOR_ROLES, Role
from liaison.workflow.definitions import (
    ClockSpec,
    Effect,
    Notify,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation
from liaison.workflow.parts import Reading
from liaison.workflow.shapes import Outcome, application_workflow, deferred_effect

from . import forms

APPLICANT = Who(Relation.APPLICANT)
#: Procuratorate staff who receive lawyers (the case-management office does in most places).
RECEPTION = Who(Relation.OWNER_ORG, RECEPTION_ROLES)
CASE_STAFF = Who(Relation.OWNER_ORG, CASE_STAFF_ROLES)
DECIDERS = Who(Relation.OWNER_ORG, frozenset(SENIOR_ROLES))
BUREAU = Who(Relation.PARTNER_ORG, frozenset({Role.BUREAU_OFFICER}))
#: A case's named act (``Workflow.acts``): releasing a document of its file to its lawyers of
#: record, and withdrawing it again (``actions.document_release``, ``document_withdraw``).
RELEASE_FILE = "release_file"
#: Linking a lawyer of record to a case and ending the link (``counsel_actions``).
MANAGE_COUNSEL = "manage_counsel"
#: Reading the names of a case's parties (suspect, victim) in full; everyone else who reads the
#: case (a lawyer whose booking or file review is about it) reads them masked.
SEE_PARTY_NAMES = "see_party_names"


def _call(name: str) -> Effect:
    """An effect that runs ``actions.<name>`` (named, not imported: actions import this module)."""
    return deferred_effect("liaison.lawyers.actions", name)


def _counsel_call(name: str) -> Effect:
    """An effect that runs ``counsel_actions.<name>``."""
    return deferred_effect("liaison.lawyers.counsel_actions", name)


#: A lawyer of record: a lawyer linked to a case once the power of attorney is checked. They
#: follow the case from outside (``OUTSIDE_RELATIONS``): its procedural events, never its file.
COUNSEL = Who(Relation.COUNSEL)

COUNSEL_LINK_EVENT = "lawyers.case.counsel_link"
COUNSEL_END_EVENT = "lawyers.case.counsel_end"
FILE_RELEASE_EVENT = "lawyers.case.file_release"

#: The case's procedural events, by step: what its lawyers of record are told when the step is
#: taken and read on their page (``Workflow.readings``), with the procedural particulars only
#: (a date, a court), never a reason or anything else typed.
PROCEDURAL: dict[str, Any] = {
    "accept": _("Case %(number)s was accepted for review."),
    "extend": _("The time limit of case %(number)s was extended to %(until)s."),
    "indict": _("Case %(number)s was indicted before %(court)s."),
    "not_indict": _("The procuratorate decided not to indict in case %(number)s."),
    "set_hearing": _("Case %(number)s will be heard on %(when)s at %(court)s."),
    "record_plea": _("The plea statement in case %(number)s was signed on %(signed_at)s."),
    "close": _("Case %(number)s was closed."),
}


def _told(step: str, *more: Notify) -> tuple[Notify, ...]:
    """The step's procedural event, told to the case's lawyers of record."""
    return (Notify((COUNSEL,), PROCEDURAL[step]), *more)


REGISTRATION = application_workflow(
    name="lawyers.registration",
    label=_("lawyer registration"),
    model="lawyers.LawyerRegistration",
    case_code="律登",
    detail_template="lawyers/_registration_detail.html",
    applicant=APPLICANT,
    deciders=(RECEPTION, BUREAU),
    submitted_label=pgettext_lazy("state", "awaiting verification"),
    tells_deciders=_("Lawyer %(title)s asks to be verified (%(number)s)."),
    outcomes=[
        Outcome(
            "verify",
            _("Verify the lawyer"),
            "verified",
            pgettext_lazy("state", "verified"),
            _("You are verified as a lawyer and may now act here."),
            effect=_call("lawyer_mark_verified"),
        ),
        Outcome(
            "refuse",
            _("Refuse"),
            "refused",
            pgettext_lazy("state", "refused"),
            _("Your registration as a lawyer was refused: see %(number)s."),
            form=ReasonForm,
            style="outline-danger",
        ),
    ],
)

CASE = Workflow(
    name="lawyers.case",
    label=_("procuratorate case"),
    model="lawyers.ProcuratorateCase",
    case_code="刑",
    detail_template="lawyers/_case_detail.html",
    acts={
        RELEASE_FILE: (CASE_STAFF,),
        MANAGE_COUNSEL: (CASE_STAFF,),
        SEE_PARTY_NAMES: (CASE_STAFF, COUNSEL),
    },
    opened_by=CASE_STAFF.roles or frozenset(),
    states={
        "new": pgettext_lazy("state", "new"),
        "under_review": pgettext_lazy("state", "under review"),
        "indicted": pgettext_lazy("state", "indicted"),
        "not_indicted": pgettext_lazy("state", "not indicted"),
        "closed": pgettext_lazy("state", "closed"),
    },
    initial="new",
    final=frozenset({"closed"}),
    outside_pages={Relation.COUNSEL: "lawyers:counsel-case"},
    readings=(Reading(COUNSEL, PROCEDURAL),),
    events={
        COUNSEL_LINK_EVENT: _("Lawyer of record linked"),
        COUNSEL_END_EVENT: _("Lawyer of record ended"),
        FILE_RELEASE_EVENT: _("Document released for review"),
    },
    notifies={
        COUNSEL_LINK_EVENT: (
            Notify(
                (),
                _(
                    "You are recorded as a lawyer of record in case %(number)s; its procedural "
                    "events will reach you here."
                ),
                subject=True,
            ),
        ),
        COUNSEL_END_EVENT: (
            Notify(
                (),
                _(
                    "You are no longer a lawyer of record in case %(number)s (%(reason)s); its "
                    "procedural events no longer reach you."
                ),
                subject=True,
            ),
        ),
        FILE_RELEASE_EVENT: (
            Notify(
                (COUNSEL,),
                _("A document of case %(number)s was released for your review."),
            ),
        ),
    },
    transitions=[
        Transition(
            "accept",
            "new",
            "under_review",
            label=_("Accept for review"),
            who=(CASE_STAFF,),
            notifies=_told("accept"),
        ),
        Transition(
            "extend",
            "under_review",
            "under_review",
            label=_("Extend the time limit"),
            who=(CASE_STAFF,),
            form=forms.ExtendForm,
            style="outline-secondary",
            notifies=_told("extend"),
        ),
        Transition(
            "record_plea",
            "under_review",
            "under_review",
            label=_("Record the plea-statement signing"),
            who=(CASE_STAFF,),
            form=forms.PleaSigningForm,
            effect=_counsel_call("plea_signing_record"),
            style="outline-secondary",
            notifies=_told(
                "record_plea",
                # The lawyer present at the signing (the step's subject) gives their opinion.
                Notify(
                    (),
                    _(
                        "Give your opinion on the sentencing recommendation in case %(number)s, "
                        "on your lawyer's page."
                    ),
                    subject=True,
                ),
            ),
        ),
        Transition(
            "indict",
            "under_review",
            "indicted",
            label=_("Indict"),
            who=(CASE_STAFF,),
            form=forms.IndictForm,
            notifies=_told("indict"),
        ),
        Transition(
            "not_indict",
            "under_review",
            "not_indicted",
            label=_("Decide not to indict"),
            who=(CASE_STAFF,),
            form=ReasonForm,
            style="outline-secondary",
            notifies=_told("not_indict"),
        ),
        Transition(
            "set_hearing",
            "indicted",
            "indicted",
            label=_("Record the hearing date"),
            who=(CASE_STAFF,),
            form=forms.HearingForm,
            style="outline-secondary",
            notifies=_told("set_hearing"),
        ),
        Transition(
            "close",
            ("indicted", "not_indicted"),
            "closed",
            label=_("Close the case"),
            who=(CASE_STAFF,),
            style="outline-secondary",
            notifies=_told("close"),
        ),
    ],
)

BOOKING = Workflow(
    name="lawyers.booking",
    label=_("reception booking"),
    model="lawyers.Booking",
    case_code="律约",
    detail_template="lawyers/_booking_detail.html",
    states={
        "new": pgettext_lazy("state", "new"),
        "requested": pgettext_lazy("state", "requested"),
        "confirmed": pgettext_lazy("state", "confirmed"),
        "declined": pgettext_lazy("state", "declined"),
        "cancelled": pgettext_lazy("state", "cancelled"),
        "attended": pgettext_lazy("state", "attended"),
        "no_show": pgettext_lazy("state", "did not come"),
    },
    initial="new",
    final=frozenset({"declined", "cancelled", "attended", "no_show"}),
    transitions=[
        Transition(
            "submit",
            "new",
            "requested",
            label=_("Book"),
            who=(APPLICANT,),
            notifies=(
                Notify(
                    (RECEPTION,),
                    _("Lawyer's reception booking %(number)s awaits confirmation."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "confirm",
            "requested",
            "confirmed",
            label=_("Confirm"),
            who=(RECEPTION,),
            notifies=(Notify((APPLICANT,), _("Your reception booking %(number)s is confirmed.")),),
        ),
        Transition(
            "move",
            ("requested", "confirmed"),
            "confirmed",
            label=_("Move to another slot"),
            who=(RECEPTION,),
            form=forms.MoveForm,
            effect=_call("booking_move"),
            style="outline-secondary",
            notifies=(
                Notify(
                    (APPLICANT,),
                    _("Your reception booking %(number)s was moved to another time: see its page."),
                ),
            ),
        ),
        Transition(
            "decline",
            ("requested", "confirmed"),
            "declined",
            label=_("Decline"),
            who=(RECEPTION,),
            form=ReasonForm,
            effect=_call("booking_release"),
            style="outline-danger",
            notifies=(
                Notify(
                    (APPLICANT,),
                    _("Your reception booking %(number)s was declined; the reason is on its page."),
                ),
            ),
        ),
        Transition(
            "cancel",
            ("requested", "confirmed"),
            "cancelled",
            label=_("Cancel the booking"),
            who=(APPLICANT,),
            effect=_call("booking_release"),
            style="outline-danger",
            notifies=(
                Notify(
                    (RECEPTION,),
                    _("The lawyer cancelled reception booking %(number)s."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "check_in",
            "confirmed",
            "attended",
            label=_("Check in"),
            who=(RECEPTION,),
            effect=_call("booking_check_in"),
        ),
        Transition(
            "no_show",
            "confirmed",
            "no_show",
            label=_("Record a no-show"),
            who=(RECEPTION,),
            guard=lambda matter, access: _slot_not_begun(matter),
            style="outline-secondary",
        ),
    ],
)


def _slot_not_begun(matter: Matter) -> Any:
    from django.utils import timezone

    from .models import Booking

    assert isinstance(matter, Booking)
    if matter.slot.starts_at > timezone.now():
        return _("A no-show can be recorded only once the slot has begun.")
    return None


FILE_REVIEW = application_workflow(
    name="lawyers.file_review",
    label=_("online file review"),
    model="lawyers.FileReviewApplication",
    case_code="律阅",
    detail_template="lawyers/_file_review_detail.html",
    applicant=APPLICANT,
    deciders=(RECEPTION,),
    submitted_label=pgettext_lazy("state", "submitted"),
    tells_deciders=_("A lawyer applies to review the file of a case (%(number)s)."),
    outcomes=[
        Outcome(
            "approve",
            _("Approve"),
            "approved",
            pgettext_lazy("state", "approved"),
            _(
                "Your file-review application %(number)s was approved: the documents "
                "released for review are on its page."
            ),
            effect=_counsel_call("file_review_approved"),
            channels=("sms",),
        ),
        Outcome(
            "refuse",
            _("Refuse"),
            "refused",
            pgettext_lazy("state", "refused"),
            _("Your file-review application %(number)s was refused; the reason is on its page."),
            form=ReasonForm,
            effect=_call("record_reason"),
            style="outline-danger",
            channels=("sms",),
        ),
    ],
)

#: The source of the complaint periods, still to be confirmed.
_LAWYERS_NOTICE = "最高人民检察院关于保障律师执业权利的通知（具体文号待核实）"

COMPLAINT = Workflow(
    name="lawyers.complaint",
    label=_("practice-rights complaint"),
    model="lawyers.RightsComplaint",
    case_code="律控",
    detail_template="lawyers/_complaint_detail.html",
    states={
        "new": pgettext_lazy("state", "new"),
        "submitted": pgettext_lazy("state", "submitted"),
        "accepted": pgettext_lazy("state", "accepted"),
        "not_accepted": pgettext_lazy("state", "not accepted"),
        "decided": pgettext_lazy("state", "decided"),
        "replied": pgettext_lazy("state", "replied"),
    },
    initial="new",
    final=frozenset({"not_accepted", "replied"}),
    clocks={
        "review": ClockSpec(_("review"), period="lawyers.complaint_review", owed_by=(DECIDERS,)),
        "reply": ClockSpec(
            _("written reply"), period="lawyers.complaint_reply", owed_by=(CASE_STAFF,)
        ),
    },
    periods=[
        PeriodDefault(
            code="lawyers.complaint_review",
            name="律师执业权利保障控告申诉审查办结",
            name_en="Review of a lawyer's practice-rights complaint concluded (from acceptance)",
            amount=10,
            unit=Unit.DAYS,
            rule=_LAWYERS_NOTICE,
            remind_before_days=2,
            needs_confirmation=True,
        ),
        PeriodDefault(
            code="lawyers.complaint_reply",
            name="书面答复控告申诉律师或转交的律师协会",
            name_en="Written reply to the lawyer (or the bar association that passed the "
            "complaint on) after the decision",
            amount=2,
            unit=Unit.WORKING_DAYS,
            rule=_LAWYERS_NOTICE,
            remind_before_days=1,
            needs_confirmation=True,
        ),
    ],
    transitions=[
        Transition(
            "submit",
            "new",
            "submitted",
            label=_("Submit"),
            who=(APPLICANT,),
            notifies=(
                Notify(
                    (CASE_STAFF,),
                    _("A lawyer complains that a practice right was obstructed (%(number)s)."),
                ),
            ),
        ),
        Transition(
            "accept",
            "submitted",
            "accepted",
            label=_("Accept"),
            who=(CASE_STAFF,),
            starts=("review",),
            notifies=(Notify((APPLICANT,), _("Your complaint %(number)s was accepted.")),),
        ),
        Transition(
            "not_accept",
            "submitted",
            "not_accepted",
            label=_("Do not accept"),
            who=(CASE_STAFF,),
            form=ReasonForm,
            effect=_call("complaint_not_accepted"),
            style="outline-danger",
            notifies=(
                Notify(
                    (APPLICANT,),
                    _("Your complaint %(number)s was not accepted; the reason is on its page."),
                ),
            ),
        ),
        Transition(
            "decide",
            "accepted",
            "decided",
            label=_("Record the finding"),
            who=(DECIDERS,),
            form=forms.DecisionForm,
            effect=_call("complaint_decide"),
            stops=("review",),
            starts=("reply",),
        ),
        Transition(
            "reply",
            "decided",
            "replied",
            label=_("Send the written reply"),
            who=(CASE_STAFF,),
            form=forms.ReplyForm,
            effect=_call("complaint_reply"),
            stops=("reply",),
            notifies=(
                Notify(
                    (APPLICANT,),
                    _("The written reply to your complaint %(number)s is on its page."),
                ),
            ),
        ),
    ],
)

ALL = (REGISTRATION, CASE, BOOKING, FILE_REVIEW, COMPLAINT)
