"""Invitations as one engine concept (``workflow/invitations.py``), declared notifications of
events (``Workflow.notifies``, ``Notify(subject=True)``) and what a relation reads of a
timeline (``Workflow.readings``, ``workflow/timeline.py``)."""

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.workflow.actions import record_event
from liaison.workflow.definitions import (
    InvitationSpec,
    Notify,
    Transition,
    Who,
    Workflow,
)
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.invitations import (
    attendance_record,
    invitation_answer,
    invitation_send,
    invitation_withdraw,
)
from liaison.workflow.models import Invitation, MatterParty, Relation
from liaison.workflow.opening import add_parties
from liaison.workflow.parts import Reading
from liaison.workflow.timeline import as_read, entries_read_by

from .factories import sent_notice

pytestmark = pytest.mark.django_db

INVITE, ACCEPT, DECLINE, WITHDRAW = (f"test.invitation.{v}" for v in ("send", "ok", "no", "off"))
HANDLER = Who(Relation.HANDLER)
EVENTS = {INVITE: "invited", ACCEPT: "accepted", DECLINE: "declined", WITHDRAW: "withdrawn"}
NOTIFIES = {
    INVITE: (Notify((), "You are invited to %(title)s at %(place)s.", subject=True),),
    ACCEPT: (Notify((HANDLER,), "%(actor)s accepted.", channels=("email",)),),
    WITHDRAW: (Notify((), "Your invitation to %(number)s was withdrawn.", subject=True),),
}


def _spec(may_change_answer: bool) -> InvitationSpec:
    return InvitationSpec(
        relation=Relation.PARTICIPANT,
        events={"invite": INVITE, "accept": ACCEPT, "decline": DECLINE, "withdraw": WITHDRAW},
        may_change_answer=may_change_answer,
    )


@pytest.fixture
def world(monkeypatch):  # type: ignore[no-untyped-def]
    procuratorate = OrganisationFactory()
    author = member(procuratorate, Role.PROSECUTOR)
    notice = sent_notice(sender=procuratorate, author=author)
    workflow = notice.workflow
    monkeypatch.setattr(workflow, "events", {**workflow.events, **EVENTS})
    monkeypatch.setattr(workflow, "notifies", NOTIFIES)
    monkeypatch.setattr(workflow, "invitations", _spec(False))
    return notice, author, UserFactory()


def _holds(notice: Any, person: Any) -> bool:
    return MatterParty.objects.filter(
        matter=notice, relation=Relation.PARTICIPANT, person=person
    ).exists()


def _told(person: Any, event: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, event=event))


def test_the_declaration_is_checked_when_the_workflow_is_built() -> None:
    def build(**extra: Any) -> Workflow:
        return Workflow(
            name="test.invitations",
            label="t",
            model="notices.InformationNotice",
            case_code="测",
            states={"a": "a", "b": "b"},
            initial="a",
            final=frozenset({"b"}),
            transitions=[Transition("go", "a", "b", label="go", who=(HANDLER,))],
            **extra,
        )

    build(events={"x.y": "y"}, invitations=InvitationSpec(events={"invite": "x.y"}))
    with pytest.raises(ValueError, match="invitation event"):
        build(invitations=InvitationSpec(events={"invite": "x.undeclared"}))
    with pytest.raises(ValueError, match="invitation event"):
        build(events={"x.y": "y"}, invitations=InvitationSpec(events={"ring": "x.y"}))
    with pytest.raises(ValueError, match="undeclared event"):
        build(notifies={"x.nothing": (Notify((HANDLER,), "t"),)})
    with pytest.raises(ValueError, match="reads unknown"):
        build(readings=(Reading(Who(Relation.COUNSEL), {"fly": "t"}),))
    with pytest.raises(ValueError, match="tells somebody"):
        Notify((), "t")


def test_an_invitation_makes_a_party_records_the_event_and_tells_the_invitee(world) -> None:  # type: ignore[no-untyped-def]
    notice, author, guest = world
    bystander = UserFactory()
    add_parties(matter=notice, participants=[bystander])
    invitation = invitation_send(
        matter=notice,
        person=guest,
        access=access_for(author),
        data={"place": "第一会议室", "secret": "内部安排"},
    )
    assert invitation.state == Invitation.State.INVITED and invitation.invited_by == author
    assert _holds(notice, guest)
    assert notice.timeline.filter(action=INVITE, data__invitation=invitation.pk).exists()
    [told] = _told(guest, INVITE)
    assert told.params["place"] == "第一会议室" and "secret" not in told.params
    assert "第一会议室" in told.message
    assert not _told(bystander, INVITE)  # a declared rule, not every participant
    with pytest.raises(WorkflowError), transaction.atomic():
        invitation_send(matter=notice, person=guest, access=access_for(author))
    with pytest.raises(TransitionForbidden), transaction.atomic():
        invitation_send(matter=notice, person=UserFactory(), access=SYSTEM)


def test_only_the_invitee_answers_once_and_declining_ends_the_relation(world) -> None:  # type: ignore[no-untyped-def]
    notice, author, guest = world
    invitation = invitation_send(matter=notice, person=guest, access=access_for(author))
    with pytest.raises(TransitionForbidden), transaction.atomic():
        invitation_answer(
            matter=notice, invitation=invitation, access=access_for(author), accept=True
        )
    declined = invitation_answer(
        matter=notice, invitation=invitation, access=access_for(guest), accept=False
    )
    assert declined.state == Invitation.State.DECLINED
    assert declined.answered_at is not None and declined.ended_at is not None
    assert not _holds(notice, guest)
    with pytest.raises(WorkflowError), transaction.atomic():
        invitation_answer(
            matter=notice, invitation=invitation, access=access_for(guest), accept=True
        )
    assert notice.timeline.filter(action=DECLINE).count() == 1


