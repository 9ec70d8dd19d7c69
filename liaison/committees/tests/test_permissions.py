"""Who may do what to a session: a judge of another court, a prosecutor of the invited
procuratorate who is not one of its seniors, and a stranger are refused, and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Invitation
from liaison.workflow.tests.factories import court

from ..actions import agenda_item_add
from ..models import AgendaItem, CommitteeSession
from .factories import World, confirmed, scheduled, session_day, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def _others(w: World) -> dict[str, object]:
    return {
        "judge of another court": member(court(name="西宁市城东区人民法院"), Role.JUDGE),
        "prosecutor": w.c.prosecutor,
        "stranger": member(OrganisationFactory(name="其他人民检察院"), Role.CHIEF_PROCURATOR),
    }


@pytest.mark.parametrize("who", ["judge of another court", "prosecutor", "stranger"])
def test_only_the_procuratorates_seniors_answer(w, who) -> None:
    session = scheduled(w)
    person = _others(w)[who]
    for name, data in (("confirm", {"attendee": str(w.c.chief.pk)}), ("decline", {"note": "不"})):
        with pytest.raises(WorkflowError):
            transition(matter=session, name=name, access=access_for(person), data=data)
    session.refresh_from_db()
    assert session.state == "scheduled"
    assert not Invitation.objects.filter(matter=session).exists()


@pytest.mark.parametrize("who", ["judge of another court", "prosecutor", "stranger"])
def test_only_the_courts_side_records_postpones_or_cancels(w, who) -> None:
    session = session_day(confirmed(w))
    person = _others(w)[who]
    item = AgendaItem.objects.get(session=session)
    for name, data in (
        ("hold", {"attendance": "attended", f"decision_{item.pk}": "改判"}),
        ("cancel", {"note": "取消"}),
    ):
        with pytest.raises(WorkflowError):
            transition(matter=session, name=name, access=access_for(person), data=data)
    session.refresh_from_db()
    assert session.state == "confirmed"
    assert not w.linked.timeline.filter(action="committees.opinion").exists()


@pytest.mark.parametrize("who", ["judge of another court", "prosecutor", "stranger"])
def test_only_the_courts_side_adds_to_the_agenda(w, who) -> None:
    session = scheduled(w)
    with pytest.raises(TransitionForbidden):
        agenda_item_add(
            access=access_for(_others(w)[who]),
            session=session,
            court_case_number="（2026）青0103民再9号",
            summary="x",
        )
    assert AgendaItem.objects.filter(session=session).count() == 1


def test_the_chief_procurator_does_not_record_the_session(w) -> None:
    session = session_day(confirmed(w))
    item = AgendaItem.objects.get(session=session)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=session,
            name="hold",
            access=access_for(w.c.chief),
            data={"attendance": "attended", f"decision_{item.pk}": "改判"},
        )


def test_a_procuratorate_schedules_no_session(w) -> None:
    with pytest.raises(TransitionForbidden):
        scheduled(w, by=w.c.chief)
    assert not CommitteeSession.objects.exists()


def test_a_procuratorate_the_court_does_not_work_with_is_not_invited(w) -> None:
    from django.core.exceptions import ValidationError

    other = OrganisationFactory(name="不协作的人民检察院")
    with pytest.raises(ValidationError) as refusal:
        scheduled(w, procuratorate=other, matter=None)
    assert "procuratorate" in refusal.value.message_dict
    assert not CommitteeSession.objects.exists()


def test_a_judge_of_another_court_and_a_stranger_do_not_see_it(client, w) -> None:
    session = scheduled(w)
    for who in ("judge of another court", "stranger"):
        client.force_login(_others(w)[who])
        assert client.get(reverse("workspace:matter", args=[session.pk])).status_code == 404
        assert client.get(reverse("committees:ical", args=[session.pk])).status_code == 404
