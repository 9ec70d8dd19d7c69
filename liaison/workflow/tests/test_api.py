"""The read API answers through the same visibility policy as the pages."""

import pytest
from django.urls import reverse

from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


def test_matters_my_work_and_detail(client, django_assert_max_num_queries) -> None:
    the_court = court()
    judge = member(the_court, Role.JUDGE)
    notices = [sent_notice(recipient=the_court) for _ in range(3)]
    sent_notice()  # someone else's
    client.force_login(judge)
    with django_assert_max_num_queries(8):
        listed = client.get(reverse("workspace:api-matters")).json()
    assert {m["id"] for m in listed["results"]} == {n.pk for n in notices}
    work = client.get(reverse("workspace:api-my-work")).json()
    assert len(work["results"]) == 3 and all(w["next_due"] for w in work["results"])
    detail = client.get(reverse("workspace:api-matter", args=[notices[0].pk])).json()
    assert detail["case_number"] == notices[0].case_number
    assert [c["name"] for c in detail["clocks"]] == ["answer"]
    assert [e["action"] for e in detail["timeline"]][-1] == "notices.notice.send"
    filtered = client.get(reverse("workspace:api-matters"), {"state": "answered"}).json()
    assert filtered["count"] == 0


def test_the_list_costs_the_same_for_more_matters(client, django_assert_max_num_queries) -> None:
    the_court = court()
    judge = member(the_court, Role.JUDGE)
    for _ in range(12):
        sent_notice(sender=OrganisationFactory(), recipient=the_court)
    client.force_login(judge)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workspace:api-matters")).json()["count"] == 12
