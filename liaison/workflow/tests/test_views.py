"""The matter page and its buttons, through the real request cycle."""

import pytest
from django.urls import reverse

from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.models import Clock, Matter

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():  # type: ignore[no-untyped-def]
    procuratorate, the_court = OrganisationFactory(), court()
    prosecutor, judge = member(procuratorate, Role.PROSECUTOR), member(the_court, Role.JUDGE)
    notice = sent_notice(sender=procuratorate, recipient=the_court, author=prosecutor)
    return notice, prosecutor, judge


def test_the_page_shows_details_parties_timeline_clock_and_my_steps(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    page = client.get(reverse("workspace:matter", args=[notice.pk])).content.decode()
    for expected in (notice.case_number, notice.body, notice.owner.name, 'data-testid="timeline"'):
        assert expected in page
    assert reverse("workspace:transition", args=[notice.pk, "acknowledge"]) in page
    assert reverse("workspace:transition", args=[notice.pk, "withdraw"]) not in page


def test_a_step_through_the_page(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    url = reverse("workspace:transition", args=[notice.pk, "acknowledge"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert Matter.objects.get(pk=notice.pk).state == "acknowledged"


def test_bad_input_answers_400_with_the_error_and_keeps_what_was_typed(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    url = reverse("workspace:transition", args=[notice.pk, "withdraw"])
    client.force_login(notice.parties.get(relation="handler").person)
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    client.force_login(judge)
    response = client.post(reverse("workspace:comment", args=[notice.pk]), {"text": "   "})
    assert response.status_code == 400
    assert Matter.objects.get(pk=notice.pk).state == "sent"


def test_a_second_click_gets_a_clear_message_not_an_error_page(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    url = reverse("workspace:transition", args=[notice.pk, "acknowledge"])
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    messages = [m for m in response.context["messages"]]
    assert [m.level_tag for m in messages][-1] == "error"
    assert notice.timeline.filter(transition="acknowledge").count() == 1


def test_staff_of_the_partner_cannot_pause_the_owners_clock(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, judge = setup
    clock = Clock.objects.get(matter=notice)
    client.force_login(judge)
    client.post(reverse("workspace:clock", args=[clock.pk, "pause"]), {"reason": "x"})
    assert Clock.objects.get(pk=clock.pk).state == Clock.State.RUNNING
    client.force_login(prosecutor)
    client.post(reverse("workspace:clock", args=[clock.pk, "pause"]), {"reason": "等待材料"})
    assert Clock.objects.get(pk=clock.pk).state == Clock.State.PAUSED


def test_sending_a_notice_from_the_form(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, _judge = setup
    client.force_login(prosecutor)
    recipient = notice.parties.get(relation="partner_org").organisation
    bad = client.post(
        reverse("notices:new"),
        {"sender": notice.owner_id, "recipient": recipient.pk, "title": "标题", "body": ""},
    )
    assert bad.status_code == 400 and "标题" in bad.content.decode()
    good = client.post(
        reverse("notices:new"),
        {"sender": notice.owner_id, "recipient": recipient.pk, "title": "新通报", "body": "内容"},
    )
    assert good.status_code == 302
    assert Matter.objects.filter(title="新通报", state="sent").exists()


def test_cannot_send_from_an_organisation_one_is_not_staff_of(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, _judge = setup
    client.force_login(prosecutor)
    other = OrganisationFactory()
    response = client.post(
        reverse("notices:new"),
        {"sender": other.pk, "recipient": notice.owner_id, "title": "冒名", "body": "x"},
    )
    assert response.status_code == 400
    assert not Matter.objects.filter(title="冒名").exists()


def test_list_pages_cost_the_same_queries_for_more_matters(
    client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """Guard against a query per row on "my work" and the notices list."""
    the_court = court()
    judge = member(the_court, Role.JUDGE)
    client.force_login(judge)

    def count(url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    sent_notice(recipient=the_court)
    few = {name: count(reverse(name)) for name in ("workspace:my-work", "notices:list")}
    for _ in range(8):
        sent_notice(recipient=the_court)
    many = {name: count(reverse(name)) for name in ("workspace:my-work", "notices:list")}
    assert many == few
    assert max(many.values()) <= 12
