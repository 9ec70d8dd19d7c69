"""The joint meeting's and the action item's workflows, declared as data (docs/architecture.md).

    new ─schedule▶ scheduled ─hold▶ held ─draft_minutes▶ minutes_drafted ─finalise▶ approved
                      │              ▲─────────correct─────────┘   (all approved: automatic)
                      └─cancel▶ cancelled

The host (owner organisation) schedules, holds and drafts; every party organisation approves the
minutes (``actions.minutes_approve``), or asks for a correction, which sends them back to drafting.

    new ─assign▶ open ─done▶ done
                  └─miss (clock expired, automatic)▶ overdue ─done▶ done

An action item is due on its clock (``meetings.action_item``, the urgent one shorter); reminders
go to its handler before it falls due and when missed; when it expires it is carried onto the
agenda of the agreement's next joint meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault
from liaison.orgs.roles import STAFF_ROLES
from liaison.workflow.definitions import (
    Act,
    ClockSpec,
    InvitationSpec,
    Notify,
    Panel,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.forms import ReasonForm
from liaison.workflow.models import Matter, Relation

from .forms import DoneForm, HoldForm, MinutesForm

HOST = Who(Relation.OWNER_ORG, STAFF_ROLES)
GUEST = Who(Relation.PARTNER_ORG, STAFF_ROLES)
HANDLER = Who(Relation.HANDLER)
INVITEE = Who(Relation.PARTICIPANT)

INVITE_EVENT = "meetings.invitation.send"
ACCEPT_EVENT = "meetings.invitation.accept"
DECLINE_EVENT = "meetings.invitation.decline"
AGENDA_EVENT = "meetings.agenda.add"
APPROVE_EVENT = "meetings.minutes.approve"
RESOLUTION_EVENT = "meetings.resolution.add"
PROGRESS_EVENT = "meetings.item.progress"
CARRY_EVENT = "meetings.item.carry"

MEETING_STATES = {
    "new": pgettext_lazy("state", "new"),
    "scheduled": pgettext_lazy("state", "scheduled"),
    "held": pgettext_lazy("state", "held"),
    "minutes_drafted": pgettext_lazy("state", "minutes drafted"),
    "minutes_approved": pgettext_lazy("state", "minutes approved"),
    "cancelled": pgettext_lazy("state", "cancelled"),
}
SEEN_BY_INVITEES = frozenset(set(MEETING_STATES) - {"new"})


def may_hold(matter: Matter, access: Access) -> Any:
    from .models import JointMeeting

    assert isinstance(matter, JointMeeting)
    if timezone.localdate() < matter.day:
        return _("The meeting is on %(day)s; record it on or after that day.") % {
            "day": matter.day.isoformat()
        }
    return None


def record_meeting(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from liaison.workflow.invitations import attendance_record

    attendance_record(matter=matter, present=[i.pk for i in data.get("attended") or ()])


def store_minutes(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """A new draft of the minutes: approvals of an earlier draft no longer count."""
    from django.db.models import F

    from .models import JointMeeting

    JointMeeting.objects.filter(pk=matter.pk).update(
        minutes=data["minutes"], minutes_round=F("minutes_round") + 1
    )


def carry_over(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """An overdue action item goes onto the agenda of its agreement's next joint meeting, if
    one is scheduled (else it is carried when the next one is: ``actions.meeting_schedule``)."""
    from .carrying import carry_item

    carry_item(matter)


MEETING = Workflow(
    name="meetings.meeting",
    label=_("joint meeting"),
    model="meetings.JointMeeting",
    case_code="联会",
    detail_template="meetings/_detail.html",
    panels=(
        Panel("meetings/_agenda.html"),
        Panel("meetings/_minutes.html"),
        Panel("meetings/_resolutions.html"),
    ),
    opened_by=STAFF_ROLES,
    states=MEETING_STATES,
    initial="new",
    final=frozenset({"minutes_approved", "cancelled"}),
    sights=(
        Sight(
            INVITEE,
            SEEN_BY_INVITEES,
            comments=frozenset({"scheduled", "held", "minutes_drafted"}),
            attachments=frozenset({"scheduled", "held", "minutes_drafted"}),
        ),
    ),
    events={
        INVITE_EVENT: _("Invited to the meeting"),
        ACCEPT_EVENT: _("Invitation accepted"),
        DECLINE_EVENT: _("Invitation declined"),
        AGENDA_EVENT: _("Agenda item added"),
        APPROVE_EVENT: _("Minutes approved by a party"),
        RESOLUTION_EVENT: _("Resolution recorded"),
    },
    invitations=InvitationSpec(
        relation=Relation.PARTICIPANT,
        events={"invite": INVITE_EVENT, "accept": ACCEPT_EVENT, "decline": DECLINE_EVENT},
        may_change_answer=True,
    ),
    acts={
        "invite": Act((HOST, GUEST), frozenset({"scheduled"})),
        "propose": Act((HOST, GUEST), frozenset({"scheduled", "held"})),
        "approve_minutes": Act((HOST, GUEST), frozenset({"minutes_drafted"})),
        "resolve": Act((HOST,), frozenset({"held", "minutes_drafted"})),
    },
    notifies={
        INVITE_EVENT: (
            Notify(
                (),
                _(
                    "%(owner)s invites you to the joint meeting “%(title)s” on %(time)s at "
                    "%(place)s. Please accept or decline on its page."
                ),
                subject=True,
            ),
        ),
        ACCEPT_EVENT: (
            Notify((HANDLER,), _("%(actor)s accepted the invitation to “%(title)s”."), ("email",)),
        ),
        DECLINE_EVENT: (
            Notify((HANDLER,), _("%(actor)s declined the invitation to “%(title)s”."), ("email",)),
        ),
        APPROVE_EVENT: (
            Notify((HANDLER,), _("%(actor)s approved the minutes of “%(title)s”."), ("email",)),
        ),
    },
    transitions=[
        Transition("schedule", "new", "scheduled", label=_("Schedule"), who=(HOST,)),
        Transition(
            "hold",
            "scheduled",
            "held",
            label=_("Record the meeting"),
            who=(HOST, HANDLER),
            form=HoldForm,
            guard=may_hold,
            effect=record_meeting,
        ),
        Transition(
            "draft_minutes",
            "held",
            "minutes_drafted",
            label=_("Submit the minutes to the parties"),
            who=(HOST, HANDLER),
            form=MinutesForm,
            effect=store_minutes,
            notifies=(
                Notify(
                    (GUEST, INVITEE),
                    _("%(actor)s drafted the minutes of “%(title)s”; please approve them."),
                ),
            ),
        ),
        Transition(
            "correct",
            "minutes_drafted",
            "held",
            label=_("Ask for a correction"),
            who=(HOST, GUEST),
            form=ReasonForm,
            style="outline-warning",
            notifies=(
                Notify(
                    (HANDLER,),
                    _("%(actor)s asked for a correction of the minutes of “%(title)s”: %(note)s"),
                ),
            ),
        ),
        Transition(
            "finalise",
            "minutes_drafted",
            "minutes_approved",
            label=_("Minutes approved by every party"),
            who=(),
            automatic=True,
            notifies=(
                Notify((HOST, GUEST), _("The minutes of “%(title)s” are approved by every party.")),
            ),
        ),
        Transition(
            "cancel",
            "scheduled",
            "cancelled",
            label=_("Cancel the meeting"),
            who=(HOST, HANDLER),
            form=ReasonForm,
            style="outline-danger",
            notifies=(
                Notify(
                    (GUEST, INVITEE),
                    _("%(actor)s cancelled the joint meeting “%(title)s”: %(note)s"),
                ),
            ),
        ),
    ],
)


ITEM_OWNER = Who(Relation.OWNER_ORG, STAFF_ROLES)
ITEM_PARTNER = Who(Relation.PARTNER_ORG, STAFF_ROLES)

ACTION_ITEM_PERIOD = PeriodDefault(
    code="meetings.action_item",
    name="联席会议议定事项办理",
    name_en="carrying out an action item decided at a joint meeting",
    amount=30,
    unit=Unit.DAYS,
    rule="各方合作机制约定：联席会议议定事项一般于三十日内落实 (set by each agreement)",
    remind_before_days=5,
)
ACTION_ITEM_URGENT_PERIOD = PeriodDefault(
    code="meetings.action_item_urgent",
    name="联席会议紧急议定事项办理",
    name_en="carrying out an urgent action item decided at a joint meeting",
    amount=10,
    unit=Unit.WORKING_DAYS,
    rule="各方合作机制约定 (set by each agreement)",
    remind_before_days=2,
)


def record_done(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """What was done, and its evidence kept as the item's files."""
    from liaison.attachments.actions import attachments_upload

    from .models import EVIDENCE_PURPOSE, ActionItem

    ActionItem.objects.filter(pk=matter.pk).update(
        done_note=data["note"], done_on=timezone.localdate()
    )
    files = [(f, EVIDENCE_PURPOSE) for f in data.get("evidence") or ()]
    if files and access.user is not None:
        attachments_upload(files=files, uploaded_by=access.user, matter=matter)


