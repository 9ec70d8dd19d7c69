"""The flags pages: the one list both sides read (filters, a query-count guard), raising from a
matter's page (bad input kept, status 400, nothing stored), the panel on the matter's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.models import Clock
from liaison.workflow.reminders import take_expiry_steps
from liaison.workflow.tests.factories import court as court_factory

from ..forms import NO_GROUNDS
from ..models import Flag
from .factories import flagged, shared, world

pytestmark = pytest.mark.django_db


def test_both_sides_see_one_list_with_what_became_of_each(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    flag = flagged(w)
    transition(matter=flag, name="acknowledge", access=access_for(w.judge), data={})
    transition(
        matter=Flag.objects.get(pk=flag.pk),
        name="close",
        access=access_for(w.prosecutor),
        data={"outcome": "referred", "note": "已移送公安机关立案侦查。"},
    )
    for person in (w.prosecutor, w.judge):
        client.force_login(person)
        page = client.get(reverse("flags:list")).content.decode()
        assert flag.case_number in page
        assert 'data-testid="flag-outcome"' in page


def test_the_list_filters_by_kind_and_state(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    litigation = flagged(w)
    fraud = flagged(w, kind=Flag.Kind.PENSION_FRAUD)
    transition(
        matter=fraud, name="withdraw", access=access_for(w.prosecutor), data={"note": "误报"}
    )
    client.force_login(w.judge)
    url = reverse("flags:list")
    page = client.get(url, {"kind": "pension_fraud"}).content.decode()
    assert fraud.case_number in page and litigation.case_number not in page
    page = client.get(url, {"state": "open"}).content.decode()
    assert litigation.case_number in page and fraud.case_number not in page
    page = client.get(url, {"state": "withdrawn", "kind": "bogus"}).content.decode()
    assert fraud.case_number in page and litigation.case_number not in page


def test_the_list_asks_a_bounded_number_of_queries(client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    w = world()
    for _ in range(6):
        flagged(w)
    client.force_login(w.judge)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("flags:list")).status_code == 200


def test_the_list_is_refused_to_those_it_is_not_for(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    client.force_login(member(w.court, Role.LIAISON))
    assert client.get(reverse("flags:list")).status_code == 403


def test_raising_from_the_matter_page(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = shared(w)
    client.force_login(w.prosecutor)
    page = client.get(reverse("workspace:matter", args=[subject.pk])).content.decode()
    assert reverse("flags:raise", args=[subject.pk]) in page
    response = client.post(
        reverse("flags:raise", args=[subject.pk]),
        {"kind": "false_litigation", "against": w.court.pk, "grounds": "虚构债务，转移财产。"},
    )
    flag = Flag.objects.get()
    assert response.status_code == 302 and flag.subject_id == subject.pk
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[subject.pk])).content.decode()
    assert flag.case_number in page


def test_bad_input_is_kept_with_a_clear_message_and_nothing_stored(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = shared(w)
    client.force_login(w.prosecutor)
    response = client.post(
        reverse("flags:raise", args=[subject.pk]),
        {"kind": "pension_fraud", "against": w.court.pk, "grounds": "   "},
    )
    assert response.status_code == 400
    assert str(NO_GROUNDS) in response.content.decode()
    assert 'value="pension_fraud" selected' in response.content.decode()
    response = client.post(
        reverse("flags:raise", args=[subject.pk]),
        {"kind": "false_litigation", "against": 999999, "grounds": "虚构债务。"},
    )
    assert response.status_code == 400 and "虚构债务" in response.content.decode()
    assert not Flag.objects.exists()


def test_an_outsider_gets_404_on_the_raise_page(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    subject = shared(w)
    client.force_login(member(court_factory(name="东胜区人民法院"), Role.JUDGE))
    assert client.get(reverse("flags:raise", args=[subject.pk])).status_code == 404


def test_a_step_with_bad_input_on_the_flag_page_answers_400(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    flag = flagged(w)
    client.force_login(w.judge)
    response = client.post(reverse("workspace:transition", args=[flag.pk, "dispute"]), {"note": ""})
    assert response.status_code == 400
    assert Flag.objects.get(pk=flag.pk).state == "raised"


def _overdue(flag: Flag) -> None:
    """Let ``flag``'s answer period run out yesterday and the day's job take the lapse."""
    today = timezone.localdate()
    Clock.objects.filter(matter=flag, name="answer").update(
        started_on=today - timedelta(days=16), due_on=today - timedelta(days=1)
    )
    take_expiry_steps(today=today)


def test_the_flag_page_shows_when_the_answer_is_due_then_that_it_is_overdue(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    flag = flagged(w)
    due = Clock.objects.get(matter=flag, name="answer").due_on
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[flag.pk])).content.decode()
    assert 'data-testid="answer-due"' in page and due.isoformat() in page
    assert 'data-testid="answer-overdue"' not in page
    _overdue(flag)
    for person in (w.judge, w.prosecutor):
        client.force_login(person)
        page = client.get(reverse("workspace:matter", args=[flag.pk])).content.decode()
        assert 'data-testid="answer-overdue"' in page and 'class="due-overdue"' in page
    transition(
        matter=Flag.objects.get(pk=flag.pk), name="acknowledge", access=access_for(w.judge), data={}
    )
    page = client.get(reverse("workspace:matter", args=[flag.pk])).content.decode()
    assert 'data-testid="answer-late"' in page and 'data-testid="answer-due"' not in page


def test_the_list_shows_the_answer_due_and_filters_the_overdue(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    lapsed, waiting, past_due = flagged(w), flagged(w), flagged(w)
    _overdue(lapsed)
    # Past its due day, the day's job not yet run: overdue for the list all the same.
    Clock.objects.filter(matter=past_due).update(due_on=timezone.localdate() - timedelta(days=2))
    client.force_login(w.prosecutor)
    url = reverse("flags:list")
    page = client.get(url).content.decode()
    assert page.count('data-testid="due"') == 3
    assert page.count('class="due-overdue"') == 2
    assert Clock.objects.get(matter=waiting).due_on.isoformat() in page
    page = client.get(url, {"state": "overdue"}).content.decode()
    assert lapsed.case_number in page and past_due.case_number in page
    assert waiting.case_number not in page


def test_the_overdue_list_asks_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    w = world()
    for _ in range(4):
        _overdue(flagged(w))
    client.force_login(w.judge)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("flags:list"), {"state": "overdue"})
    assert response.content.decode().count('class="due-overdue"') == 4
