"""The petition's workflow, declared as data (docs/architecture.md).

    new ─receive▶ received ─accept▶ accepted ─invite_lawyer▶ lawyer_invited ─join▶ taking part
                                     ▲                       │ decline,            │ record_work
                                     └───────────────────────┘ withdraw_invitation │ (stays)
    accepted, lawyer_taking_part ─resolve▶ resolved
    any open state ─close_unresolved (a department head or the chief)▶ closed_unresolved

Two clocks run from the day the petition was received (not the day staff recorded it): the
procedural reply that it was received, within 7 days, stopped by ``accept``; and the result,
within 3 months, stopped when the petition is resolved or closed. Both periods are the SPP's
practice for petitions to procuratorates, kept as data and marked to be confirmed.

One lawyer takes part at a time: staff invite a verified lawyer (``invite_lawyer``), who becomes
a ``participant`` of the matter, is told, and joins or declines; a lawyer who declines, or whose
invitation is withdrawn, stops being a participant and no longer sees the petition.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import CASE_STAFF_ROLES, SENIOR_ROLES
from liaison.workflow.definitions import (
    ClockSpec,
    Effect,
    InvitationSpec,
    Notify,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.models import Relation
from liaison.workflow.shapes import deferred_effect

from . import forms

#: Who handles petitions for the procuratorate: its prosecutors, department heads, the chief
#: procurator and the case-management office (which runs the 12309 reception in many places).
PETITION_STAFF_ROLES = CASE_STAFF_ROLES
STAFF = Who(Relation.OWNER_ORG, PETITION_STAFF_ROLES)
#: The petition's named act (``Workflow.acts``): seeing who petitioned.
SEE_PETITIONER = "see_petitioner"
#: The petition's named act: reading which lawyers were asked to take part and what each said
#: (a lawyer reads only their own part, shown to them as theirs).
SEE_LAWYERS = "see_lawyers"
#: Closing a petition as not resolved is a decision above the handling prosecutor.
DECIDERS = Who(Relation.OWNER_ORG, frozenset(SENIOR_ROLES))
HANDLER = Who(Relation.HANDLER)
LAWYER = Who(Relation.PARTICIPANT)

_RULE = (
    "最高人民检察院信访工作“7日内程序回复、3个月内办理过程或结果答复”制度"
    "（2019年起施行；文件名称与文号待核实）"
)


#: The lawyer whose unanswered invitation a step withdrew (they are no longer a participant,
#: so only as the step's subject can they be told).
INVITATION_WITHDRAWN = Notify(
    (),
    _("The invitation to take part in resolving petition %(number)s was withdrawn."),
    channels=("email",),
    subject=True,
)


def _call(name: str) -> Effect:
    """An effect that runs ``actions.<name>`` (named, not imported: actions import this module)."""
    return deferred_effect("liaison.petitions.actions", name)


PETITION = Workflow(
    name="petitions.petition",
    label=_("petition"),
    model="petitions.Petition",
    case_code="信",
    detail_template="petitions/_detail.html",
    opened_by=PETITION_STAFF_ROLES,
    states={
        "new": pgettext_lazy("state", "new"),
        "received": pgettext_lazy("petition", "received"),
        "accepted": pgettext_lazy("petition", "accepted"),
        "lawyer_invited": pgettext_lazy("state", "lawyer invited"),
        "lawyer_taking_part": pgettext_lazy("petition", "lawyer taking part"),
        "resolved": pgettext_lazy("petition", "resolved"),
        "closed_unresolved": pgettext_lazy("state", "closed, not resolved"),
    },
    initial="new",
    final=frozenset({"resolved", "closed_unresolved"}),
    # Who petitioned is seen unmasked by the handling staff alone (``identities``, audited); a
    # lawyer taking part, or the owner's other staff, see the masked name.
    acts={SEE_PETITIONER: (STAFF,), SEE_LAWYERS: (STAFF,)},
    # The invited lawyer sees the petition from the invitation on, never the petition's
    # reception and acceptance before it; they add to it while taking part.
    sights=(
        Sight(
            LAWYER,
            frozenset({"lawyer_invited", "lawyer_taking_part", "resolved", "closed_unresolved"}),
            comments=frozenset({"lawyer_invited", "lawyer_taking_part"}),
            attachments=frozenset({"lawyer_invited", "lawyer_taking_part"}),
        ),
    ),
    # The engine's invitations (``workflow/invitations.py``): a lawyer answers once, and
    # declining (or a withdrawal) ends their part; the steps are the timeline's entries.
    invitations=InvitationSpec(relation=Relation.PARTICIPANT),
    clocks={
        "receipt": ClockSpec(
            _("reply of receipt"),
            period="petitions.receipt_reply",
            owed_by=(STAFF,),
            counts_from="received_on",
        ),
        "result": ClockSpec(
            _("reply with the result"),
            period="petitions.result_reply",
            owed_by=(STAFF,),
            counts_from="received_on",
        ),
    },
    periods=[
        PeriodDefault(
            code="petitions.receipt_reply",
            name="信访件程序性回复（告知已收到）",
            name_en="procuratorate's reply to a petition that it was received",
            amount=7,
            unit=Unit.DAYS,
            rule=_RULE,
            remind_before_days=2,
            needs_confirmation=True,
        ),
        PeriodDefault(
            code="petitions.result_reply",
            name="信访件办理过程或结果答复",
            name_en="procuratorate's reply to a petition with the result",
            amount=3,
            unit=Unit.MONTHS,
            rule=_RULE,
            remind_before_days=7,
            needs_confirmation=True,
        ),
    ],
    transitions=[
        Transition(
            "receive",
            "new",
            "received",
            label=_("Record as received"),
            who=(STAFF,),
            starts=("receipt", "result"),
        ),
        Transition(
            "accept",
            "received",
            "accepted",
            label=_("Accept and reply that it was received"),
            who=(STAFF,),
            form=forms.ReceiptReplyForm,
            effect=_call("receipt_reply_record"),
            stops=("receipt",),
        ),
        Transition(
            "invite_lawyer",
            "accepted",
            "lawyer_invited",
            label=_("Invite a lawyer to take part"),
            who=(STAFF,),
            form=forms.InviteLawyerForm,
            effect=_call("lawyer_invite"),
            style="outline-primary",
            notifies=(
                Notify(
                    (LAWYER,),
                    _(
                        "%(actor)s invites you to take part in resolving petition %(number)s. "
                        "Please accept or decline on its page."
                    ),
                ),
            ),
        ),
        Transition(
            "join",
            "lawyer_invited",
            "lawyer_taking_part",
            label=pgettext_lazy("invitation", "Accept"),
            who=(LAWYER,),
            effect=_call("lawyer_join"),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("%(actor)s takes part in resolving petition %(number)s."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "decline",
            "lawyer_invited",
            "accepted",
            label=_("Decline"),
            who=(LAWYER,),
            form=forms.DeclineForm,
            effect=_call("lawyer_decline"),
            style="outline-secondary",
            notifies=(
                Notify(
                    (HANDLER,),
                    _("%(actor)s declined to take part in petition %(number)s."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "withdraw_invitation",
            "lawyer_invited",
            "accepted",
            label=_("Withdraw the invitation"),
            who=(STAFF,),
            form=forms.ReasonForm,
            effect=_call("lawyer_invitation_withdraw"),
            style="outline-secondary",
            notifies=(INVITATION_WITHDRAWN,),
        ),
        Transition(
            "record_work",
            "lawyer_taking_part",
            "lawyer_taking_part",
            label=_("Record the opinion and work"),
            who=(LAWYER,),
            form=forms.WorkForm,
            effect=_call("lawyer_work_record"),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("%(actor)s recorded their opinion on petition %(number)s."),
                    channels=("email",),
                ),
            ),
        ),
        Transition(
            "resolve",
            ("accepted", "lawyer_taking_part"),
            "resolved",
            label=_("Record as resolved"),
            who=(STAFF,),
            form=forms.OutcomeForm,
            effect=_call("outcome_record"),
            stops=("result",),
            notifies=(
                Notify((LAWYER,), _("Petition %(number)s you took part in is resolved.")),
                INVITATION_WITHDRAWN,
            ),
        ),
        Transition(
            "close_unresolved",
            ("received", "accepted", "lawyer_invited", "lawyer_taking_part"),
            "closed_unresolved",
            label=_("Close as not resolved"),
            who=(DECIDERS,),
            form=forms.OutcomeForm,
            effect=_call("outcome_record"),
            stops=("receipt", "result"),
            style="outline-danger",
            notifies=(
                Notify(
                    (LAWYER,),
                    _("Petition %(number)s you took part in was closed as not resolved."),
                ),
                INVITATION_WITHDRAWN,
            ),
        ),
    ],
)
