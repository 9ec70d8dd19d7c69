"""Points: a ledger where each event counts once; earned when a logged-in volunteer's clue is
accepted. "My clues": the clues a person reported while logged in, with state and outcome."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import UserFactory
from liaison.publicinterest.tests.factories import (
    DATONG,
    clue_officer,
    procuratorate,
    reported_clue,
)
from liaison.volunteers.actions import points_award
from liaison.volunteers.models import PointsEntry, PointsReason, PointsRule
from liaison.volunteers.selectors import clues_reported_by, points_total
from liaison.workflow.actions import transition

from .factories import volunteer

pytestmark = pytest.mark.django_db

#: Accepting a clue opens a case of a kind (publicinterest.workflows).
ACCEPT = {"kind": "administrative"}


@pytest.fixture
def datong():  # type: ignore[no-untyped-def]
    org = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    return org, clue_officer(org)


def _clue_by(person, **overrides):  # type: ignore[no-untyped-def]
    return reported_clue(
        at=DATONG, anonymous=False, reporter=person, reporter_name=person.name, **overrides
    )


def test_the_same_event_never_counts_twice(datong) -> None:
    person = volunteer()
    clue = _clue_by(person)
    first = points_award(person=person, reason=PointsReason.CLUE_ACCEPTED, matter=clue, points=10)
    again = points_award(person=person, reason=PointsReason.CLUE_ACCEPTED, matter=clue, points=10)
    assert first is not None and again is None
    assert PointsEntry.objects.count() == 1 and points_total(person) == 10


def test_an_accepted_clue_earns_its_volunteer_reporter_points(datong) -> None:
    _org, officer = datong
    person = volunteer()
    PointsRule.objects.update_or_create(reason="clue_accepted", defaults={"points": 12})
    clue = _clue_by(person)
    assert points_total(person) == 0
    transition(matter=clue, name="accept", access=access_for(officer), data=ACCEPT)
    entry = PointsEntry.objects.get()
    assert (entry.person, entry.reason, entry.matter_id, entry.points) == (
        person,
        "clue_accepted",
        clue.pk,
        12,
    )


def test_no_points_for_a_rejected_an_anonymous_or_a_non_volunteers_clue(datong) -> None:
    _org, officer = datong
    person = volunteer()
    rejected = _clue_by(person)
    transition(matter=rejected, name="reject", access=access_for(officer), data={"note": "不属实"})
    anonymous = reported_clue(at=DATONG, anonymous=True, reporter=person)
    transition(matter=anonymous, name="accept", access=access_for(officer), data=ACCEPT)
    citizen = UserFactory()
    theirs = _clue_by(citizen)
    transition(matter=theirs, name="accept", access=access_for(officer), data=ACCEPT)
    assert not PointsEntry.objects.exists()


def test_my_clues_lists_what_the_person_reported_logged_in_with_state_and_reason(
    client, datong
) -> None:
    _org, officer = datong
    person, other = volunteer(), volunteer(name="李四")
    mine = _clue_by(person, description="御河河道内有人倾倒建筑垃圾，已堆积多日。")
    rejected = _clue_by(person, description="小区门口的垃圾桶满了，没人清理，气味很大。")
    transition(
        matter=rejected, name="reject", access=access_for(officer), data={"note": "非公益诉讼范围"}
    )
    theirs = _clue_by(other, description="别人的线索：某工厂夜间排放黑烟，周边居民反映强烈。")
    anonymous = reported_clue(at=DATONG, anonymous=True, reporter=person)
    assert set(clues_reported_by(access_for(person))) == {mine, rejected}
    client.force_login(person)
    page = client.get(reverse("volunteers:me")).content.decode()
    assert "御河河道内" in page and "非公益诉讼范围" in page and "不予受理" in page
    assert "别人的线索" not in page and anonymous.query_code_display not in page
    assert theirs.pk


def test_a_transferred_clue_is_listed_once_as_it_is_now(datong) -> None:
    org, officer = datong
    person = volunteer()
    other = procuratorate("140213", name="大同市平城区人民检察院", abbreviation="平检")
    clue = _clue_by(person)
    transition(matter=clue, name="transfer", access=access_for(officer), data={"target": other.pk})
    listed = list(clues_reported_by(access_for(person)))
    assert len(listed) == 1 and listed[0].owner == other and org.pk != other.pk


def test_the_volunteer_page_takes_the_same_queries_for_many_clues(client, datong) -> None:
    person = volunteer()
    client.force_login(person)
    _clue_by(person)
    client.get(reverse("volunteers:me"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("volunteers:me"))
    for _n in range(4):
        _clue_by(person)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("volunteers:me"))
    assert response.status_code == 200
    assert len(many) == len(few)
