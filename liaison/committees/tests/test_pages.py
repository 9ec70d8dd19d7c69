"""The pages: the list for both sides (a constant number of queries), scheduling with bad input
(status 400, what was typed kept, nothing stored), the session's page and agenda form, the
calendar event, and the opinion on the linked case's page for both sides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.workflow.actions import transition
from liaison.workflow.models import Matter

from ..models import AgendaItem, CommitteeSession
from .factories import World, confirmed, scheduled, session_day, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def _when(days: int) -> str:
    return timezone.localtime(timezone.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_the_list_for_both_sides_in_a_constant_number_of_queries(
    client, w, django_assert_max_num_queries
) -> None:
    for n in range(3):
        scheduled(w, title=f"第{n}次会议")
    for person in (w.c.judge, w.c.chief):
        client.force_login(person)
        with django_assert_max_num_queries(12):
            page = client.get(reverse("committees:list"))
        assert page.status_code == 200
        assert page.content.decode().count("次会议") >= 3
    client.force_login(w.c.chief)
    assert (
        'data-testid="awaiting-answer"' in client.get(reverse("committees:list")).content.decode()
    )


def test_scheduling_too_soon_keeps_what_was_typed(client, w) -> None:
    client.force_login(w.c.judge)
    response = client.post(
        reverse("committees:new"),
        {
            "title": "审委会临时会议",
            "scheduled_at": _when(1),
            "place": "第一会议室",
            "procuratorate": w.c.procuratorate.pk,
            "court_case_number": "（2026）青0103民再5号",
            "summary": "讨论再审。",
            "matter": w.linked.pk,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "审委会临时会议" in page and "讨论再审。" in page
    assert not CommitteeSession.objects.exists()


def test_scheduling_from_the_page(client, w) -> None:
    client.force_login(w.c.judge)
    assert client.get(reverse("committees:new")).status_code == 200
    response = client.post(
        reverse("committees:new"),
        {
            "title": "审委会第12次会议",
            "scheduled_at": _when(10),
            "place": "第一会议室",
            "procuratorate": w.c.procuratorate.pk,
            "court_case_number": "（2026）青0103民再5号",
            "summary": "讨论再审。",
            "matter": w.linked.pk,
        },
    )
    session = CommitteeSession.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("workspace:matter", args=[session.pk])).content.decode()
    assert "青0103民再5号" in page and 'data-testid="agenda-form"' in page


def test_a_procuratorate_is_sent_back_from_the_schedule_page(client, w) -> None:
    client.force_login(w.c.chief)
    assert client.get(reverse("committees:new")).status_code == 302


def test_a_bad_agenda_item_is_shown_again(client, w) -> None:
    session = scheduled(w)
    client.force_login(w.c.judge)
    response = client.post(
        reverse("committees:agenda", args=[session.pk]),
        {"court_case_number": "（2026）青0103民再8号", "summary": "", "matter": ""},
    )
    assert response.status_code == 400
    assert "（2026）青0103民再8号" in response.content.decode()
    assert AgendaItem.objects.filter(session=session).count() == 1


def test_the_procuratorate_sees_the_session_but_not_the_agenda_form(client, w) -> None:
    session = scheduled(w)
    client.force_login(w.c.chief)
    page = client.get(reverse("workspace:matter", args=[session.pk])).content.decode()
    assert "（2026）青0103民再5号" in page
    assert 'data-testid="agenda-form"' not in page
    assert "/steps/confirm/" in page


def test_the_calendar_event(client, w) -> None:
    session = scheduled(w)
    client.force_login(w.c.chief)
    response = client.get(reverse("committees:ical", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and f"UID:committee-session-{session.pk}@" in body
    assert "STATUS:CONFIRMED" in body


def test_the_opinion_shows_on_the_linked_case_for_both_sides(client, w) -> None:
    session = session_day(confirmed(w))
    item = AgendaItem.objects.get(session=session)
    transition(
        matter=session,
        name="hold",
        access=access_for(w.c.judge),
        data={
            "attendance": "attended",
            f"opinion_{item.pk}": "建议依法改判。",
            f"decision_{item.pk}": "改判。",
        },
    )
    for person in (w.c.judge, w.c.chief, w.c.prosecutor):
        client.force_login(person)
        page = client.get(reverse("workspace:matter", args=[w.linked.pk])).content.decode()
        assert "建议依法改判。" in page, person


def test_a_case_number_is_kept_as_the_court_writes_it() -> None:
    """ASCII brackets become the court's full-width ones; a number that is none is refused."""
    from liaison.committees.forms import AgendaItemForm

    form = AgendaItemForm(
        data={"court_case_number": " (2026)青0103民再5号 ", "summary": "是否改判。"},
        matters=Matter.objects.none(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["court_case_number"] == "（2026）青0103民再5号"
    bad = AgendaItemForm(
        data={"court_case_number": "民再5号", "summary": "是否改判。"},
        matters=Matter.objects.none(),
    )
    assert not bad.is_valid() and "court_case_number" in bad.errors
