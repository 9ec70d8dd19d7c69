"""A notice goes only to an organisation its sender works with, found by a search.

Seen in the trial: Datong's ecology bureau in Shanxi could send a notice, with an answer clock,
to a law firm in Inner Mongolia, picked from a list of every organisation in the country.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.notices.actions import notice_send
from liaison.notices.models import InformationNotice
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Clock, Matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    bureau: Organisation = OrganisationFactory(
        name="大同市生态环境局",
        kind=OrganisationKind.ADMINISTRATIVE_AGENCY,
        level=Organisation.Level.MUNICIPAL,
        division=division("140200"),
        works_with_own_area=True,
    )
    procuratorate: Organisation = OrganisationFactory(
        name="大同市人民检察院", level=Organisation.Level.MUNICIPAL, division=division("140200")
    )
    court: Organisation = OrganisationFactory(
        name="大同市平城区人民法院", kind=OrganisationKind.COURT, division=division("140213")
    )
    firm: Organisation = OrganisationFactory(
        name="内蒙古树正律师事务所", kind=OrganisationKind.LAW_FIRM, division=division("150603")
    )
    officer = member(bureau, Role.AGENCY_OFFICER)
    cooperation_start(actor=officer, organisations=(bureau, procuratorate))
    return {"bureau": bureau, "procuratorate": procuratorate, "court": court, "firm": firm}, officer


def _post(client, sender, recipient, title="关于煤场扬尘整改的通报"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("notices:new"),
        {
            "sender": sender.pk,
            "recipient": recipient.pk,
            "recipient_search": "律师",
            "title": title,
            "body": "请反馈整改进度。",
        },
    )


def test_the_shanxi_bureau_cannot_send_to_an_inner_mongolia_firm(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, officer = world
    client.force_login(officer)
    response = _post(client, orgs["bureau"], orgs["firm"])
    assert response.status_code == 400
    page = response.content.decode()
    assert "works with" in page or "合作" in page
    assert "关于煤场扬尘整改的通报" in page and "请反馈整改进度。" in page  # what was typed
    assert not InformationNotice.objects.exists() and not Clock.objects.exists()
    with pytest.raises(WorkflowError):
        notice_send(
            access=access_for(officer),
            sender=orgs["bureau"],
            recipient=orgs["firm"],
            title="绕过表单",
            body="x",
        )
    assert not Matter.objects.exists()


def test_partners_and_the_own_area_are_reachable(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, officer = world
    client.force_login(officer)
    for recipient in (orgs["procuratorate"], orgs["court"]):
        response = _post(client, orgs["bureau"], recipient, title=f"致{recipient.name}")
        assert response.status_code == 302, response.content.decode()[:3000]
    assert InformationNotice.objects.filter(state="sent").count() == 2


def test_the_form_lists_no_organisation_of_the_country(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, officer = world
    client.force_login(officer)
    page = client.get(reverse("notices:new")).content.decode()
    assert orgs["firm"].name not in page
    assert reverse("notices:recipients") in page


def _search(client, sender, q=""):  # type: ignore[no-untyped-def]
    return client.get(reverse("notices:recipients"), {"sender": sender.pk, "q": q})


def test_the_search_finds_only_reachable_organisations(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, officer = world
    client.force_login(officer)
    found = _search(client, orgs["bureau"], "检察").content.decode()
    assert orgs["procuratorate"].name in found and orgs["court"].name not in found
    found = _search(client, orgs["bureau"], "平城").content.decode()
    assert orgs["court"].name in found
    found = _search(client, orgs["bureau"], "律师").content.decode()
    assert orgs["firm"].name not in found
    everyone = _search(client, orgs["bureau"]).content.decode()
    assert orgs["firm"].name not in everyone and orgs["bureau"].name not in everyone


def test_the_search_refuses_outsiders(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, _officer = world
    stranger = member(orgs["firm"], Role.FIRM_ADMINISTRATOR)
    client.force_login(stranger)
    assert _search(client, orgs["bureau"]).status_code == 404
    assert client.get(reverse("notices:recipients"), {"sender": "x"}).status_code == 404
    client.logout()
    assert _search(client, orgs["bureau"]).status_code == 302


def test_the_search_is_limited_and_costs_the_same_for_more_organisations(client, world) -> None:  # type: ignore[no-untyped-def]
    orgs, officer = world
    client.force_login(officer)

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = _search(client, orgs["bureau"], "法院")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, _ = count()
    for n in range(30):
        OrganisationFactory(
            name=f"大同市第{n}人民法院", kind=OrganisationKind.COURT, division=division("140200")
        )
    many, page = count()
    assert many == few
    assert page.count('name="recipient"') == 20
