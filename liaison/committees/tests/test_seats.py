"""A judge of two courts chooses which court's session they schedule ("acting for"); with one
seat nothing is asked. A court the judge holds no seat in is refused, and so is the action
asked for a court not named when the judge sits in several."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import MembershipFactory, division
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.tests.factories import court as court_factory

from ..actions import session_schedule
from ..models import CommitteeSession
from .factories import World, scheduled, world

pytestmark = pytest.mark.django_db


def _data(w: World) -> dict[str, Any]:
    when = timezone.localtime(timezone.now() + timedelta(days=10))
    return {
        "title": "审判委员会第12次会议",
        "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
        "place": "第一审委会议室",
        "procuratorate": w.c.procuratorate.pk,
        "court_case_number": "（2026）青0103民再5号",
        "summary": "讨论再审。",
    }


def _second_court(w: World) -> Any:
    other = court_factory(name="西宁市城北区人民法院", division=division())
    cooperation_start(actor=w.c.prosecutor, organisations=(w.c.procuratorate, other))
    MembershipFactory(person=w.c.judge, organisation=other, role=Role.JUDGE)
    return other


def test_one_seat_asks_nothing_and_schedules_for_it(client: Any) -> None:
    w = world()
    client.force_login(w.c.judge)
    assert not shows_chooser(client.get(reverse("committees:new")))
    assert client.post(reverse("committees:new"), _data(w)).status_code == 302
    assert CommitteeSession.objects.get().owner == w.c.court


def test_two_seats_choose_which_court_schedules(client: Any) -> None:
    w = world()
    other = _second_court(w)
    stranger = court_factory(name="大通县人民法院", division=division())
    client.force_login(w.c.judge)
    assert shows_chooser(client.get(reverse("committees:new")))
    refused = client.post(reverse("committees:new"), {**_data(w), "acting_for": stranger.pk})
    assert refused_seat(refused) and "第一审委会议室" in refused.content.decode()
    assert client.post(reverse("committees:new"), _data(w)).status_code == 400
    assert not CommitteeSession.objects.exists()
    done = client.post(reverse("committees:new"), {**_data(w), "acting_for": other.pk})
    assert done.status_code == 302 and CommitteeSession.objects.get().owner == other


def test_the_action_refuses_a_court_unnamed_among_several_or_not_held() -> None:
    w = world()
    _second_court(w)
    with pytest.raises(ValidationError):
        scheduled(w, matter=None)
    stranger = court_factory(name="大通县人民法院", division=division())
    with pytest.raises(TransitionForbidden):
        session_schedule(
            access=access_for(w.c.judge),
            court=stranger,
            title="t",
            scheduled_at=timezone.now() + timedelta(days=10),
            place="p",
            procuratorate=w.c.procuratorate,
            court_case_number="（2026）青0103民再5号",
            summary="s",
        )
    assert not CommitteeSession.objects.exists()
