"""The disputes pages: the list both sides read (a query-count guard), raising from a matter's
page, the panel on the matter's page, and the refusals as clear messages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.meetings.tests.factories import scheduled, world
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import court as court_factory

from ..forms import NO_GROUNDS
from ..models import Dispute
from .factories import notice, raised

pytestmark = pytest.mark.django_db


def test_the_list_shows_both_sides_an_unresolved_dispute_awaiting_a_meeting(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    dispute = raised(w)
    for person in (w.s.prosecutor, w.s.judge):
        client.force_login(person)
        page = client.get(reverse("disputes:list")).content.decode()
        assert dispute.case_number in page
        assert 'data-testid="awaiting-meeting"' in page


def test_the_list_asks_a_constant_number_of_queries(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    raised(w)
    client.force_login(w.s.judge)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("disputes:list"))
    for _ in range(4):
        raised(w)
    scheduled(w)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("disputes:list")).status_code == 200
    assert len(many) == len(few)


def test_the_list_is_refused_to_those_it_is_not_for(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    client.force_login(w.s.outsider_staff)  # a judicial bureau's officer
    assert client.get(reverse("disputes:list")).status_code == 403


def test_raising_from_the_matter_page(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = notice(w)
    client.force_login(w.s.judge)
    page = client.get(reverse("workspace:matter", args=[subject.pk])).content.decode()
    assert reverse("disputes:raise", args=[subject.pk]) in page
    form = client.get(reverse("disputes:raise", args=[subject.pk])).content.decode()
    assert w.agreement.title in form
    response = client.post(reverse("disputes:raise", args=[subject.pk]), {"grounds": "分歧"})
    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:matter", args=[dispute.pk])
    page = client.get(response["Location"]).content.decode()
    assert "分歧" in page and 'data-testid="awaiting-meeting"' in page
    # the panel on the subject's page, on the other side too
    client.force_login(w.s.prosecutor)
    page = client.get(reverse("workspace:matter", args=[subject.pk])).content.decode()
    assert dispute.case_number in page


def test_no_grounds_keeps_the_form_and_stores_nothing(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = notice(w)
    client.force_login(w.s.judge)
    response = client.post(reverse("disputes:raise", args=[subject.pk]), {"grounds": "  "})
    assert response.status_code == 400
    assert str(NO_GROUNDS) in response.content.decode()
    assert not Dispute.objects.exists()


def test_a_user_of_another_court_gets_404(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = notice(w)
    client.force_login(member(court_factory(name="东胜区人民法院"), Role.JUDGE))
    assert client.get(reverse("disputes:raise", args=[subject.pk])).status_code == 404
    response = client.post(reverse("disputes:raise", args=[subject.pk]), {"grounds": "分歧"})
    assert response.status_code == 404
    assert not Dispute.objects.exists()


def test_the_resolution_shows_on_both_sides(client) -> None:  # type: ignore[no-untyped-def]
    from liaison.meetings.tests.factories import make_it_the_day

    w = world()
    dispute = raised(w)
    meeting = scheduled(w)
    transition(matter=dispute, name="agenda", access=access_for(w.luo))
    transition(matter=make_it_the_day(meeting), name="hold", access=access_for(w.luo), data={})
    client.force_login(w.zhou)
    response = client.post(
        reverse("workspace:transition", args=[dispute.pk, "resolve"]),
        {"resolution": "双方同意恢复执行。"},
    )
    assert response.status_code == 302
    for person in (w.s.prosecutor, w.s.judge):
        client.force_login(person)
        page = client.get(reverse("workspace:matter", args=[dispute.pk])).content.decode()
        assert "双方同意恢复执行。" in page
