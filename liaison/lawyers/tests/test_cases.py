"""Lawyers of record receive a case's procedural events, and nothing beyond the procedural facts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.lawyers.counsel_actions import counsel_end
from liaison.lawyers.models import CaseCounsel
from liaison.lawyers.selectors import cases_for_lawyer
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import MatterParty, Relation, TimelineEvent

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
    steps = list(
        TimelineEvent.objects.filter(matter=the_case, transition__gt="").values_list(
            "transition", flat=True
        )
    )
    assert steps == ["accept", "extend", "indict", "set_hearing", "close"]
    told = counsel.user.notifications.filter(event__startswith="lawyers.case.")
    # linked after the acceptance: told of the link, then of four procedural steps
    assert sorted(told.values_list("event", flat=True)) == [
        "lawyers.case.close",
        "lawyers.case.counsel_link",
        "lawyers.case.extend",
        "lawyers.case.indict",
        "lawyers.case.set_hearing",
    ]
    assert not other.user.notifications.filter(event__startswith="lawyers.case.").exists()
    assert all("内部理由" not in str(n.params) for n in told)
    extended = told.get(event="lawyers.case.extend")
    assert extended.params["until"] == until.isoformat()
    assert "note" not in extended.params
    hearing = told.get(event="lawyers.case.set_hearing")
    assert "2027-01-12 09:30" in hearing.message and "康巴什区人民法院" in hearing.message


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
    # the staff's own record of the case stays closed to lawyers: its page sends a lawyer of
    # record to theirs (an outside relation), and answers anyone else 404
    response = client.get(reverse("workspace:matter", args=[the_case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("lawyers:counsel-case", args=[the_case.pk])
    client.force_login(other.user)
    assert client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).status_code == 404
    assert client.get(reverse("workspace:matter", args=[the_case.pk])).status_code == 404


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
    from liaison.lawyers.counsel_actions import counsel_link

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


def test_a_lawyer_of_record_is_a_counsel_party_who_reads_procedural_events_only(  # type: ignore[no-untyped-def]
    client, world
) -> None:
    _org, prosecutor, the_case, counsel, _other = world
    assert MatterParty.objects.filter(
        matter=the_case, relation=Relation.COUNSEL, person=counsel.user
    ).exists()
    access = access_for(prosecutor)
    transition(
        matter=the_case,
        name="not_indict",
        access=access,
        data={"note": "证据不足（内部讨论记录）"},
    )
    client.force_login(counsel.user)
    page = client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).content.decode()
    # the acceptance came before the link: the case's page reads every procedural event
    assert "accepted for review" in page or "受理审查" in page
    assert "内部讨论记录" not in page
    # the feed on their own page reads the same way
    home = client.get(reverse("lawyers:home")).content.decode()
    assert "内部讨论记录" not in home
    assert "decided not to indict" in home or "不起诉" in home


def test_the_handling_prosecutor_ends_a_lawyer_of_record_from_the_case_page(  # type: ignore[no-untyped-def]
    client, world
) -> None:
    _org, prosecutor, the_case, counsel, _other = world
    link = CaseCounsel.objects.get(case=the_case, lawyer=counsel)
    client.force_login(prosecutor)
    page = client.get(reverse("workspace:matter", args=[the_case.pk])).content.decode()
    assert reverse("lawyers:counsel-end", args=[link.pk]) in page
    url = reverse("lawyers:counsel-end", args=[link.pk])
    empty = client.post(url, {"reason": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400 and "Give the reason" in empty.content.decode()
    link.refresh_from_db()
    assert link.ended_at is None
    response = client.post(url, {"reason": "委托人解除委托"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.ended_at is not None and link.party is None
    assert not cases_for_lawyer(counsel).exists()
    assert AuditRecord.objects.filter(action="lawyers.counsel.end").exists()
    told = counsel.user.notifications.get(event="lawyers.case.counsel_end")
    assert "委托人解除委托" in told.message
    # the lawyer no longer sees the case, nor hears of its steps
    client.force_login(counsel.user)
    assert client.get(reverse("lawyers:counsel-case", args=[the_case.pk])).status_code == 404
    transition(
        matter=the_case, name="indict", access=access_for(prosecutor), data={"court": "某法院"}
    )
    assert not counsel.user.notifications.filter(event="lawyers.case.indict").exists()
    again = client.post(url, {"reason": "x"})
    assert again.status_code == 404  # the lawyer may not see the case's page at all


def test_only_the_case_staff_end_a_lawyer_of_record(world) -> None:  # type: ignore[no-untyped-def]
    _org, _prosecutor, the_case, counsel, other = world
    link = CaseCounsel.objects.get(case=the_case, lawyer=counsel)
    with pytest.raises(TransitionForbidden):
        counsel_end(access=access_for(other.user), counsel=link, reason="x")
    with pytest.raises(TransitionForbidden):
        counsel_end(access=access_for(counsel.user), counsel=link, reason="x")
    link.refresh_from_db()
    assert link.ended_at is None and link.party is not None


def test_a_lawyer_ended_cannot_be_ended_twice(world) -> None:  # type: ignore[no-untyped-def]
    _org, prosecutor, the_case, counsel, _other = world
    link = CaseCounsel.objects.get(case=the_case, lawyer=counsel)
    counsel_end(access=access_for(prosecutor), counsel=link, reason="解除委托")
    with pytest.raises(WorkflowError):
        counsel_end(access=access_for(prosecutor), counsel=link, reason="解除委托")
    assert AuditRecord.objects.filter(action="lawyers.counsel.end").count() == 1
