"""The supervision's review period (审查期限): three months from acceptance, which the opening
takes at once; paused while a recommendation is drafted (back on if the draft is withdrawn),
ended when the recommendation is served, on referral or on closing; its handler is reminded
before it runs out and told when it has."""

from datetime import timedelta

import pytest

from liaison.core.access import access_for
from liaison.notifications.models import Notification
from liaison.recommendations.models import Recommendation
from liaison.recommendations.tests.factories import served
from liaison.workflow.actions import transition
from liaison.workflow.models import Clock
from liaison.workflow.reminders import send_deadline_reminders

from ..models import SupervisionCase
from ..workflows import REVIEW
from .factories import supervision, world

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "关于执行款发放的检察建议",
    "facts": "事实。",
    "opinion": "意见。",
    "measures": "措施。",
}


def _clock(case: SupervisionCase) -> Clock:
    return Clock.objects.get(matter=case, name=REVIEW)


def test_the_review_runs_three_months_from_acceptance() -> None:
    w = world()
    case = supervision(w)
    assert case.state == "handling"
    clock = _clock(case)
    assert clock.state == Clock.State.RUNNING
    assert (clock.period_code, clock.amount, clock.unit) == (
        "courts.supervision_review",
        3,
        "months",
    )
    assert 89 <= (clock.due_on - clock.started_on).days <= 100


def test_a_nonlitigation_case_runs_its_own_period() -> None:
    w = world()
    case = supervision(w, kind="courts.nonlitigation")
    assert _clock(case).period_code == "courts.nonlitigation_review"


def test_closing_stops_the_review() -> None:
    w = world()
    case = supervision(w)
    transition(
        matter=case, name="close", access=access_for(w.prosecutor), data={"reasons": "无不当。"}
    )
    assert _clock(case).state == Clock.State.STOPPED


def test_a_recommendation_pauses_the_review_and_serving_it_ends_it() -> None:
    w = world()
    case = supervision(w)
    transition(matter=case, name="recommend", access=access_for(w.prosecutor), data=TEXT)
    assert _clock(case).state == Clock.State.PAUSED
    served(
        Recommendation.objects.get(source=case),
        approvers={"department_head": w.head, "chief_procurator": w.chief},
    )
    assert SupervisionCase.objects.get(pk=case.pk).state == "recommending"
    assert _clock(case).state == Clock.State.STOPPED


def test_a_withdrawn_draft_resumes_the_review() -> None:
    w = world()
    case = supervision(w)
    transition(matter=case, name="recommend", access=access_for(w.prosecutor), data=TEXT)
    transition(
        matter=Recommendation.objects.get(source=case),
        name="withdraw",
        access=access_for(w.prosecutor),
        data={"note": "另行处理。"},
    )
    assert _clock(case).state == Clock.State.RUNNING


def test_the_handler_is_reminded_and_told_when_it_ran_out() -> None:
    w = world()
    case = supervision(w)
    clock = _clock(case)
    Notification.objects.all().delete()
    assert send_deadline_reminders(today=clock.due_on - timedelta(days=2)).reminded == 1
    reminded = Notification.objects.filter(matter=case, event="workflow.clock.reminder")
    assert {n.recipient for n in reminded} == {w.prosecutor}
    assert send_deadline_reminders(today=clock.due_on + timedelta(days=1)).overdue == 1
    overdue = Notification.objects.filter(matter=case, event="workflow.clock.overdue")
    assert {n.recipient for n in overdue} == {w.prosecutor}
    # The court (a partner once it sees the supervision) owes nothing: it is not reminded.
    assert not Notification.objects.filter(recipient__in=[w.judge, w.enforcement]).exists()
