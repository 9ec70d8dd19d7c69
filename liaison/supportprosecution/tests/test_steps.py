"""Each step of a case and who may take it: the procuratorate's staff review and accept, the
handler drafts and sends the opinion, only the court it was sent to acknowledges it; a
prosecutor of another procuratorate and a court of another place may do nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid
from liaison.workflow.models import Clock, MatterParty, Relation
from liaison.workflow.tests.factories import court as court_factory

from ..actions import OPINION_PURPOSE
from ..models import SupportCase
from ..selectors import status_for_code
from .factories import OPINION, accepted, applied_online, judged, sent, take, world

pytestmark = pytest.mark.django_db


def test_found_eligible_the_reviewer_handles_it_and_the_applicant_reads_why() -> None:
    w = world()
    case = take(applied_online(w), "find_eligible", w.clerk, reasons="拖欠工资事实清楚。")
    assert case.state == "eligible"
    assert MatterParty.objects.filter(matter=case, relation=Relation.HANDLER, person=w.clerk)
    status = status_for_code(case.query_code)
    assert status is not None and status.eligible and status.reasons == "拖欠工资事实清楚。"
    assert not Clock.objects.filter(matter=case, state=Clock.State.RUNNING).exists()


def test_found_not_eligible_needs_reasons_and_ends_the_case() -> None:
    w = world()
    case = applied_online(w)
    with pytest.raises(TransitionInvalid):
        take(case, "find_ineligible", w.prosecutor, reasons="")
    case = take(case, "find_ineligible", w.prosecutor, reasons="已超过诉讼时效。")
    assert case.state == "not_eligible" and case.closed_at is not None
    status = status_for_code(case.query_code)
    assert status is not None and status.eligible is False and "诉讼时效" in status.reasons


def test_the_review_runs_seven_working_days_from_the_day_received() -> None:
    w = world()
    monday = date(2026, 3, 2)
    case = applied_online(w, received_on=monday)
    clock = Clock.objects.get(matter=case, name="review")
    assert clock.due_on == date(2026, 3, 11)  # seven working days: Tue 3 … Wed 11


def test_the_opinion_is_drafted_then_sent_as_pdf_and_word_and_the_court_becomes_a_partner() -> None:
    w = world()
    case = accepted(w)
    case = take(case, "draft_opinion", w.prosecutor, court=w.court.pk, **OPINION)
    assert case.state == "opinion_drafted" and case.court == w.court
    assert not case.workflow.policy.sees(access_for(w.judge), case)
    case = take(case, "send_opinion", w.prosecutor)
    assert case.state == "sent_to_court" and case.opinion_sent_on == date.today()
    files = Attachment.objects.filter(matter=case, purpose=OPINION_PURPOSE)
    assert sorted(f.original_name.rsplit(".", 1)[1] for f in files) == ["docx", "pdf"]
    assert case.workflow.policy.sees(access_for(w.judge), case)
    clock = Clock.objects.get(matter=case, name="acknowledge")
    assert clock.state == Clock.State.RUNNING


def test_only_a_court_the_procuratorate_works_with_is_offered() -> None:
    w = world()
    elsewhere = court_factory(name="另一地方人民法院", division=division())
    with pytest.raises(TransitionInvalid):
        take(accepted(w), "draft_opinion", w.prosecutor, court=elsewhere.pk, **OPINION)


def test_the_court_acknowledges_and_the_handler_records_the_outcome() -> None:
    w = world()
    case = take(sent(w), "acknowledge", w.judge, court_case_number="（2026）皖0221民初100号")
    assert case.state == "acknowledged" and case.court_case_number.endswith("民初100号")
    assert Clock.objects.get(matter=case, name="acknowledge").state == Clock.State.STOPPED
    with pytest.raises(TransitionForbidden):
        take(case, "record_outcome", w.judge, outcome="judgment")


def test_the_outcome_needs_the_amount_awarded_unless_withdrawn() -> None:
    w = world()
    case = take(sent(w), "acknowledge", w.judge)
    today = date.today().isoformat()
    with pytest.raises(TransitionInvalid) as refused:
        take(
            case,
            "record_outcome",
            w.prosecutor,
            outcome="judgment",
            outcome_on=today,
            amount_claimed="100",
        )
    assert "amount_awarded" in refused.value.form.errors
    for bad in ("-1", "abc", "1.005"):
        with pytest.raises(TransitionInvalid):
            take(
                case,
                "record_outcome",
                w.prosecutor,
                outcome="mediation",
                outcome_on=today,
                amount_claimed=bad,
                amount_awarded="1",
            )
    future = (date.today() + timedelta(days=2)).isoformat()
    with pytest.raises(TransitionInvalid):
        take(
            case,
            "record_outcome",
            w.prosecutor,
            outcome="judgment",
            outcome_on=future,
            amount_claimed="1",
            amount_awarded="1",
        )
    assert SupportCase.objects.get(pk=case.pk).state == "acknowledged"
    case = take(
        case,
        "record_outcome",
        w.prosecutor,
        outcome="withdrawal",
        outcome_on=today,
        amount_claimed="100",
    )
    assert case.amount_awarded == 0


def test_a_prosecutor_of_another_procuratorate_may_do_nothing() -> None:
    w = world()
    stranger = member(OrganisationFactory(), Role.CHIEF_PROCURATOR)
    case = applied_online(w)
    assert not case.workflow.policy.sees(access_for(stranger), case)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=case, name="find_eligible", access=access_for(stranger), data={"reasons": "x"}
        )
    assert SupportCase.objects.get(pk=case.pk).state == "applied"


def test_a_court_of_another_place_may_not_acknowledge() -> None:
    w = world()
    other = court_factory(name="其他法院", division=division())
    judge = member(other, Role.JUDGE)
    case = sent(w)
    assert not case.workflow.policy.sees(access_for(judge), case)
    with pytest.raises(TransitionForbidden):
        take(case, "acknowledge", judge)
    assert SupportCase.objects.get(pk=case.pk).state == "sent_to_court"


def test_the_referring_bureau_sees_but_does_not_decide() -> None:
    from datetime import date as day

    from liaison.core.access import SYSTEM

    from .. import actions
    from .factories import case_fields

    w = world()
    case = actions.case_open_referred(
        by=w.bureau, owner=w.procuratorate, access=SYSTEM, received_on=day.today(), **case_fields()
    )
    assert case.workflow.policy.sees(access_for(w.bureau_officer), case)
    with pytest.raises(TransitionForbidden):
        take(case, "find_eligible", w.bureau_officer, reasons="x")


def test_the_case_closes_after_the_outcome_or_ends_before_the_suit() -> None:
    w = world()
    assert take(judged(w), "close", w.prosecutor, reasons="款项已全部追回。").state == "closed"
    ended = take(accepted(w), "end", w.prosecutor, reasons="申请人撤回申请。")
    assert ended.state == "ended" and ended.closing_reasons == "申请人撤回申请。"


def test_the_referring_bureau_is_told_of_the_decision_and_the_outcome() -> None:
    from liaison.core.access import SYSTEM
    from liaison.notifications.models import Notification

    from .. import actions
    from .factories import case_fields

    w = world()
    case = actions.case_open_referred(
        by=w.bureau,
        owner=w.procuratorate,
        access=SYSTEM,
        received_on=date.today(),
        **case_fields(),
    )
    take(case, "find_eligible", w.prosecutor, reasons="符合条件。")
    assert Notification.objects.filter(recipient=w.bureau_officer, matter=case).count() == 1
