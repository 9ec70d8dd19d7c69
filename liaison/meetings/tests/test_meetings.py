"""Joint meetings: scheduled by a party's liaison person (never in the past, never by an
outsider), invitations and answers, the agenda with linked matters, held, minutes approved by
every party (twice refused, a correction sends them back), resolutions with their owners."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from liaison.agreements.selectors import last_meeting_on, meeting_overdue
from liaison.core.access import access_for
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Clock, Invitation, MatterParty, Relation

from ..actions import (
    action_item_add,
    agenda_propose,
    meeting_invite,
    meeting_respond,
    minutes_approve,
    resolution_record,
)
from ..models import ActionItem, AgendaItem, JointMeeting, MinutesApproval, Resolution
from ..selectors import overdue_agreements, suggested_start
from .factories import (
    approved_by_both,
    drafted,
    held,
    item_of,
    make_it_the_day,
    resolved,
    scheduled,
    today,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():  # type: ignore[no-untyped-def]
    return world()


def test_a_liaison_person_schedules_and_the_other_side_is_invited(w) -> None:
    meeting = scheduled(w)
    assert meeting.state == "scheduled" and meeting.owner == w.s.procuratorate
    assert MatterParty.objects.filter(
        matter=meeting, relation=Relation.PARTNER_ORG, organisation=w.s.court
    ).exists()
    invited = Invitation.objects.get(matter=meeting)
    assert invited.person == w.zhou and invited.state == Invitation.State.INVITED


def test_the_court_side_may_host_too(w) -> None:
    meeting = scheduled(w, by=w.zhou)
    assert meeting.owner == w.s.court
    assert Invitation.objects.get(matter=meeting).person == w.luo


def test_someone_who_is_no_partys_liaison_person_may_not_schedule(w) -> None:
    for outsider in (w.s.outsider_staff, w.s.prosecutor):
        with pytest.raises(TransitionForbidden):
            scheduled(w, by=outsider)
    assert not JointMeeting.objects.exists()


def test_a_meeting_in_the_past_is_refused(w) -> None:
    with pytest.raises(ValidationError) as refused:
        scheduled(w, starts_at=timezone.now() - timedelta(hours=1))
    assert "starts_at" in refused.value.message_dict
    assert not JointMeeting.objects.exists()


def test_no_meeting_under_an_agreement_not_in_force(w) -> None:
    from liaison.agreements.models import Agreement

    Agreement.objects.filter(pk=w.agreement.pk).update(state="expired")
    with pytest.raises(WorkflowError):
        scheduled(w)


def test_the_schedule_page_suggests_the_day_due_and_keeps_bad_input(client, w) -> None:
    due = suggested_start(w.agreement, today())
    assert due == today() + timedelta(days=7)  # overdue already: a week from today
    client.force_login(w.luo)
    page = client.get(reverse("meetings:new", args=[w.agreement.pk]))
    assert page.status_code == 200 and due.isoformat() in page.content.decode()
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("meetings:new", args=[w.agreement.pk]),
        {"title": "过去的会议", "starts_at": past, "place": "会议室"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "过去的会议" in response.content.decode()
    assert not JointMeeting.objects.exists()


def test_the_schedule_page_refuses_an_outsider_with_a_message(client, w) -> None:
    client.force_login(w.s.prosecutor)
    response = client.post(
        reverse("meetings:new", args=[w.agreement.pk]),
        {
            "title": "会议",
            "starts_at": (timezone.localtime() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            "place": "会议室",
        },
    )
    assert response.status_code == 400 and not JointMeeting.objects.exists()
    client.force_login(w.s.outsider_staff)
    assert client.get(reverse("meetings:new", args=[w.agreement.pk])).status_code == 404


def test_suggested_day_follows_the_cadence_from_the_last_meeting(w) -> None:
    signed = w.agreement.in_force_from
    assert signed is not None
    # Signed 100 days ago, quarterly: the first meeting was due about ten days ago.
    assert meeting_overdue(w.agreement, today())
    assert [a.pk for a, _due in overdue_agreements(access_for(w.zhou), today())] == [w.agreement.pk]
    held(w)
    assert last_meeting_on(w.agreement) == today()
    assert not meeting_overdue(w.agreement, today())
    assert suggested_start(w.agreement, today()) > today() + timedelta(days=80)


def test_a_scheduled_meeting_takes_the_agreement_off_the_overdue_list(w) -> None:
    scheduled(w)
    assert overdue_agreements(access_for(w.zhou), today()) == []
    assert not meeting_overdue(w.agreement, today())  # the agreement's page says the same


def test_either_side_invites_party_staff_and_the_invitee_answers(w) -> None:
    meeting = scheduled(w)
    meeting_invite(access=access_for(w.zhou), meeting=meeting, person=w.clerk)
    with pytest.raises(WorkflowError):
        meeting_invite(access=access_for(w.zhou), meeting=meeting, person=w.s.outsider_staff)
    with pytest.raises(TransitionForbidden):
        meeting_invite(access=access_for(w.s.outsider_staff), meeting=meeting, person=w.clerk)
    meeting_respond(access=access_for(w.clerk), meeting=meeting, accept=True)
    assert Invitation.objects.get(matter=meeting, person=w.clerk).state == "accepted"
    with pytest.raises(TransitionForbidden):
        meeting_respond(access=access_for(w.s.judge), meeting=meeting, accept=True)


def test_either_side_proposes_agenda_items_linking_matters_it_sees(w) -> None:
    from liaison.agreements.tests.factories import draft

    meeting = scheduled(w)
    linked = draft(w.s, title="另一份协作意见")  # a matter both sides see
    item = agenda_propose(
        access=access_for(w.zhou),
        meeting=meeting,
        title="执行异议案件的办理情况",
        numbers=[linked.case_number or ""],
    )
    assert item.proposed_by == w.s.court and [m.pk for m in item.matters.all()] == [linked.pk]
    with pytest.raises(WorkflowError):
        agenda_propose(access=access_for(w.zhou), meeting=meeting, title="x", numbers=["无此号"])
    with pytest.raises(TransitionForbidden):
        agenda_propose(access=access_for(w.s.outsider_staff), meeting=meeting, title="x")
    assert AgendaItem.objects.count() == 1


def test_a_meeting_is_recorded_on_or_after_its_day(w) -> None:
    meeting = scheduled(w)
    with pytest.raises(WorkflowError):
        transition(matter=meeting, name="hold", access=access_for(w.luo), data={})
    meeting = make_it_the_day(meeting)
    invitation = Invitation.objects.get(matter=meeting)
    transition(
        matter=meeting, name="hold", access=access_for(w.luo), data={"attended": [invitation.pk]}
    )
    assert Invitation.objects.get(pk=invitation.pk).state == Invitation.State.ATTENDED


def test_minutes_are_final_once_every_party_approved(w) -> None:
    meeting = drafted(w)
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    assert JointMeeting.objects.get(pk=meeting.pk).state == "minutes_drafted"
    minutes_approve(access=access_for(w.zhou), meeting=meeting)
    assert JointMeeting.objects.get(pk=meeting.pk).state == "minutes_approved"


def test_minutes_approved_twice_are_refused(w) -> None:
    meeting = drafted(w)
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    with translation.override("en"), pytest.raises(WorkflowError, match="already approved"):
        minutes_approve(access=access_for(w.luo), meeting=meeting)
    assert MinutesApproval.objects.count() == 1


def test_only_a_partys_liaison_person_approves(w) -> None:
    meeting = drafted(w)
    for who in (w.clerk, w.s.outsider_staff):
        with pytest.raises(TransitionForbidden):
            minutes_approve(access=access_for(who), meeting=meeting)
    assert not MinutesApproval.objects.exists()


def test_a_correction_sends_the_minutes_back_and_earlier_approvals_lapse(w) -> None:
    meeting = drafted(w)
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    transition(
        matter=meeting, name="correct", access=access_for(w.zhou), data={"note": "补充出席人员"}
    )
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    assert meeting.state == "held"
    with pytest.raises(WorkflowError):
        minutes_approve(access=access_for(w.zhou), meeting=meeting)
    transition(
        matter=meeting, name="draft_minutes", access=access_for(w.luo), data={"minutes": "第二稿"}
    )
    minutes_approve(access=access_for(w.zhou), meeting=meeting)
    assert JointMeeting.objects.get(pk=meeting.pk).state == "minutes_drafted"
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    assert meeting.state == "minutes_approved" and meeting.minutes_round == 2


def test_the_other_side_may_not_draft_the_minutes(w) -> None:
    meeting = held(w)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=meeting, name="draft_minutes", access=access_for(w.zhou), data={"minutes": "x"}
        )


def test_a_resolution_becomes_an_action_item_on_a_clock(w) -> None:
    meeting = held(w)
    resolution = resolved(w, meeting)
    item = item_of(resolution)
    assert item.state == "open" and item.owner == w.s.court
    assert MatterParty.objects.filter(
        matter=item, relation=Relation.HANDLER, person=w.zhou
    ).exists()
    clock = Clock.objects.get(matter=item, name="due")
    assert clock.due_on == today() + timedelta(days=30)
    more = action_item_add(
        access=access_for(w.luo),
        resolution=resolution,
        owner=w.s.procuratorate,
        person=w.luo,
        task="检察院跟进监督",
        urgent=True,
    )
    assert Clock.objects.get(matter=more).due_on < clock.due_on


def test_a_resolution_without_an_owner_is_refused(w) -> None:
    meeting = held(w)
    with translation.override("en"), pytest.raises(WorkflowError, match="owner"):
        resolution_record(
            access=access_for(w.luo),
            meeting=meeting,
            text="无人负责",
            owner=None,
            person=None,
            task="x",
        )
    with pytest.raises(WorkflowError):
        resolution_record(
            access=access_for(w.luo),
            meeting=meeting,
            text="不是当事方",
            owner=w.s.outsider,
            person=w.s.outsider_staff,
            task="x",
        )
    with pytest.raises(WorkflowError):
        resolution_record(
            access=access_for(w.luo),
            meeting=meeting,
            text="人不在该单位",
            owner=w.s.court,
            person=w.luo,
            task="x",
        )
    assert not Resolution.objects.exists() and not ActionItem.objects.exists()


def test_only_the_host_records_resolutions_and_not_before_the_meeting(w) -> None:
    meeting = scheduled(w)
    with pytest.raises(TransitionForbidden):
        resolved(w, meeting)
    meeting = make_it_the_day(meeting)
    transition(matter=meeting, name="hold", access=access_for(w.luo), data={})
    with pytest.raises(TransitionForbidden):
        resolution_record(
            access=access_for(w.zhou),
            meeting=meeting,
            text="x",
            owner=w.s.court,
            person=w.zhou,
            task="x",
        )


def test_resolution_form_without_owner_keeps_the_text(client, w) -> None:
    meeting = held(w)
    client.force_login(w.luo)
    response = client.post(
        reverse("meetings:resolve", args=[meeting.pk]),
        {"text": "请法院反馈", "task": "反馈"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "请法院反馈" in response.content.decode()
    assert not Resolution.objects.exists()


def test_approving_an_approved_meeting_again_shows_a_message(client, w) -> None:
    meeting = approved_by_both(w)
    client.force_login(w.zhou)
    response = client.post(reverse("meetings:approve", args=[meeting.pk]), follow=True)
    assert response.status_code == 200
    assert MinutesApproval.objects.filter(meeting=meeting).count() == 2


def test_the_host_cancels_the_guest_may_not_and_invitees_are_told(w) -> None:
    from liaison.notifications.models import Notification

    meeting = scheduled(w)
    assert Notification.objects.filter(recipient=w.zhou, matter=meeting).exists()  # invited
    with pytest.raises(TransitionForbidden):
        transition(matter=meeting, name="cancel", access=access_for(w.zhou), data={"note": "x"})
    transition(matter=meeting, name="cancel", access=access_for(w.luo), data={"note": "改期"})
    assert JointMeeting.objects.get(pk=meeting.pk).state == "cancelled"
    assert Notification.objects.filter(recipient=w.zhou, matter=meeting).count() >= 2


def test_a_partys_approval_is_kept_once_per_draft_by_the_database(w) -> None:
    from django.db import IntegrityError, transaction

    meeting = drafted(w)
    minutes_approve(access=access_for(w.luo), meeting=meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesApproval.objects.create(
            meeting=meeting,
            organisation=w.s.procuratorate,
            round=meeting.minutes_round,
            approved_by=w.luo,
        )
