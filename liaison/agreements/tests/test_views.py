"""The agreements' pages: the list (query count), drafting and correcting with bad input kept,
the agreement's page with its parties and liaison forms, the matter page's "runs under" panel,
and the steps taken from the page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.agreements.actions import liaison_person_name
from liaison.agreements.models import Agreement, LiaisonPerson
from liaison.core.access import access_for
from liaison.workflow.opening import matter_open

from .factories import draft, in_force, sides, signed_pdf

pytestmark = pytest.mark.django_db


def test_the_list_shows_a_partys_agreements_in_constant_queries(client):
    s = sides()
    first = draft(s)
    client.force_login(s.judge)
    with CaptureQueriesContext(connection) as one:
        page = client.get(reverse("agreements:list"))
    assert page.status_code == 200 and first.case_number in page.content.decode()
    for n in range(4):
        draft(s, title=f"意见{n}")
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("agreements:list"))
    assert len(five) == len(one)


def test_the_list_shows_nothing_to_an_organisation_not_a_party(client):
    s = sides()
    agreement = draft(s)
    client.force_login(s.outsider_staff)
    page = client.get(reverse("agreements:list")).content.decode()
    assert agreement.case_number not in page


def test_drafting_from_the_form(client):
    s = sides()
    client.force_login(s.chief)
    assert client.get(reverse("agreements:new")).status_code == 200
    response = client.post(
        reverse("agreements:new"),
        {
            "owner": s.procuratorate.pk,
            "title": "关于加强民事执行监督工作的意见",
            "partners": [s.court.pk],
            "articles": "第一条",
            "governs": ["notices.notice"],
            "meeting_cadence": "6",
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.meeting_cadence == 6 and agreement.governs == ["notices.notice"]


def test_bad_input_keeps_what_was_typed_and_changes_nothing(client):
    s = sides()
    client.force_login(s.chief)
    response = client.post(
        reverse("agreements:new"),
        {"owner": s.procuratorate.pk, "title": "保留的标题", "partners": [], "articles": "条文"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "保留的标题" in page and _("Name at least one other party to the agreement.") in page
    assert not Agreement.objects.exists()


def test_a_prosecutor_may_not_open_the_drafting_form(client):
    s = sides()
    client.force_login(s.prosecutor)
    assert client.get(reverse("agreements:new")).status_code == 403


def test_correcting_the_draft_only_by_the_owner(client):
    s = sides()
    agreement = draft(s)
    client.force_login(s.court_admin)
    assert client.get(reverse("agreements:edit", args=[agreement.pk])).status_code == 404
    client.force_login(s.admin)
    assert client.get(reverse("agreements:edit", args=[agreement.pk])).status_code == 200
    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]),
        {"title": "改后", "partners": [s.court.pk], "meeting_cadence": "12"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "改后" and agreement.meeting_cadence == 12


def test_the_agreements_page_shows_parties_liaison_and_forms(client):
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5))
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    client.force_login(s.court_admin)
    page = client.get(reverse("workspace:matter", args=[agreement.pk])).content.decode()
    assert 'data-testid="agreement"' in page
    assert "协作意见.pdf" in page
    assert page.count('data-testid="liaison-form"') == 1  # the court's own, not the procuratorate's
    client.force_login(s.outsider_staff)
    assert client.get(reverse("workspace:matter", args=[agreement.pk])).status_code == 404


def test_naming_a_liaison_person_from_the_page(client):
    s = sides()
    agreement = draft(s)
    url = reverse("agreements:liaison", args=[agreement.pk, s.court.pk])
    client.force_login(s.court_admin)
    client.post(url, {"person": s.prosecutor.pk})  # not one of the court's
    assert not LiaisonPerson.objects.exists()
    client.post(url, {"person": s.judge.pk})
    assert LiaisonPerson.objects.get().person == s.judge
    client.force_login(s.admin)  # the other party's administrator
    assert client.post(url, {"person": s.court_admin.pk}).status_code == 404


def test_signing_from_the_matter_page(client):
    s = sides()
    agreement = draft(s)
    client.force_login(s.chief)
    url = reverse("workspace:transition", args=[agreement.pk, "sign"])
    response = client.post(url, {"signed_on": "2026-01-05"})
    assert response.status_code == 400
    client.post(url, {"signed_on": "2026-01-05", "document": signed_pdf()})
    agreement.refresh_from_db()
    assert agreement.state == "signed"


def test_a_matter_shows_the_agreement_it_runs_under(client):
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5), governs=["notices.notice"])
    notice = matter_open(
        workflow="notices.notice",
        owner=s.procuratorate,
        access=access_for(s.prosecutor),
        fields={"title": "通报", "body": "内容"},
        partners=[s.court],
        handlers=[s.prosecutor],
        start="send",
    )
    client.force_login(s.judge)
    page = client.get(reverse("workspace:matter", args=[notice.pk])).content.decode()
    assert 'data-testid="runs-under"' in page and agreement.title in page


def test_the_menu_offers_agreements_to_staff_only(client):
    from liaison.core.tests.factories import OrganisationFactory, member
    from liaison.orgs.roles import OrganisationKind, Role

    s = sides()
    client.force_login(s.judge)
    assert reverse("agreements:list") in client.get(reverse("workspace:my-work")).content.decode()
    firm = OrganisationFactory(kind=OrganisationKind.LAW_FIRM)
    client.force_login(member(firm, Role.LAWYER))
    assert client.get(reverse("agreements:list")).status_code == 403


def test_an_overdue_joint_meeting_shows_on_both_sides_pages(client):
    s = sides()
    agreement = in_force(s, signed_on=date(2024, 1, 5), meeting_cadence=3)
    for person in (s.chief, s.judge):
        client.force_login(person)
        page = client.get(reverse("workspace:matter", args=[agreement.pk])).content.decode()
        assert 'data-testid="meeting-overdue"' in page and "2024-04-05" in page


def test_replacing_and_expiring_from_the_page(client):
    s = sides()
    old = in_force(s, signed_on=date(2025, 1, 5))
    newer = in_force(s, signed_on=date(2026, 1, 5), title="新的协作意见")
    client.force_login(s.chief)
    page = client.get(reverse("workspace:matter", args=[old.pk])).content.decode()
    assert "新的协作意见" in page  # offered as the replacement
    expire = reverse("workspace:transition", args=[old.pk, "expire"])
    response = client.post(expire, {"ended_on": "2024-12-31", "note": "到期"})
    assert response.status_code == 400 and "到期" in response.content.decode()
    old.refresh_from_db()
    assert old.state == "in_force"
    replace = reverse("workspace:transition", args=[old.pk, "replace"])
    client.post(replace, {"replaced_by": newer.pk})
    old.refresh_from_db()
    assert old.state == "replaced" and old.replaced_by == newer
    client.force_login(s.judge)
    page = client.get(reverse("workspace:matter", args=[old.pk])).content.decode()
    assert "新的协作意见" in page and 'value="replace"' not in page