ACTION_ITEM = Workflow(
    name="meetings.action_item",
    label=_("action item"),
    model="meetings.ActionItem",
    case_code="联办",
    detail_template="meetings/_item.html",
    opened_by=STAFF_ROLES,
    states={
        "new": pgettext_lazy("state", "new"),
        "open": pgettext_lazy("state", "open"),
        "overdue": pgettext_lazy("state", "overdue, carried to the next meeting"),
        "done": pgettext_lazy("state", "done"),
    },
    initial="new",
    final=frozenset({"done"}),
    clocks={
        "due": ClockSpec(
            _("action item"),
            period=ACTION_ITEM_PERIOD.code,
            urgent_period=ACTION_ITEM_URGENT_PERIOD.code,
            owed_by=(HANDLER,),
            counts_from="assigned_on",
            on_expiry="miss",
        )
    },
    periods=[ACTION_ITEM_PERIOD, ACTION_ITEM_URGENT_PERIOD],
    events={PROGRESS_EVENT: _("Progress noted"), CARRY_EVENT: _("Carried to the next meeting")},
    acts={"progress": Act((HANDLER, ITEM_OWNER), frozenset({"open", "overdue"}))},
    transitions=[
        Transition(
            "assign",
            "new",
            "open",
            label=_("Assign"),
            who=(),
            automatic=True,
            starts=("due",),
            notifies=(
                Notify(
                    (HANDLER,),
                    _("A joint meeting gave you action item %(number)s: %(title)s"),
                ),
            ),
        ),
        Transition(
            "miss",
            "open",
            "overdue",
            label=_("Carry to the next meeting"),
            who=(),
            automatic=True,
            effect=carry_over,
            notifies=(
                Notify(
                    (HANDLER, ITEM_PARTNER),
                    _(
                        "Action item %(number)s “%(title)s” is overdue and carried to the next "
                        "joint meeting."
                    ),
                ),
            ),
        ),
        Transition(
            "done",
            ("open", "overdue"),
            "done",
            label=_("Done"),
            who=(HANDLER, ITEM_OWNER),
            form=DoneForm,
            effect=record_done,
            stops=("due",),
            notifies=(
                Notify((ITEM_PARTNER,), _("%(actor)s completed action item %(number)s: %(title)s")),
            ),
        ),
    ],
)
