"""Hearings: scheduled in time for participants to be told, announced, participants invited and
answering, attendance and opinions recorded (volunteers earn points), closed or cancelled."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.announcements.models import PublicNotice
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.hearings.actions import earliest_hearing_day, hearing_invite, hearing_respond
from liaison.hearings.models import Hearing, HearingRole, Participant
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.volunteers.models import PointsEntry
from liaison.volunteers.selectors import points_total
from liaison.volunteers.tests.factories import volunteer, youth_volunteers
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import MatterParty, Relation
from liaison.workflow.selectors import matters_visible_to

from .factories import (
    case_of,
    datong_procuratorate,
    make_it_the_hearing_day,
    prosecutor,
    scheduled_hearing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = datong_procuratorate()
    luo = prosecutor(org, name="罗伟民")
    return {"org": org, "luo": luo, "case": case_of(org), "youth": youth_volunteers()}


def _invite(world, person, role=HearingRole.VOLUNTEER, hearing=None):  # type: ignore[no-untyped-def]
    hearing = hearing or scheduled_hearing(by=world["luo"], case=world["case"])
    return hearing_invite(
        hearing=hearing, access=access_for(world["luo"]), person=person, role=role
    )


def test_scheduling_computes_the_last_day_to_tell_participants(world) -> None:
    hearing = scheduled_hearing(by=world["luo"], case=world["case"], days_ahead=10)
    assert hearing.state == "scheduled" and hearing.owner == world["org"]
    assert hearing.notify_by == hearing.day - timedelta(days=4)
    assert hearing.case_number.startswith("同检听〔")


def test_a_hearing_too_soon_to_tell_participants_is_refused_with_the_earliest_day(
    client, world
) -> None:
    with pytest.raises(ValidationError) as refused:
        scheduled_hearing(by=world["luo"], case=world["case"], days_ahead=2)
    assert "scheduled_at" in refused.value.message_dict
    client.force_login(world["luo"])
    soon = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("hearings:new"),
        {
            "case_number": world["case"].case_number,
            "title": "太急的听证",
            "subject": "案由",
            "scheduled_at": soon.strftime("%Y-%m-%dT%H:%M"),
            "place": "听证室",
            "public": "on",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert earliest_hearing_day(timezone.localdate()).isoformat() in page and "太急的听证" in page
    assert not Hearing.objects.exists()


def test_the_schedule_page_finds_the_case_by_its_number(client, world) -> None:
    client.force_login(world["luo"])
    later = timezone.localtime() + timedelta(days=12)
    data = {
        "case_number": "同检公线〔1999〕1号",
        "title": "听证",
        "subject": "案由",
        "scheduled_at": later.strftime("%Y-%m-%dT%H:%M"),
        "place": "听证室",
    }
    assert client.post(reverse("hearings:new"), data).status_code == 400
    data["case_number"] = world["case"].case_number
    response = client.post(reverse("hearings:new"), data)
    hearing = Hearing.objects.get()
    assert response["Location"] == reverse("workspace:matter", args=[hearing.pk])
    assert hearing.case_id == world["case"].pk and not hearing.public


def test_an_invited_volunteer_is_told_sees_the_hearing_and_accepts(client, world) -> None:
    person = volunteer(joins=world["youth"])
    participant = _invite(world, person)
    hearing = participant.hearing
    assert MatterParty.objects.filter(
        matter=hearing, relation=Relation.PARTICIPANT, person=person
    ).exists()
    notice = Notification.objects.get(recipient=person, event="hearings.invitation.send")
    assert notice.params["place"] == "大同市人民检察院听证室"
    assert matters_visible_to(access_for(person)).filter(pk=hearing.pk).exists()
    assert not matters_visible_to(access_for(person)).filter(pk=world["case"].pk).exists()
    client.force_login(person)
    page = client.get(reverse("volunteers:me")).content.decode()
    assert hearing.title in page
    client.post(reverse("hearings:respond", args=[hearing.pk]), {"answer": "accept"})
    participant.refresh_from_db()
    assert participant.invitation.state == "accepted"
    assert participant.invitation.answered_at is not None
    assert Notification.objects.filter(recipient=world["luo"], event="hearings.invitation.accept")
    assert hearing.timeline.filter(action="hearings.invitation.accept").exists()


def test_inviting_after_the_last_day_to_tell_participants_is_refused(client, world) -> None:
    hearing = scheduled_hearing(by=world["luo"], case=world["case"])
    Hearing.objects.filter(pk=hearing.pk).update(notify_by=timezone.localdate() - timedelta(days=1))
    person = volunteer(joins=world["youth"])
    with pytest.raises(WorkflowError) as refused:
        _invite(world, person, hearing=hearing)
    assert "为时已晚" in str(refused.value.message)
    client.force_login(world["luo"])
    response = client.post(
        reverse("hearings:invite", args=[hearing.pk]),
        {"role": HearingRole.VOLUNTEER, "person": person.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400 and "为时已晚" in response.content.decode()
    assert not Participant.objects.exists()


def test_invitations_are_refused_for_a_role_not_held_twice_or_by_others(world) -> None:
    citizen = UserFactory()
    with pytest.raises(WorkflowError):
        _invite(world, citizen, role=HearingRole.VOLUNTEER)
    participant = _invite(world, citizen, role=HearingRole.PEOPLES_SUPERVISOR)
    with pytest.raises(WorkflowError):
        _invite(world, citizen, role=HearingRole.OTHER, hearing=participant.hearing)
    firm = OrganisationFactory(kind=OrganisationKind.LAW_FIRM)
    lawyer = member(firm, Role.LAWYER)
    _invite(world, lawyer, role=HearingRole.LAWYER, hearing=participant.hearing)
    with pytest.raises(TransitionForbidden):
        hearing_invite(
            hearing=participant.hearing,
            access=access_for(member(OrganisationFactory(), Role.PROSECUTOR)),
            person=UserFactory(),
            role=HearingRole.OTHER,
        )
    with pytest.raises(TransitionForbidden):
        hearing_respond(participant=participant, access=access_for(lawyer), accept=True)


def test_the_invite_page_offers_nearby_volunteers_and_finds_others_by_mobile(client, world) -> None:
    near = volunteer(name="宋柳金", joins=world["youth"])
    far = volunteer(name="远方", joins=youth_volunteers(name="康巴什志愿者", at="150603"))
    supervisor = UserFactory(name="人民监督员甲", mobile="13912340000")
    hearing = scheduled_hearing(by=world["luo"], case=world["case"])
    client.force_login(world["luo"])
    url = reverse("hearings:invite", args=[hearing.pk])
    page = client.get(url).content.decode()
    assert "宋柳金" in page and "远方" not in page
    response = client.post(url, {"role": HearingRole.PEOPLES_SUPERVISOR, "mobile": "139 1234 0000"})
    assert response.status_code == 302
    bad = client.post(url, {"role": HearingRole.OTHER, "mobile": "13900000001"})
    assert bad.status_code == 400
    assert set(hearing.participants.values_list("person", flat=True)) == {supervisor.pk}
    assert near.pk and far.pk


def test_a_public_hearing_is_announced_held_with_attendance_and_closed(client, world) -> None:
    luo = access_for(world["luo"])
    present, absent = volunteer(joins=world["youth"]), volunteer(name="缺席", joins=world["youth"])
    hearing = scheduled_hearing(by=world["luo"], case=world["case"])
    mine = _invite(world, present, hearing=hearing)
    _invite(world, absent, hearing=hearing)
    with pytest.raises(WorkflowError):  # a public hearing is announced first
        transition(matter=hearing, name="hold", access=luo, data={"opinions": "x"})
    transition(matter=hearing, name="announce", access=luo)
    notice = PublicNotice.objects.get(matter=hearing)
    assert notice.ends_on == hearing.day and "公开听证" in notice.title
    assert hearing.title in client.get(reverse("announcements:list")).content.decode()
    with pytest.raises(WorkflowError):  # not before the hearing day
        transition(matter=hearing, name="hold", access=luo, data={"opinions": "x"})
    make_it_the_hearing_day(hearing)
    transition(
        matter=hearing,
        name="hold",
        access=luo,
        data={"attended": [mine.pk], "opinions": "听证员一致认为整改到位。"},
    )
    hearing.refresh_from_db()
    assert hearing.state == "held" and hearing.opinions == "听证员一致认为整改到位。"
    assert dict(hearing.participants.values_list("person", "invitation__state")) == {
        present.pk: "attended",
        absent.pk: "absent",
    }
    assert points_total(present) == 8 and points_total(absent) == 0
    assert PointsEntry.objects.get().reason == "hearing_attended"
    transition(matter=hearing, name="close", access=luo, data={"note": "依法终结审查。"})
    hearing.refresh_from_db()
    assert hearing.state == "closed" and hearing.conclusion == "依法终结审查。"


def test_cancelling_withdraws_the_notice_and_tells_the_participants(world) -> None:
    luo = access_for(world["luo"])
    person = volunteer(joins=world["youth"])
    participant = _invite(world, person)
    hearing = participant.hearing
    transition(matter=hearing, name="announce", access=luo)
    transition(matter=hearing, name="cancel", access=luo, data={"note": "当事人撤回申请"})
    assert PublicNotice.objects.get(matter=hearing).withdrawn_at is not None
    assert Notification.objects.filter(recipient=person, event="hearings.hearing.cancel").exists()
    with pytest.raises(WorkflowError):
        hearing_respond(participant=participant, access=access_for(person), accept=True)


def test_a_closed_door_hearing_is_not_announced(world) -> None:
    hearing = scheduled_hearing(by=world["luo"], case=world["case"], public=False)
    with pytest.raises(WorkflowError):
        transition(matter=hearing, name="announce", access=access_for(world["luo"]))


def test_the_hearing_list_takes_the_same_queries_for_many(client, world) -> None:
    client.force_login(world["luo"])
    scheduled_hearing(by=world["luo"], case=world["case"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("hearings:list"))
    for _n in range(4):
        scheduled_hearing(by=world["luo"], case=world["case"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("hearings:list")).status_code == 200
    assert len(many) == len(few)


def test_a_volunteer_under_the_minimum_age_is_neither_offered_nor_invited(client, world) -> None:  # type: ignore[no-untyped-def]
    """A teenager who joined while the organisation took sixteen-year-olds, which has since
    raised its minimum to eighteen, is no longer a volunteer for a hearing."""
    from liaison.volunteers.models import OrganisationSettings
    from liaison.volunteers.tests.test_minimum_age import sixteen

    settings = OrganisationSettings.objects.create(organisation=world["youth"], minimum_age=16)
    teen = volunteer(name="少年", joins=world["youth"], resident_id=sixteen(7))
    adult = volunteer(name="成年人", joins=world["youth"])
    settings.minimum_age = 18
    settings.save()
    hearing = scheduled_hearing(by=world["luo"], case=world["case"])
    client.force_login(world["luo"])
    url = reverse("hearings:invite", args=[hearing.pk])
    page = client.get(url).content.decode()
    assert "成年人" in page and "少年" not in page
    response = client.post(url, {"role": HearingRole.VOLUNTEER, "person": teen.pk})
    assert response.status_code == 400
    by_mobile = client.post(url, {"role": HearingRole.VOLUNTEER, "mobile": teen.mobile})
    assert by_mobile.status_code == 400
    assert "志愿者角色须年满 18 周岁" in by_mobile.content.decode()
    with pytest.raises(WorkflowError, match="18"):
        _invite(world, teen, hearing=hearing)
    assert not hearing.participants.filter(person=teen).exists()
    assert _invite(world, adult, hearing=hearing).person == adult
