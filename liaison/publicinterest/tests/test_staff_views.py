"""The clue officers' side: the triage queue and the clue's page (who reported it, seen through
``liaison.identities``, is tested there)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicinterest.models import Clue
from liaison.workflow.actions import transition

from .factories import CIVIL, ORDOS, clue_officer, field, procuratorate, reported_clue

pytestmark = pytest.mark.django_db

TRIAGE = reverse("publicinterest:triage")


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def officer(kangbashi):  # type: ignore[no-untyped-def]
    return clue_officer(kangbashi, name="王晓燕")


def test_the_queue_shows_the_officers_own_submitted_clues(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    mine = reported_clue()
    accepted = reported_clue(description="已经受理的另一条线索，描述足够长。")
    transition(matter=accepted, name="accept", access=access_for(officer), data=CIVIL)
    procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    theirs = reported_clue(at=ORDOS, description="市院管辖的线索，描述足够长的内容。")
    client.force_login(officer)
    html = client.get(TRIAGE).content.decode()
    assert mine.case_number in html
    assert accepted.case_number not in html and theirs.case_number not in html
    html = client.get(TRIAGE, {"state": "accepted"}).content.decode()
    assert accepted.case_number in html and mine.case_number not in html
    html = client.get(TRIAGE, {"state": ""}).content.decode()
    assert accepted.case_number in html and mine.case_number in html


def test_the_queue_filters_by_field_and_date(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    ecology = reported_clue()
    food = reported_clue(
        field=field("food_drug"), description="学校食堂使用过期食材，学生反映多次。"
    )
    client.force_login(officer)
    html = client.get(TRIAGE, {"field": "food_drug"}).content.decode()
    assert food.case_number in html and ecology.case_number not in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = client.get(TRIAGE, {"since": tomorrow}).content.decode()
    assert food.case_number not in html and "没有符合条件的线索" in html
    today = timezone.localdate().isoformat()
    html = client.get(TRIAGE, {"since": today, "until": today}).content.decode()
    assert food.case_number in html and ecology.case_number in html
    assert client.get(TRIAGE, {"since": "not a date"}).status_code == 400


def test_the_queue_costs_the_same_queries_for_more_clues(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(TRIAGE).status_code == 200
        return len(queries)

    reported_clue()
    few = count()
    for _ in range(8):
        reported_clue()
    assert count() == few
    assert few <= 12


def test_the_queue_is_paginated_and_keeps_the_filters(
    client, kangbashi, officer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("liaison.publicinterest.views.TRIAGE_PAGE_SIZE", 2)
    for _ in range(5):
        reported_clue()
    client.force_login(officer)
    html = client.get(TRIAGE, {"field": "ecology"}).content.decode()
    assert "field=ecology&amp;page=2" in html or "page=2&amp;field=ecology" in html
    assert client.get(TRIAGE, {"field": "ecology", "page": 3}).status_code == 200


def test_someone_who_is_not_a_clue_officer_gets_a_clear_refusal(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    client.force_login(member(kangbashi, Role.PROSECUTOR))
    response = client.get(TRIAGE)
    assert response.status_code == 403
    html = response.content.decode()
    assert "线索管理人员" in html and clue.case_number not in html


def test_the_clue_page_shows_the_report_and_masks_the_reporter(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(anonymous=False)
    for viewer in (officer, member(kangbashi, Role.PROSECUTOR)):
        client.force_login(viewer)
        html = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
        assert clue.description in html and "康巴什区" in html
        assert "王小明" not in html and "13912345678" not in html
        assert "王**" in html and "139****5678" in html
    assert not AuditRecord.objects.filter(action__startswith="publicinterest.reporter").exists()


def test_the_engine_page_offers_the_officer_the_three_steps(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    client.force_login(officer)
    html = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    for step in ("accept", "reject", "transfer"):
        assert reverse("workspace:transition", args=[clue.pk, step]) in html
    response = client.post(reverse("workspace:transition", args=[clue.pk, "reject"]), {"note": ""})
    assert response.status_code == 400
    assert Clue.objects.get(pk=clue.pk).state == "submitted"
    client.post(reverse("workspace:transition", args=[clue.pk, "accept"]), CIVIL)
    assert Clue.objects.get(pk=clue.pk).state == "accepted"


def test_clue_officers_find_new_clues_in_my_work(client, kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    client.force_login(officer)
    assert clue.case_number in client.get(reverse("workspace:my-work")).content.decode()
