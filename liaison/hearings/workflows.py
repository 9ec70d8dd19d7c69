"""The procuratorial hearing's workflow, declared as data (docs/architecture.md).

    new ──schedule──▶ scheduled ──announce──▶ announced ──hold──▶ held ──close──▶ closed
                          │ └────────────────hold──────────────────▲
                          └──cancel──▶ cancelled ◀──cancel── announced

Participants are invited (``actions.hearing_invite``) while the hearing is scheduled or
announced, and no later than the last day on which they can be told of it: the SPP's hearing
provisions (2020, art. 10) want them told of the case, time and place at least three days
before, a period kept as data (``hearings.participant_notice``) and counted backwards from the
hearing day (``deadlines.calculator.latest_day_before``). A public hearing is announced with a
public notice before it is held. Holding it records who came and the opinions heard; the
volunteers app rewards attendance by reacting to that step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.access import Access
from liaison.orgs.roles import CASE_ROLES
from liaison.workflow.definitions import (
    InvitationSpec,
    Notify,
    Sight,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.models import Matter, Relation

from .forms import CloseForm, HoldForm, ReasonForm

#: Who runs a hearing for the procuratorate: its prosecutors and those above them.
HEARING_STAFF_ROLES = CASE_ROLES
STAFF = Who(Relation.OWNER_ORG, HEARING_STAFF_ROLES)
HANDLER = Who(Relation.HANDLER)
PARTICIPANT = Who(Relation.PARTICIPANT)

INVITE_EVENT = "hearings.invitation.send"
ACCEPT_EVENT = "hearings.invitation.accept"
DECLINE_EVENT = "hearings.invitation.decline"


def too_late_to_tell(matter: Matter) -> Any:
    """The refusal when participants can no longer be told in time, else None."""
    from .models import Hearing

    assert isinstance(matter, Hearing)
    if timezone.localdate() <= matter.notify_by:
        return None
    return _(
        "Participants must be told of a hearing by %(latest)s for it to be held on %(day)s, "
        "and that day has passed. Schedule the hearing for a later day."
    ) % {"latest": matter.notify_by.isoformat(), "day": matter.day.isoformat()}


def may_schedule(matter: Matter, access: Access) -> Any:
    return too_late_to_tell(matter)


def may_announce(matter: Matter, access: Access) -> Any:
    from .models import Hearing

    assert isinstance(matter, Hearing)
    if not matter.public:
        return _("Only a public hearing is announced publicly.")
    return None


def may_hold(matter: Matter, access: Access) -> Any:
    from .models import Hearing

    assert isinstance(matter, Hearing)
    if matter.public and matter.state == "scheduled":
        return _("Announce a public hearing before it is held.")
    if timezone.localdate() < matter.day:
        return _("The hearing is on %(day)s; record it on or after that day.") % {
            "day": matter.day.isoformat()
        }
    return None


def publish_announcement(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The public notice of a public hearing, shown from today until the hearing day. Its text
    is stored in Chinese, the language the procuratorate publishes in."""
    from liaison.announcements.actions import public_notice_publish
    from liaison.announcements.models import NoticeKind

    from .models import Hearing

    assert isinstance(matter, Hearing)
    when = timezone.localtime(matter.scheduled_at)
    with translation.override("zh-hans"):
        title = str(_("Notice of a public hearing: %(title)s") % {"title": matter.title})
        body = str(
            _(
                "%(procuratorate)s will hold a public hearing at %(time)s at %(place)s on: "
                "%(subject)s\n\nMembers of the public may apply to the procuratorate to attend."
            )
            % {
                "procuratorate": matter.owner.name,
                "time": when.strftime("%Y-%m-%d %H:%M"),
                "place": matter.place,
                "subject": matter.subject,
            }
        )
    public_notice_publish(
        access=access,
        publisher=matter.owner,
        kind=NoticeKind.HEARING,
        title=title[:200],
        body=body,
        starts_on=timezone.localdate(),
        ends_on=max(matter.day, timezone.localdate()),
        matter=matter,
    )