def test_where_invitees_may_change_their_minds_a_decline_keeps_them(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    notice, author, guest = world
    monkeypatch.setattr(notice.workflow, "invitations", _spec(True))
    add_parties(matter=notice, handlers=[author])
    invitation = invitation_send(matter=notice, person=guest, access=access_for(author))
    for accept in (False, True, True):
        invitation = invitation_answer(
            matter=notice, invitation=invitation, access=access_for(guest), accept=accept
        )
        assert _holds(notice, guest)
    assert invitation.state == Invitation.State.ACCEPTED
    # the same answer twice is recorded once; the handler is told of the acceptance
    assert notice.timeline.filter(action=ACCEPT).count() == 1
    assert [n.message for n in _told(author, ACCEPT)] == [f"{guest.display_name} accepted."]


def test_a_withdrawn_invitee_is_no_longer_a_party_and_still_told(world) -> None:  # type: ignore[no-untyped-def]
    notice, author, guest = world
    invitation = invitation_send(matter=notice, person=guest, access=access_for(author))
    withdrawn = invitation_withdraw(matter=notice, invitation=invitation, access=access_for(author))
    assert withdrawn.state == Invitation.State.WITHDRAWN and not _holds(notice, guest)
    [told] = _told(guest, WITHDRAW)
    assert notice.case_number in told.message
    with pytest.raises(WorkflowError), transaction.atomic():
        invitation_withdraw(matter=notice, invitation=invitation, access=access_for(author))


def test_attendance_marks_every_standing_invitation(world) -> None:  # type: ignore[no-untyped-def]
    notice, author, guest = world
    came, stayed_away, withdrawn = (
        invitation_send(matter=notice, person=p, access=access_for(author))
        for p in (guest, UserFactory(), UserFactory())
    )
    invitation_withdraw(matter=notice, invitation=withdrawn, access=access_for(author))
    assert attendance_record(matter=notice, present=[came.pk, withdrawn.pk]) == 1
    states = dict(Invitation.objects.filter(matter=notice).values_list("pk", "state"))
    assert states == {came.pk: "attended", stayed_away.pk: "absent", withdrawn.pk: "withdrawn"}
    came.refresh_from_db()
    assert came.attended is True and came.attendance_at is not None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    may_change=st.booleans(),
    steps=st.lists(st.sampled_from(["accept", "decline", "withdraw"]), max_size=5),
)
def test_the_invitee_holds_the_relation_exactly_while_the_invitation_stands(  # type: ignore[no-untyped-def]
    world, monkeypatch, may_change, steps
) -> None:
    """Whatever the answers and withdrawals, in whatever order (refused ones change nothing):
    the invitee is a party exactly while invited, accepted, or (where answers may change)
    declined; an ended invitation has its end time."""
    notice, author, guest = world
    monkeypatch.setattr(notice.workflow, "invitations", _spec(may_change))
    live = {"invited", "accepted"} | ({"declined"} if may_change else set())
    with transaction.atomic():
        invitation = invitation_send(matter=notice, person=guest, access=access_for(author))
        for step in steps:
            try:
                with transaction.atomic():
                    if step == "withdraw":
                        invitation_withdraw(
                            matter=notice, invitation=invitation, access=access_for(author)
                        )
                    else:
                        invitation_answer(
                            matter=notice,
                            invitation=invitation,
                            access=access_for(guest),
                            accept=step == "accept",
                        )
            except WorkflowError:
                pass
            invitation.refresh_from_db()
            assert _holds(notice, guest) == (invitation.state in live)
            assert (invitation.ended_at is not None) == (invitation.state not in live)
        transaction.set_rollback(True)


def test_a_relation_reads_only_the_declared_entries_as_their_sentences(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    notice, author, lawyer = world
    workflow = notice.workflow
    visit = "test.visit"
    monkeypatch.setattr(workflow, "events", {**workflow.events, visit: "visit"})
    monkeypatch.setattr(
        workflow,
        "readings",
        (Reading(Who(Relation.COUNSEL), {visit: "%(number)s was visited on %(day)s."}),),
    )
    access = access_for(author)
    record_event(matter=notice, access=access, action=visit, data={"day": "2026-01-02"})
    MatterParty.objects.create(matter=notice, relation=Relation.COUNSEL, person=lawyer)
    record_event(
        matter=notice, access=access, action=visit, note="内部备注", data={"day": "2026-02-03"}
    )
    record_event(matter=notice, access=access, action="workflow.comment", note="内部讨论")
    since = as_read(entries_read_by(lawyer, Relation.COUNSEL), Relation.COUNSEL)
    assert [e.text for e in since] == [f"{notice.case_number} was visited on 2026-02-03."]
    every = entries_read_by(lawyer, Relation.COUNSEL, matter=notice, since_held=False)
    assert [e.data["day"] for e in every] == ["2026-02-03", "2026-01-02"]
    assert entries_read_by(UserFactory(), Relation.COUNSEL).count() == 0


@pytest.mark.urls("liaison.orgs.tests.admin_urls")
def test_administrators_read_invitations_in_the_admin_and_change_none(world, client) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    notice, author, guest = world
    invitation = invitation_send(matter=notice, person=guest, access=access_for(author))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:workflow_invitation_changelist"))
    assert listing.status_code == 200 and str(notice.case_number) in listing.content.decode()
    page = client.get(reverse("admin:workflow_invitation_change", args=[invitation.pk]))
    assert page.status_code == 200
    client.post(
        reverse("admin:workflow_invitation_change", args=[invitation.pk]), {"state": "declined"}
    )
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.INVITED
    assert client.get(reverse("admin:workflow_matter_change", args=[notice.pk])).status_code == 200
