"""Follow-up supervision by volunteers: the handling prosecutors assign rectification supervisors
(volunteers who took on the role, nobody else); a supervisor sees the case's supervision page and
never the case's own, files on-site reports that count once accepted (each accepted report earns
points), and is told when assigned and when the case closes; so is every reporter of its clues."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicinterest.models import Observation, PILCase, Review
from liaison.publicinterest.selectors import cases_supervised_by, supervisor_candidates
from liaison.publicinterest.supervision_actions import (
    observation_file,
    observation_review,
    supervisor_assign,
    supervisor_withdraw,
)
from liaison.volunteers.models import PointsEntry, PointsReason
from liaison.volunteers.selectors import points_total
from liaison.volunteers.tests.factories import volunteer
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import MatterParty, Relation, TimelineEvent
from liaison.workflow.selectors import matters_visible_to
from liaison.workflow.tests.factories import approve_all

from .factories import (
    accepted_case,
    agency_officer,
    clue_officer,
    filed_case,
    followed_up_case,
    photo,
    procuratorate,
    prosecutor,
    reported_clue,
    supervisor,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CLOSE = {"note": "经现场核查，煤场已全部苫盖，整改到位。"}


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def handler(kangbashi: Organisation) -> Any:
    return prosecutor(kangbashi, name="李建国")


@pytest.fixture
def case(handler: Any) -> PILCase:
    return followed_up_case(filed_case(by=handler))


def _report(case: PILCase, author: Any, finding: str = "rectified", **extra: Any) -> Observation:
    return observation_file(
        case=case,
        author=author,
        observed_on=timezone.localdate(),
        finding=finding,
        note="煤堆已全部苫盖，喷淋设施运行正常，未见扬尘。",
        **extra,
    )


def _assign(case: PILCase, handler: Any, person: Any) -> None:
    supervisor_assign(case=case, access=access_for(handler), person=person)


# -- assigning ------------------------------------------------------------------------------------


def test_the_handler_assigns_a_supervisor_who_is_told_and_stands_outside(case, handler) -> None:  # type: ignore[no-untyped-def]
    person = supervisor(name="李静怡")
    assert list(supervisor_candidates(case)) == [person]
    _assign(case, handler, person)
    assert MatterParty.objects.filter(
        matter=case, relation=Relation.SUPERVISOR, person=person
    ).exists()
    assert list(supervisor_candidates(case)) == []
    assert list(cases_supervised_by(access_for(person))) == [case]
    assert not matters_visible_to(access_for(person)).filter(pk=case.pk).exists()
    told = Notification.objects.get(recipient=person)
    assert told.event == "publicinterest.case.supervisor_assigned" and told.matter_id == case.pk
    assert case.division.full_name in told.message and case.title not in told.message
    event = TimelineEvent.objects.get(matter=case, action="publicinterest.case.supervisor_assigned")
    assert (event.actor, event.note) == (handler, "李静怡")


def test_only_a_volunteer_holding_the_supervisor_role_can_be_assigned(case, handler) -> None:  # type: ignore[no-untyped-def]
    clue_collector = volunteer(name="宋柳金")  # a volunteer, but not a supervisor
    staff = member(case.owner, Role.CLUE_OFFICER)
    closed_account = supervisor(name="王浩")
    closed_account.is_active = False
    closed_account.save()
    for person in (clue_collector, staff, UserFactory(), closed_account):
        with pytest.raises(WorkflowError, match="rectification supervisor"):
            _assign(case, handler, person)
    assert not MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).exists()
    person = supervisor()
    _assign(case, handler, person)
    with pytest.raises(WorkflowError, match="already"):
        _assign(case, handler, person)


def test_only_those_handling_the_case_assign_and_withdraw(kangbashi, case, handler) -> None:  # type: ignore[no-untyped-def]
    person = supervisor()
    others = (
        prosecutor(kangbashi),  # a prosecutor of the procuratorate, not the handler
        clue_officer(kangbashi),
        agency_officer(case.administrative_agency),
        supervisor(),
    )
    for other in others:
        with pytest.raises(TransitionForbidden):
            supervisor_assign(case=case, access=access_for(other), person=person)
    supervisor_assign(
        case=case, access=access_for(member(kangbashi, Role.DEPARTMENT_HEAD)), person=person
    )
    for other in others:
        with pytest.raises(TransitionForbidden):
            supervisor_withdraw(case=case, access=access_for(other), person=person)
    supervisor_withdraw(case=case, access=access_for(handler), person=person)
    assert not cases_supervised_by(access_for(person)).exists()
    assert Notification.objects.filter(
        recipient=person, event="publicinterest.case.supervisor_withdrawn"
    ).exists()
    with pytest.raises(WorkflowError, match="does not supervise"):
        supervisor_withdraw(case=case, access=access_for(handler), person=person)


def test_a_closed_case_takes_no_supervisor(case, handler) -> None:  # type: ignore[no-untyped-def]
    _report(case, handler)
    transition(matter=case, name="close_rectified", access=access_for(handler), data=CLOSE)
    approve_all(case)
    with pytest.raises(WorkflowError, match="closed"):
        _assign(case, handler, supervisor())


# -- reports, their review, points ----------------------------------------------------------------


def test_a_supervisors_report_waits_for_review_and_each_accepted_one_earns_points(  # type: ignore[no-untyped-def]
    case, handler
) -> None:
    person = supervisor()
    _assign(case, handler, person)
    first = _report(case, person, photos=[(photo(gps=True), "image/jpeg")])
    assert first.review == Review.PENDING and first.photos.count() == 1
    assert Notification.objects.filter(recipient=handler, event="publicinterest.case.report")
    with pytest.raises(WorkflowError, match="awaits review"):
        transition(matter=case, name="close_rectified", access=access_for(handler), data=CLOSE)

    observation_review(observation=first, access=access_for(handler), accept=True)
    first.refresh_from_db()
    assert (first.review, first.reviewed_by) == (Review.ACCEPTED, handler)
    assert points_total(person) == 5
    with pytest.raises(WorkflowError, match="already been reviewed"):
        observation_review(observation=first, access=access_for(handler), accept=True)

    second = _report(case, person, finding="partly")
    observation_review(observation=second, access=access_for(handler), accept=True)
    assert points_total(person) == 10  # per report, not once per case
    assert (
        PointsEntry.objects.filter(
            person=person, reason=PointsReason.SUPERVISION_REPORT, matter=case
        ).count()
        == 2
    )
    assert (
        Notification.objects.filter(
            recipient=person, event="publicinterest.case.report_accepted"
        ).count()
        == 2
    )


def test_a_report_not_accepted_needs_a_reason_and_earns_nothing(case, handler) -> None:  # type: ignore[no-untyped-def]
    person = supervisor()
    _assign(case, handler, person)
    report = _report(case, person, finding="rectified")
    with pytest.raises(ValidationError):
        observation_review(observation=report, access=access_for(handler), accept=False, note=" ")
    report.refresh_from_db()
    assert report.review == Review.PENDING
    observation_review(
        observation=report,
        access=access_for(handler),
        accept=False,
        note="照片显示的是另一处煤场。",
    )
    report.refresh_from_db()
    assert (report.review, report.review_note) == (Review.NOT_ACCEPTED, "照片显示的是另一处煤场。")
    assert points_total(person) == 0
    # A report not accepted does not count: the case is not seen rectified yet.
    with pytest.raises(WorkflowError, match="latest observation"):
        transition(matter=case, name="close_rectified", access=access_for(handler), data=CLOSE)


def test_only_the_handling_prosecutors_review(kangbashi, case, handler) -> None:  # type: ignore[no-untyped-def]
    person = supervisor()
    _assign(case, handler, person)
    report = _report(case, person)
    for other in (person, prosecutor(kangbashi), clue_officer(kangbashi)):
        with pytest.raises(TransitionForbidden):
            observation_review(observation=report, access=access_for(other), accept=True)
    assert points_total(person) == 0


def test_the_handlers_own_observation_counts_at_once(case, handler) -> None:  # type: ignore[no-untyped-def]
    observation = _report(case, handler)
    assert (observation.review, observation.reviewed_by) == (Review.ACCEPTED, handler)
    transition(matter=case, name="close_rectified", access=access_for(handler), data=CLOSE)


def test_a_supervisor_of_another_case_may_not_report_on_this_one(handler) -> None:  # type: ignore[no-untyped-def]
    this, other = (followed_up_case(filed_case(by=handler)) for _ in range(2))
    person = supervisor()
    _assign(other, handler, person)
    with pytest.raises(TransitionForbidden):
        _report(this, person)
    assert not Observation.objects.exists()


# -- closing tells those who followed from outside ----------------------------------------------


def test_closing_tells_every_clues_reporter_on_their_clue_and_the_supervisors(  # type: ignore[no-untyped-def]
    kangbashi, handler
) -> None:
    first_reporter, second_reporter = volunteer(name="宋柳金"), volunteer(name="赵志刚")
    first = reported_clue(anonymous=False, reporter=first_reporter)
    case = accepted_case(first)
    second = reported_clue(anonymous=False, reporter=second_reporter)
    transition(  # a second report of the same problem, added to the open case
        matter=second,
        name="accept",
        access=access_for(clue_officer(kangbashi)),
        data={"case": case.pk},
    )
    reported_clue()  # anonymous, in another case: nobody to tell in-app
    case = followed_up_case(filed_case(case, by=handler))
    person = supervisor()
    _assign(case, handler, person)
    _report(case, handler)
    Notification.objects.all().delete()

    transition(matter=case, name="close_rectified", access=access_for(handler), data=CLOSE)
    approve_all(case)
    told = {
        (n.recipient, n.matter_id): n
        for n in Notification.objects.filter(event="publicinterest.case.closed")
    }
    assert set(told) == {
        (first_reporter, first.pk),
        (second_reporter, second.pk),
        (person, case.pk),
    }
    assert "corrected" in told[(first_reporter, first.pk)].text
    assert told[(first_reporter, first.pk)].params["number"] == first.case_number
    assert "as rectified" in told[(person, case.pk)].text


def test_a_case_closed_otherwise_tells_the_reporter_to_read_the_outcome(handler) -> None:  # type: ignore[no-untyped-def]
    reporter = volunteer()
    clue = reported_clue(anonymous=False, reporter=reporter)
    case = filed_case(accepted_case(clue), by=handler)
    transition(
        matter=case, name="terminate", access=access_for(handler), data={"note": "已自行整改。"}
    )
    approve_all(case)  # the chief procurator approves ending the case
    notification = Notification.objects.get(recipient=reporter, event="publicinterest.case.closed")
    assert notification.matter_id == clue.pk and "outcome" in notification.text


# -- pages ----------------------------------------------------------------------------------------


def test_the_supervision_page_shows_what_to_check_and_nothing_of_the_file(  # type: ignore[no-untyped-def]
    client, kangbashi, handler
) -> None:
    reporter = volunteer(name="赵志刚")
    clue = reported_clue(anonymous=False, reporter=reporter, address="青春山湿地公园东侧煤场")
    case = followed_up_case(filed_case(accepted_case(clue), by=handler))
    person = supervisor()
    _assign(case, handler, person)
    client.force_login(person)
    page = client.get(reverse("publicinterest:supervision", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "青春山湿地公园东侧煤场" in html  # where to go
    assert "督促其落实防风抑尘措施" in html  # what the agency must correct
    assert "已责令煤场全部苫盖" in html  # what it says it did
    for secret in (clue.description, clue.case_number, clue.reporter_name, "13912345678"):
        assert secret not in html
    assert 'data-testid="supervision-form"' in html
    # The case's own page sends them here; its inbox link too.
    response = client.get(reverse("workspace:matter", args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("publicinterest:supervision", args=[case.pk])
    # And their own page lists it.
    assert case.case_number in client.get(reverse("volunteers:me")).content.decode()


def test_a_supervisor_of_another_case_sees_nothing_of_this_one(client, handler) -> None:  # type: ignore[no-untyped-def]
    this, other = (followed_up_case(filed_case(by=handler)) for _ in range(2))
    observation = _report(this, handler, photos=[(photo(), "image/jpeg")])
    person = supervisor()
    _assign(other, handler, person)
    client.force_login(person)
    for method, url in (
        ("get", reverse("publicinterest:supervision", args=[this.pk])),
        ("get", reverse("workspace:matter", args=[this.pk])),
        ("post", reverse("publicinterest:observe", args=[this.pk])),
        ("post", reverse("publicinterest:review-observation", args=[observation.pk])),
        ("post", reverse("publicinterest:assign-supervisor", args=[this.pk])),
        ("get", reverse("attachments:download", args=[observation.photos.get().pk])),
    ):
        assert getattr(client, method)(url, {"decision": "accept"}).status_code == 404, url
    # Nor, through the supervision page of their own case, anything of the case file.
    html = client.get(reverse("publicinterest:supervision", args=[other.pk])).content.decode()
    assert this.case_number not in html
    assert Observation.objects.filter(case=other).count() == 0


def test_a_supervisor_reports_from_a_phone_and_bad_input_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    client, case, handler
) -> None:
    person = supervisor()
    _assign(case, handler, person)
    client.force_login(person)
    url = reverse("publicinterest:observe", args=[case.pk])
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    bad = {"observed_on": tomorrow.isoformat(), "finding": "rectified", "note": "抑尘网已建成。"}
    response = client.post(url, bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "抑尘网已建成。" in html and 'data-testid="supervision-form"' in html
    assert not Observation.objects.exists()
    good = {**bad, "observed_on": timezone.localdate().isoformat()}
    response = client.post(url, {**good, "photos": [photo()]})
    assert response["Location"] == reverse("publicinterest:supervision", args=[case.pk])
    assert Observation.objects.get().review == Review.PENDING


def test_assigning_from_the_case_page_refuses_a_volunteer_without_the_role(  # type: ignore[no-untyped-def]
    client, case, handler
) -> None:
    client.force_login(handler)
    url = reverse("publicinterest:assign-supervisor", args=[case.pk])
    not_a_supervisor = volunteer(name="宋柳金")
    response = client.post(url, {"person": not_a_supervisor.pk})
    assert response.status_code == 400
    assert "rectification supervisor" in response.content.decode() or "整改监督员" in (
        response.content.decode()
    )
    assert not MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).exists()
    person = supervisor(name="李静怡")
    response = client.post(url, {"person": person.pk})
    assert response.status_code == 302
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert 'data-testid="supervisor"' in page and "李静怡" in page
    response = client.post(reverse("publicinterest:withdraw-supervisor", args=[case.pk, person.pk]))
    assert response.status_code == 302
    assert not MatterParty.objects.filter(matter=case, relation=Relation.SUPERVISOR).exists()


def test_not_accepting_a_report_without_a_reason_shows_the_page_again(  # type: ignore[no-untyped-def]
    client, case, handler
) -> None:
    person = supervisor()
    _assign(case, handler, person)
    report = _report(case, person)
    client.force_login(handler)
    url = reverse("publicinterest:review-observation", args=[report.pk])
    response = client.post(url, {"decision": "decline", "note": ""})
    assert response.status_code == 400
    assert 'data-testid="review-form"' in response.content.decode()
    report.refresh_from_db()
    assert report.review == Review.PENDING
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.review == Review.ACCEPTED
    assert points_total(person) == 5


def test_the_supervision_page_costs_the_same_queries_for_more_reports(  # type: ignore[no-untyped-def]
    client, case, handler
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = supervisor()
    _assign(case, handler, person)
    client.force_login(person)
    url = reverse("publicinterest:supervision", args=[case.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for finding in ("not_rectified", "partly", "rectified"):
        _report(case, person, finding=finding, photos=[(photo(), "image/jpeg")])
        _report(case, handler, finding=finding)
    assert count() == before
