"""A person with seats in several courts (or procuratorates) chooses which one acts on the
courts' pages ("acting for", only the seats that may do it); with one seat nothing is asked.
The action checks the seat chosen: a court the person does not keep is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import Role
from liaison.recommendations.models import Recommendation
from liaison.workflow.tests.factories import court as court_factory

from ..models import EnforcementCase, EnforcementShare, RegisterImport, SupervisionCase
from .factories import GOOD_ROWS, HEADING, World, imported, world

pytestmark = pytest.mark.django_db


def _second_court(w: World):  # type: ignore[no-untyped-def]
    """A second court whose register the world's enforcement officer keeps too."""
    other = court_factory(name="西宁市城北区人民法院", division=division())
    cooperation_start(actor=w.prosecutor, organisations=(w.procuratorate, other))
    MembershipFactory(person=w.enforcement, organisation=other, role=Role.ENFORCEMENT_OFFICER)
    return other


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_one_seat_asks_nothing() -> None:
    w = world()
    page = _client(w.enforcement).get(reverse("courts:cases"))
    assert page.status_code == 200 and 'name="acting_for"' not in page.content.decode()
    page = _client(w.prosecutor).get(reverse("courts:recommend"))
    assert 'name="acting_for"' not in page.content.decode()


def test_two_court_seats_choose_which_court_shares() -> None:
    w = world()
    other = _second_court(w)
    EnforcementCase.objects.create(
        court=other,
        case_number="（2026）青0105执7号",
        applicant="甲",
        respondent="乙",
        amount=1,
        filed_on="2026-01-02",
    )
    client = _client(w.enforcement)
    page = client.get(reverse("courts:cases")).content.decode()
    assert 'name="acting_for"' in page and "西宁市城北区人民法院" in page
    data = {"case_number": "（2026）青0105执7号", "procuratorate": w.procuratorate.pk}
    missing = client.post(reverse("courts:share"), data)
    assert missing.status_code == 400 and not EnforcementShare.objects.exists()
    wrong = client.post(reverse("courts:share"), {**data, "acting_for": w.court.pk})
    assert wrong.status_code == 400 and not EnforcementShare.objects.exists()  # not in court A
    stranger = court_factory(name="大通县人民法院", division=division())
    refused = client.post(reverse("courts:share"), {**data, "acting_for": stranger.pk})
    assert refused.status_code == 400 and not EnforcementShare.objects.exists()
    done = client.post(reverse("courts:share"), {**data, "acting_for": other.pk})
    assert done.status_code == 302
    assert EnforcementShare.objects.get().case.court == other


def test_two_court_seats_choose_which_court_imports() -> None:
    w = world()
    other = _second_court(w)
    register = SimpleUploadedFile(
        "register.csv", (HEADING + GOOD_ROWS).replace("青0103", "青0105").encode()
    )
    client = _client(w.enforcement)
    response = client.post(
        reverse("courts:import"),
        {"register": register, "procuratorate": w.procuratorate.pk, "acting_for": other.pk},
    )
    assert response.status_code == 302
    assert RegisterImport.objects.get().court == other
    assert set(EnforcementCase.objects.values_list("court", flat=True)) == {other.pk}


def test_two_procuratorate_seats_choose_which_recommends_and_supervises() -> None:
    w = world()
    second = OrganisationFactory(name="西宁市城北区人民检察院", division=division())
    MembershipFactory(person=w.prosecutor, organisation=second, role=Role.PROSECUTOR)
    cooperation_start(actor=w.prosecutor, organisations=(second, w.court))
    client = _client(w.prosecutor)
    assert 'name="acting_for"' in client.get(reverse("courts:recommend")).content.decode()
    data = {
        "kind": "courts.violation",
        "court": w.court.pk,
        "title": "关于纠正执行违法的检察建议",
        "facts": "事实。",
        "opinion": "意见。",
        "measures": "措施。",
    }
    assert client.post(reverse("courts:recommend"), data).status_code == 400
    done = client.post(reverse("courts:recommend"), {**data, "acting_for": second.pk})
    assert done.status_code == 302 and Recommendation.objects.get().owner == second

    # A case shared with both: the page asks which opens the supervision.
    imported(w)
    case = EnforcementCase.objects.get(case_number="（2026）青0103执123号")
    EnforcementShare.objects.create(case=case, procuratorate=second, granted_by=w.enforcement)
    url = reverse("courts:case", args=[case.pk])
    assert 'name="acting_for"' in client.get(url).content.decode()
    opened = client.post(
        url,
        {
            "kind": "courts.enforcement",
            "origin": "own_initiative",
            "grounds": "执行款未发放。",
            "acting_for": second.pk,
        },
    )
    assert opened.status_code == 302 and SupervisionCase.objects.get().owner == second
