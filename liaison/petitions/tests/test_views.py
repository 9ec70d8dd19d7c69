"""Petition pages: recording one (bad input keeps what was typed), the list, the petitioner
masked to everyone but the handling staff (whose every look is audited), the lawyer's page and
the figures."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.lawyers.tests.factories import lawyer
from liaison.orgs.roles import Role
from liaison.petitions.figures import figures_for
from liaison.petitions.models import Petition
from liaison.workflow.actions import transition

from .factories import accepted, invited, joined, petition, procuratorate, staff

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = procuratorate(abbreviation="康检")
    prosecutor = staff(org, Role.PROSECUTOR)
    return {"org": org, "prosecutor": prosecutor, "lawyer": lawyer(at=org)}


def _form(world, **changes):  # type: ignore[no-untyped-def]
    return {
        "owner": str(world["org"].pk),
        "petitioner_name": "王秀兰",
        "petitioner_mobile": "139 0477 0123",
        "petitioner_address": "康巴什区青春山街道",
        "title": "不服民事判决申请监督",
        "details": "请求检察监督。",
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "channel": "letter",
        **changes,
    }


def test_staff_record_a_petition_and_land_on_its_page(client, world) -> None:
    client.force_login(world["prosecutor"])
    assert client.get(reverse("petitions:new")).status_code == 200
    response = client.post(reverse("petitions:new"), _form(world))
    made = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/matters/{made.pk}/"
    assert made.state == "received" and made.petitioner_mobile == "13904770123"
    assert made.received_on == timezone.localdate() - timedelta(days=1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("petitioner_mobile", "1234", "11 digits"),
        ("received_on", "2999-01-01", "future"),
        ("details", "", "required"),
        ("channel", "pigeon", "valid choice"),
    ],
)
def test_bad_input_is_refused_keeping_what_was_typed(  # type: ignore[no-untyped-def]
    client, world, field, value, message
) -> None:
    client.force_login(world["prosecutor"])
    response = client.post(
        reverse("petitions:new"), _form(world, **{field: value}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "不服民事判决申请监督" in page and "王秀兰" in page
    assert not Petition.objects.exists()


def test_a_lawyer_cannot_record_petitions(client, world) -> None:
    client.force_login(world["lawyer"].user)
    response = client.post(reverse("petitions:new"), _form(world))
    assert response.status_code == 403
    assert not Petition.objects.exists()


def test_the_list_shows_the_users_procuratorates_petitions_by_state(client, world) -> None:
    mine = petition(world["org"], by=world["prosecutor"], title="我院的信访件")
    other_org = procuratorate()
    theirs = petition(other_org, by=staff(other_org), title="他院的信访件")
    client.force_login(world["prosecutor"])
    page = client.get(reverse("petitions:list")).content.decode()
    assert mine.case_number in page and theirs.case_number not in page
    accepted_only = client.get(reverse("petitions:list"), {"state": "accepted"})
    assert mine.case_number not in accepted_only.content.decode()


def test_the_lawyer_sees_the_petitioner_masked_and_may_not_look(client, world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    counsel = world["lawyer"]
    invited(made, counsel, by=world["prosecutor"])
    client.force_login(counsel.user)
    page = client.get(reverse("workspace:matter", args=[made.pk]), **ZH).content.decode()
    assert "王**" in page and "139****0123" in page
    for private in ("王秀兰", "13904770123", "青春山街道"):
        assert private not in page
    assert "show-petitioner" not in page
    assert "接受" in page and "拒绝" in page  # the lawyer's two answers
    response = client.get(reverse("petitions:petitioner", args=[made.pk]), **ZH)
    assert response.status_code == 403
    assert "王秀兰" not in response.content.decode()
    assert AuditRecord.objects.filter(action="petitions.petitioner.refused").count() == 1


def test_the_lawyers_page_lists_the_petitions_they_take_part_in(client, world) -> None:
    made = accepted(
        petition(world["org"], by=world["prosecutor"], title="请求释法说理的信访件"),
        by=world["prosecutor"],
    )
    counsel = world["lawyer"]
    joined(invited(made, counsel, by=world["prosecutor"]), counsel)
    declined = accepted(
        petition(world["org"], by=world["prosecutor"], title="律师拒绝参与的信访件"),
        by=world["prosecutor"],
    )
    invited(declined, counsel, by=world["prosecutor"])
    transition(matter=declined, name="decline", access=access_for(counsel.user), data={})
    client.force_login(counsel.user)
    page = client.get(reverse("lawyers:home")).content.decode()
    assert made.case_number in page and "请求释法说理的信访件" in page
    assert declined.case_number not in page


def test_figures_count_lawyer_participation_and_the_resolution_rate(client, world) -> None:
    org, prosecutor, head = (
        world["org"],
        world["prosecutor"],
        staff(world["org"], Role.CHIEF_PROCURATOR),
    )
    with_lawyer = accepted(petition(org, by=prosecutor), by=prosecutor)
    joined(invited(with_lawyer, world["lawyer"], by=prosecutor), world["lawyer"])
    transition(
        matter=with_lawyer,
        name="resolve",
        access=access_for(prosecutor),
        data={"outcome": "息诉罢访"},
    )
    alone = accepted(petition(org, by=prosecutor), by=prosecutor)
    transition(
        matter=alone, name="close_unresolved", access=access_for(head), data={"outcome": "不接受"}
    )
    petition(org, by=prosecutor)  # still open
    figures = figures_for(access_for(prosecutor))
    assert (figures.received, figures.with_lawyer) == (3, 1)
    assert (figures.resolved, figures.closed, figures.resolution_rate) == (1, 2, 50)
    assert (figures.resolved_with_lawyer, figures.closed_with_lawyer) == (1, 1)
    assert figures.resolution_rate_with_lawyer == 100
    assert (figures.receipt_replies, figures.receipt_replies_in_time) == (2, 2)
    client.force_login(prosecutor)
    page = client.get(reverse("petitions:figures")).content.decode()
    assert "50%" in page
    assert figures_for(access_for(world["lawyer"].user)).procuratorates == []


def test_the_figures_are_a_few_queries_whatever_the_numbers(
    world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    access = access_for(world["prosecutor"])
    with django_assert_max_num_queries(5):
        figures_for(access)