def record_hearing(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """Who came (every invitation not withdrawn is marked attended or absent) and the opinions
    heard."""
    from liaison.workflow.invitations import attendance_record

    from .models import Hearing

    attendance_record(matter=matter, present=[p.invitation_id for p in data.get("attended") or ()])
    Hearing.objects.filter(pk=matter.pk).update(opinions=data["opinions"])


def record_conclusion(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from .models import Hearing

    Hearing.objects.filter(pk=matter.pk).update(conclusion=data["note"])


def withdraw_announcement(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    from liaison.announcements.actions import public_notice_withdraw
    from liaison.announcements.models import PublicNotice

    for notice in PublicNotice.objects.filter(matter=matter, withdrawn_at__isnull=True):
        public_notice_withdraw(access=access, notice=notice, reason=data.get("note", ""))


HEARING = Workflow(
    name="hearings.hearing",
    label=_("procuratorial hearing"),
    model="hearings.Hearing",
    case_code="听",
    detail_template="hearings/_detail.html",
    opened_by=HEARING_STAFF_ROLES,
    states={
        "new": pgettext_lazy("state", "new"),
        "scheduled": pgettext_lazy("state", "scheduled"),
        "announced": pgettext_lazy("state", "announced"),
        "held": pgettext_lazy("state", "held"),
        "closed": pgettext_lazy("state", "closed"),
        "cancelled": pgettext_lazy("state", "cancelled"),
    },
    initial="new",
    final=frozenset({"closed", "cancelled"}),
    # Those invited see the hearing once it is scheduled (a hearing still "new" is being
    # prepared), and add to it (a written opinion, a paper) until it is closed or cancelled.
    sights=(
        Sight(
            PARTICIPANT,
            frozenset({"scheduled", "announced", "held", "closed", "cancelled"}),
            comments=frozenset({"scheduled", "announced", "held"}),
            attachments=frozenset({"scheduled", "announced", "held"}),
        ),
    ),
    events={
        INVITE_EVENT: _("Participant invited"),
        ACCEPT_EVENT: _("Invitation accepted"),
        DECLINE_EVENT: _("Invitation declined"),
    },
    # The engine's invitations (``workflow/invitations.py``): an invitee may change their
    # answer until the hearing is held, and stays a participant when they decline.
    invitations=InvitationSpec(
        relation=Relation.PARTICIPANT,
        events={"invite": INVITE_EVENT, "accept": ACCEPT_EVENT, "decline": DECLINE_EVENT},
        may_change_answer=True,
    ),
    notifies={
        INVITE_EVENT: (
            Notify(
                (),
                _(
                    "%(owner)s invites you to the hearing “%(title)s” on %(time)s at %(place)s. "
                    "Please accept or decline on its page."
                ),
                subject=True,
            ),
        ),
        ACCEPT_EVENT: (
            Notify(
                (HANDLER,),
                _("%(actor)s accepted the invitation to the hearing “%(title)s”."),
                channels=("email",),
            ),
        ),
        DECLINE_EVENT: (
            Notify(
                (HANDLER,),
                _("%(actor)s declined the invitation to the hearing “%(title)s”."),
                channels=("email",),
            ),
        ),
    },
    transitions=[
        Transition(
            "schedule", "new", "scheduled", label=_("Schedule"), who=(STAFF,), guard=may_schedule
        ),
        Transition(
            "announce",
            "scheduled",
            "announced",
            label=_("Announce publicly"),
            who=(STAFF,),
            guard=may_announce,
            effect=publish_announcement,
        ),
        Transition(
            "hold",
            ("scheduled", "announced"),
            "held",
            label=_("Record the hearing"),
            who=(STAFF,),
            form=HoldForm,
            guard=may_hold,
            effect=record_hearing,
        ),
        Transition(
            "close",
            "held",
            "closed",
            label=_("Close"),
            who=(STAFF,),
            form=CloseForm,
            effect=record_conclusion,
        ),
        Transition(
            "cancel",
            ("scheduled", "announced"),
            "cancelled",
            label=_("Cancel the hearing"),
            who=(STAFF,),
            form=ReasonForm,
            effect=withdraw_announcement,
            style="outline-danger",
            notifies=(
                Notify(
                    (PARTICIPANT,),
                    _("%(actor)s cancelled the hearing “%(title)s”; the reason is on its page."),
                ),
            ),
        ),
    ],
)
