"""Lawyers of record receive a case's procedural events, and nothing beyond the procedural facts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.lawyers.models import ProcedureEvent
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import WorkflowError

from .factories import case, lawyer, of_record, procuratorate, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = procuratorate()
    prosecutor = staff(org, Role.PROSECUTOR)
    the_case = case(org, by=prosecutor)
    counsel, other = lawyer(at=org), lawyer(at=org)
    of_record(the_case, counsel)
    return org, prosecutor, the_case, counsel, other


def test_procedural_events_reach_the_lawyers_of_record_only(world) -> None:  # type: ignore[no-untyped-def]
    _org, prosecutor, the_case, counsel, other = world
    access = access_for(prosecutor)
    until = timezone.localdate() + timedelta(days=15)
    transition(
        matter=the_case,
        name="extend",
        access=access,
        data={"until": until.isoformat(), "note": "案情重大复杂，需补充证据（内部理由）"},
    )
    transition(matter=the_case, name="indict", access=access, data={"court": "康巴什区人民法院"})
    transition(
        matter=the_case,
        name="set_hearing",
        access=access,
        data={"when": "2027-01-12T09:30", "court": "康巴什区人民法院"},
    )
    transition(matter=the_case, name="close", access=access)
    kinds = [e.kind for e in ProcedureEvent.objects.filter(case=the_case).order_by("at", "pk")]
    assert kinds == ["accepted", "extended", "indicted", "hearing", "closed"]
    told = counsel.user.notifications.filter(event__startswith="lawyers.case.")
    assert told.count() == 4  # linked after the acceptance
    assert not other.user.notifications.filter(event__startswith="lawyers.case.").exists()
    assert all("内部理由" not in str(n.params) for n in told)
    extended = ProcedureEvent.objects.get(case=the_case, kind="extended")
    assert extended.facts == {"number": the_case.case_number, "until": until.isoformat()}
    assert extended.notified == 1


def test_the_lawyers_feed_and_case_page_show_procedural_facts_only(client, world) -> None:  # type: ignore[no-untyped-def]
    _org, prosecutor, the_case, counsel, other = world
    transition(
        matter=the_case,
        name="indict",
        access=access_for(prosecutor),
        data={"court": "康巴什区人民法院"},
    )
    from liaison.workflow.actions import matter_comment

    matter_comment(matter=the_case, access=access_for(prosecutor), text="内部讨论：证据链薄弱")
    client.force_login(counsel.user)
    home = client.get(reverse("lawyers:home")).content.decode()
    assert the_case.case_number in home and "康巴什区人民法院" in home
    page = client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).content.decode()
    assert "张三丰" in page and "内部讨论" not in page
    # the staff's own record of the case stays closed to lawyers
    assert client.get(reverse("workspace:matter", args=[the_case.pk])).status_code == 404
    client.force_login(other.user)
    assert client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).status_code == 404


def test_staff_link_a_verified_lawyer_once(client, world) -> None:  # type: ignore[no-untyped-def]
    org, prosecutor, the_case, _counsel, other = world
    client.force_login(prosecutor)
    url = reverse("lawyers:counsel", args=[the_case.pk])
    response = client.post(url, {"lawyer": other.pk, "client": "张三丰"})
    assert response.status_code == 302
    assert the_case.counsel.filter(lawyer=other).exists()
    again = client.post(url, {"lawyer": other.pk, "client": "张三丰"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400 and "already acts" in again.content.decode()
    unverified = lawyer(at=org, verified=False)
    refused = client.post(
        url, {"lawyer": unverified.pk, "client": "张三丰"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400 and "verified lawyer" in refused.content.decode()
    assert the_case.counsel.count() == 2


def test_a_lawyer_cannot_link_themself(world) -> None:  # type: ignore[no-untyped-def]
    from liaison.lawyers.actions import counsel_link

    _org, _prosecutor, the_case, _counsel, other = world
    with pytest.raises(WorkflowError):
        counsel_link(access=access_for(other.user), case=the_case, lawyer=other, client="x")


def test_staff_register_a_case(client) -> None:
    org = procuratorate()
    prosecutor = staff(org, Role.PROSECUTOR)
    client.force_login(prosecutor)
    response = client.post(
        reverse("lawyers:cases"),
        {
            "owner": org.pk,
            "title": "王某某涉嫌诈骗案",
            "kind": "criminal",
            "cause": "诈骗罪",
            "suspect": "王五",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "王五" in page
    from liaison.lawyers.models import ProcuratorateCase

    assert ProcuratorateCase.objects.get().state == "under_review"
