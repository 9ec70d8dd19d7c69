"""The pages: a meeting's page with its panels to each side, the list and figures with their
query counts, the calendar event and the minutes as PDF and Word."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.access import access_for
from liaison.orgs.models import Organisation

from ..figures import figures_for, meetings_due
from .factories import (
    approved_by_both,
    drafted,
    held,
    item_of,
    resolved,
    scheduled,
    today,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():  # type: ignore[no-untyped-def]
    return world()


def test_meeting_page_for_both_sides_and_refused_to_outsiders(client, w) -> None:
    meeting = drafted(w)
    resolved(w, meeting)
    for who in (w.luo, w.zhou):
        client.force_login(who)
        page = client.get(reverse("workspace:matter", args=[meeting.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert 'data-testid="agenda"' in text and 'data-testid="minutes"' in text
        assert "反馈执行异议案件办理情况" in text
    client.force_login(w.zhou)
    assert (
        'data-testid="approve-minutes"'
        in client.get(reverse("workspace:matter", args=[meeting.pk])).content.decode()
    )
    client.force_login(w.s.outsider_staff)
    assert client.get(reverse("workspace:matter", args=[meeting.pk])).status_code == 404


def test_action_item_page(client, w) -> None:
    item = item_of(resolved(w, held(w)))
    client.force_login(w.zhou)
    page = client.get(reverse("workspace:matter", args=[item.pk])).content.decode()
    assert 'data-testid="progress-form"' in page
    response = client.post(reverse("meetings:progress", args=[item.pk]), {"note": ""})
    assert response.status_code == 400


def test_the_agreement_page_shows_the_overdue_meeting_to_the_other_side(client, w) -> None:
    client.force_login(w.zhou)
    page = client.get(reverse("workspace:matter", args=[w.agreement.pk])).content.decode()
    assert 'data-testid="meeting-overdue-alert"' in page
    assert 'data-testid="schedule-meeting"' in page
    client.force_login(w.s.judge)  # court staff, not its liaison person: sees, may not schedule
    page = client.get(reverse("workspace:matter", args=[w.agreement.pk])).content.decode()
    assert 'data-testid="meeting-overdue-alert"' in page
    assert 'data-testid="schedule-meeting"' not in page


def test_list_page_queries_do_not_grow(client, w) -> None:
    client.force_login(w.zhou)
    scheduled(w)
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("meetings:list")).status_code == 200
    scheduled(w, days_ahead=20)
    resolved(w, held(w))
    with CaptureQueriesContext(connection) as second:
        page = client.get(reverse("meetings:list"))
    assert len(second) == len(first)
    assert "反馈执行异议案件办理情况" in page.content.decode()


def test_figures_take_a_constant_number_of_queries(w, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    scope = Organisation.objects.get(pk=w.s.court.pk)
    with django_assert_num_queries(3):
        empty = figures_for(scope, today())
    assert empty.held == 0 and empty.due == meetings_due(w.agreement, today()) == 1
    approved_by_both(w)
    item = item_of(resolved(w, held(w)))
    from liaison.workflow.actions import transition

    transition(matter=item, name="done", access=access_for(w.zhou), data={"note": "完成"})
    with django_assert_num_queries(3):
        figures = figures_for(scope, today())
    assert figures.held == 2 and figures.done_in_time == 1 and figures.open == 0


def test_figures_page(client, w) -> None:
    client.force_login(w.luo)
    page = client.get(reverse("meetings:figures"))
    assert page.status_code == 200 and w.agreement.title in page.content.decode()


def test_ical_and_minutes_documents(client, w) -> None:
    meeting = approved_by_both(w)
    client.force_login(w.zhou)
    ics = client.get(reverse("meetings:ical", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "\r\n" in body and f"meeting-{meeting.pk}@" in body
    docx = client.get(reverse("meetings:minutes", args=[meeting.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(reverse("meetings:minutes", args=[meeting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_no_minutes_document_before_minutes_are_drafted(client, w) -> None:
    meeting = scheduled(w)
    client.force_login(w.luo)
    assert client.get(reverse("meetings:minutes", args=[meeting.pk, "pdf"])).status_code == 404


def test_my_work_shows_the_overdue_meeting_to_each_sides_liaison_person(client, w) -> None:
    for who in (w.luo, w.zhou):
        client.force_login(who)
        page = client.get(reverse("workspace:my-work")).content.decode()
        assert 'data-testid="my-work-overdue-meetings"' in page and w.agreement.title in page
    scheduled(w)
    page = client.get(reverse("workspace:my-work")).content.decode()
    assert 'data-testid="my-work-overdue-meetings"' not in page


def test_agenda_with_an_unknown_number_keeps_what_was_typed(client, w) -> None:
    meeting = scheduled(w)
    client.force_login(w.zhou)
    response = client.post(
        reverse("meetings:agenda", args=[meeting.pk]),
        {"title": "执行异议案件", "matter_numbers": "不存在的号"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "执行异议案件" in page and "不存在的号" in page
    from ..models import AgendaItem

    assert not AgendaItem.objects.exists()


def test_invite_form_refuses_someone_of_no_party(client, w) -> None:
    meeting = scheduled(w)
    client.force_login(w.zhou)
    response = client.post(
        reverse("meetings:invite", args=[meeting.pk]), {"person": w.s.outsider_staff.pk}
    )
    assert response.status_code == 400
    response = client.post(reverse("meetings:invite", args=[meeting.pk]), {"person": w.clerk.pk})
    assert response.status_code == 302


def test_the_word_minutes_read_as_the_parties_joint_record(w) -> None:
    from io import BytesIO

    from docx import Document

    from ..documents import minutes_document

    meeting = approved_by_both(w)
    content, _type, name = minutes_document(meeting, "docx")
    text = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
    assert "联席会议纪要" in text and "会议通报了本季度民事执行监督案件情况。" in text
    assert w.s.procuratorate.name in text and w.s.court.name in text
    assert "草稿" not in name
    draft = drafted(world())
    assert "草稿" in minutes_document(draft, "docx")[2]


def test_figures_over_the_tree_count_the_agreements_of_those_below(w) -> None:
    from liaison.core.tests.factories import OrganisationFactory

    city = OrganisationFactory(name="鄂尔多斯市人民检察院")
    Organisation.objects.filter(pk=w.s.procuratorate.pk).update(parent=city)
    procuratorate = Organisation.objects.get(pk=w.s.procuratorate.pk)
    procuratorate.save()  # the path follows the parent
    resolved(w, held(w))
    figures = figures_for(Organisation.objects.get(pk=city.pk), today())
    assert [row.agreement.pk for row in figures.rows] == [w.agreement.pk]
    assert figures.held == 1 and figures.open == 1
    assert figures.open_by_owner == [(w.s.court.name, 1)]
    elsewhere = figures_for(OrganisationFactory(name="别处检察院"), today())
    assert elsewhere.rows == []
