"""Practice-rights complaints on the clocks of DESIGN §3, and plea leniency: the duty roster,
who was present at the signing, and the lawyer's opinion."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.lawyers import actions, counsel_actions
from liaison.lawyers.models import DutyAssignment, PleaSigning, RightsComplaint
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import Clock

from .factories import bureau, case, lawyer, of_record, procuratorate, staff

pytestmark = pytest.mark.django_db


def test_a_complaint_from_filing_to_written_reply() -> None:
    org = procuratorate()
    officer, head = staff(org, Role.CASE_MANAGEMENT), staff(org, Role.DEPARTMENT_HEAD)
    counsel = lawyer(at=org)
    complaint = actions.complaint_file(
        access=access_for(counsel.user),
        procuratorate=org,
        right="meeting",
        facts="2026年11月20日申请会见承办检察官，被无故拒绝。",
        case_reference="康检刑〔2026〕1号",
    )
    assert complaint.state == "submitted"
    transition(matter=complaint, name="accept", access=access_for(officer))
    review = Clock.objects.get(matter=complaint, name="review")
    assert (review.amount, review.unit) == (10, "days")
    with pytest.raises(TransitionInvalid):
        transition(
            matter=complaint, name="decide", access=access_for(head), data={"founded": "yes"}
        )
    transition(
        matter=complaint,
        name="decide",
        access=access_for(head),
        data={"founded": "yes", "remedy": "责令承办部门三日内安排会见。"},
    )
    reply_clock = Clock.objects.get(matter=complaint, name="reply")
    assert (reply_clock.amount, reply_clock.unit) == (2, "working_days")
    transition(
        matter=complaint,
        name="reply",
        access=access_for(officer),
        data={"reply": "经审查，情况属实，已责令纠正。"},
    )
    complaint = RightsComplaint.objects.get(pk=complaint.pk)
    assert complaint.state == "replied" and complaint.founded is True
    assert complaint.reply and complaint.replied_at
    assert Clock.objects.get(matter=complaint, name="reply").met_in_time
    assert counsel.user.notifications.filter(event="lawyers.complaint.reply").exists()


def test_a_lawyer_cannot_decide_their_own_complaint() -> None:
    org = procuratorate()
    counsel = lawyer(at=org)
    complaint = actions.complaint_file(
        access=access_for(counsel.user),
        procuratorate=org,
        right="other",
        facts="事实经过事实经过。",
    )
    with pytest.raises(TransitionForbidden):
        transition(matter=complaint, name="accept", access=access_for(counsel.user))


def test_the_bureau_keeps_the_duty_roster() -> None:
    org = procuratorate()
    officer = staff(bureau(org), Role.BUREAU_OFFICER)
    duty = lawyer(at=org)
    day = timezone.localdate() + timedelta(days=1)
    actions.duty_assign(access=access_for(officer), procuratorate=org, day=day, lawyer=duty)
    with pytest.raises(WorkflowError, match="already on the roster"):
        actions.duty_assign(access=access_for(officer), procuratorate=org, day=day, lawyer=duty)
    elsewhere = procuratorate(division_id="140200")
    with pytest.raises(TransitionForbidden):
        actions.duty_assign(
            access=access_for(officer), procuratorate=elsewhere, day=day, lawyer=duty
        )
    with pytest.raises(TransitionForbidden):
        actions.duty_assign(
            access=access_for(staff(org, Role.PROSECUTOR)), procuratorate=org, day=day, lawyer=duty
        )
    assert DutyAssignment.objects.count() == 1


def test_the_roster_page_refuses_a_day_in_the_past(client) -> None:
    org = procuratorate()
    officer = staff(bureau(org), Role.BUREAU_OFFICER)
    duty = lawyer(at=org)
    client.force_login(officer)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("lawyers:roster"),
        {"procuratorate": org.pk, "day": yesterday.isoformat(), "lawyer": duty.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "later days" in response.content.decode()
    assert not DutyAssignment.objects.exists()


def test_the_plea_signing_records_who_was_present_and_the_lawyer_gives_an_opinion(client) -> None:
    org = procuratorate()
    prosecutor = staff(org, Role.PROSECUTOR)
    the_case = case(org, by=prosecutor)
    duty, counsel, stranger = lawyer(at=org), lawyer(at=org), lawyer(at=org)
    of_record(the_case, counsel)
    officer = staff(bureau(org), Role.BUREAU_OFFICER)
    today = timezone.localdate()
    actions.duty_assign(access=access_for(officer), procuratorate=org, day=today, lawyer=duty)
    signed_at = timezone.localtime().replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")
    data = {
        "signed_at": signed_at,
        "lawyer": duty.pk,
        "prosecutor": prosecutor.pk,
        "recommendation": "判处有期徒刑一年，缓刑一年",
    }
    with pytest.raises(TransitionInvalid):
        transition(
            matter=the_case,
            name="record_plea",
            access=access_for(prosecutor),
            data={**data, "lawyer": stranger.pk},
        )
    transition(matter=the_case, name="record_plea", access=access_for(prosecutor), data=data)
    signing = PleaSigning.objects.get()
    assert (signing.lawyer, signing.capacity, signing.prosecutor) == (duty, "duty", prosecutor)
    told = counsel.user.notifications.get(event="lawyers.case.record_plea")
    assert "plea statement" in told.text and "判处" not in str(told.params)
    asked = duty.user.notifications.get(event="lawyers.case.record_plea")
    assert asked.text.startswith("Give your opinion")

    client.force_login(duty.user)
    page = client.get(reverse("lawyers:opinion", args=[signing.pk])).content.decode()
    assert "张**" in page and "张三丰" not in page  # a duty lawyer is not of record
    response = client.post(
        reverse("lawyers:opinion", args=[signing.pk]),
        {"position": "partly", "opinion": "建议缓刑考验期缩短为六个月。"},
    )
    assert response.status_code == 302
    signing.refresh_from_db()
    assert signing.position == "partly" and signing.opinion_at
    with pytest.raises(WorkflowError, match="already recorded"):
        counsel_actions.plea_opinion_give(
            access=access_for(duty.user), signing=signing, position="agree", opinion="x"
        )
    client.force_login(counsel.user)
    assert client.get(reverse("lawyers:opinion", args=[signing.pk])).status_code == 404
