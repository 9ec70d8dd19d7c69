"""A retrial case's steps, one test each, and every refusal changing nothing: the wrong
user (a judge of another court, a prosecutor of another procuratorate, a lawyer), bad input (an
undecided item, a bad retrial number), a step out of order (the outcome before registration)."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import Relation
from liaison.workflow.selectors import sees
from liaison.workflow.tests.factories import court as court_factory

from .. import actions
from ..models import EVIDENCE_PURPOSE, JUDGMENT_PURPOSE, NewEvidence, RetrialCase
from .factories import (
    RETRIAL_NUMBER,
    assessed,
    decisions,
    drafted,
    pdf,
    registered,
    served,
    take,
    today,
    world,
)

pytestmark = pytest.mark.django_db


def _fresh(case: RetrialCase) -> RetrialCase:
    return RetrialCase.objects.get(pk=case.pk)


def _outsiders() -> list[Any]:
    other_court = court_factory(name="西宁市城东区人民法院")
    other_procuratorate = OrganisationFactory(name="西宁市城东区人民检察院")
    firm = OrganisationFactory(name="青海某律师事务所", kind=OrganisationKind.LAW_FIRM)
    return [
        member(other_court, Role.JUDGE),
        member(other_procuratorate, Role.PROSECUTOR),
        member(firm, Role.LAWYER),
    ]


# -- drafting ---------------------------------------------------------------------------------


def test_a_prosecutor_drafts_a_case_to_a_court_the_procuratorate_works_with() -> None:
    w = world()
    case = drafted(w)
    assert case.state == "draft" and case.kind == "recommendation"
    assert case.case_number and "民再监" in case.case_number
    assert case.parties.filter(relation=Relation.HANDLER, person=w.prosecutor).exists()
    # the court is named but sees nothing of the draft
    assert not case.parties.filter(relation=Relation.PARTNER_ORG).exists()
    assert not sees(access_for(w.judge), case)
    items = list(NewEvidence.objects.filter(case=case))
    assert len(items) == 2
    assert all(i.files.get().purpose == EVIDENCE_PURPOSE for i in items)


def test_a_court_the_procuratorate_does_not_work_with_is_refused() -> None:
    w = world()
    stranger = court_factory(name="海东市中级人民法院")
    with pytest.raises(WorkflowError):
        actions.retrial_open(
            access=access_for(w.prosecutor),
            owner=w.procuratorate,
            kind="protest",
            court=stranger,
            original_judgment="（2025）青0103民初1号",
            title="t",
            grounds="g",
        )
    assert not RetrialCase.objects.exists()


def test_evidence_is_removed_from_a_draft_only() -> None:
    w = world()
    case = drafted(w)
    item = NewEvidence.objects.filter(case=case).first()
    assert item is not None
    actions.evidence_remove(access=access_for(w.prosecutor), case=case, item=item)
    assert NewEvidence.objects.filter(case=case).count() == 1
    case = served(w)
    item = NewEvidence.objects.filter(case=case).first()
    assert item is not None
    with pytest.raises(TransitionForbidden):
        actions.evidence_remove(access=access_for(w.prosecutor), case=case, item=item)
    with pytest.raises(TransitionForbidden):
        actions.evidence_add(
            access=access_for(w.prosecutor), case=case, description="x", proves="y"
        )
    assert NewEvidence.objects.filter(case=case).count() == 2


def test_nobody_else_adds_evidence() -> None:
    w = world()
    case = drafted(w)
    for person in [w.judge, *_outsiders()]:
        with pytest.raises(TransitionForbidden):
            actions.evidence_add(access=access_for(person), case=case, description="x", proves="y")
    assert NewEvidence.objects.filter(case=case).count() == 2


def test_evidence_is_frozen_while_serving_awaits_approval() -> None:
    w = world()
    case = drafted(w)
    transition(matter=case, name="serve", access=access_for(w.prosecutor))
    with pytest.raises(TransitionForbidden):
        actions.evidence_add(
            access=access_for(w.prosecutor), case=_fresh(case), description="x", proves="y"
        )


# -- serving ----------------------------------------------------------------------------------


def test_serving_needs_new_evidence() -> None:
    w = world()
    case = drafted(w, items=0)
    with pytest.raises(WorkflowError):
        transition(matter=case, name="serve", access=access_for(w.prosecutor))
    assert _fresh(case).state == "draft" and not _fresh(case).awaiting_approval


def test_serving_after_the_head_and_the_chief_approve_makes_the_court_a_partner() -> None:
    w = world()
    case = drafted(w)
    transition(matter=case, name="serve", access=access_for(w.prosecutor))
    assert _fresh(case).awaiting_approval and _fresh(case).state == "draft"
    case = served(w)
    assert case.state == "served"
    assert case.parties.filter(relation=Relation.PARTNER_ORG, organisation=w.court).exists()
    assert sees(access_for(w.judge), case)
    assert Notification.objects.filter(recipient=w.judge).exists()


def test_the_court_does_not_read_the_procuratorates_comments() -> None:
    from liaison.workflow.actions import matter_comment
    from liaison.workflow.policy import policy_for

    w = world()
    case = served(w)
    matter_comment(matter=case, access=access_for(w.prosecutor), text="内部意见：抗诉把握不大")
    reads = policy_for(case).reading(access_for(w.judge), case).timeline_reads()
    assert reads is not None and "workflow.comment" not in reads
    assert "serve" in reads


# -- the court's steps ------------------------------------------------------------------------


def test_the_court_registers_under_its_retrial_number() -> None:
    w = world()
    case = registered(w)
    assert case.state == "registered"
    assert case.court_case_number == RETRIAL_NUMBER and case.registered_on == today()


def test_a_bad_retrial_number_is_refused() -> None:
    w = world()
    case = served(w)
    for bad in ("（2026）青0103民初12号", "2026青01民再12号", "（2026）青01执再12号"):
        with pytest.raises(TransitionInvalid) as refused:
            take(case, "register", w.judge, court_case_number=bad, registered_on=today())
        assert "court_case_number" in refused.value.form.errors
    assert _fresh(case).state == "served" and not _fresh(case).court_case_number


def test_ascii_brackets_are_accepted_as_the_court_writes_them() -> None:
    w = world()
    case = take(
        served(w),
        "register",
        w.judge,
        court_case_number="(2026)青01民再12号",
        registered_on=today(),
    )
    assert case.court_case_number == "（2026）青01民再12号"


def test_the_court_decides_each_item() -> None:
    w = world()
    case = assessed(w)
    assert case.state == "assessed"
    first, second = NewEvidence.objects.filter(case=case)
    assert first.accepted is True and second.accepted is False
    assert "不属于新的证据" in second.reasons and second.decided_at is not None


def test_an_undecided_item_is_refused() -> None:
    w = world()
    case = registered(w)
    data = decisions(case, True, False)
    del data[next(k for k in data if k.startswith("decision_"))]
    with pytest.raises(TransitionInvalid):
        take(case, "assess", w.judge, **data)
    assert _fresh(case).state == "registered"
    assert not NewEvidence.objects.filter(case=case, accepted__isnull=False).exists()


def test_an_item_not_accepted_needs_reasons() -> None:
    w = world()
    case = registered(w)
    data = decisions(case, True, False)
    for key in data:
        if key.startswith("reasons_"):
            data[key] = ""
    with pytest.raises(TransitionInvalid):
        take(case, "assess", w.judge, **data)
    assert _fresh(case).state == "registered"


def test_the_court_rules_to_retry_and_records_the_judgment() -> None:
    w = world()
    case = take(assessed(w), "rule_retrial", w.judge, ruled_on=today(), ruling_reasons="")
    assert case.state == "retrying" and case.ruling == "retrial"
    case = take(
        case,
        "record_judgment",
        w.judge,
        outcome="changed",
        judgment_on=today(),
        judgment_summary="撤销原判决，改判驳回原告诉讼请求。",
        files={"document": pdf("民事判决书.pdf")},
    )
    assert case.state == "judged" and case.outcome == "changed"
    assert case.judgment_document is not None
    assert case.judgment_document.purpose == JUDGMENT_PURPOSE
    assert Notification.objects.filter(recipient=w.prosecutor).exists()


def test_the_court_refuses_a_retrial_recommendation_with_reasons() -> None:
    w = world()
    case = assessed(w)
    with pytest.raises(TransitionInvalid):
        take(case, "refuse_retrial", w.judge, ruled_on=today(), ruling_reasons="")
    case = take(case, "refuse_retrial", w.judge, ruled_on=today(), ruling_reasons="理由不成立。")
    assert case.state == "refused" and case.ruling == "refused"


def test_a_protest_cannot_be_refused() -> None:
    w = world()
    case = assessed(w, kind="protest")
    with pytest.raises(WorkflowError):
        take(case, "refuse_retrial", w.judge, ruled_on=today(), ruling_reasons="不予再审。")
    assert _fresh(case).state == "assessed"


def test_the_outcome_before_registration_is_refused() -> None:
    w = world()
    case = served(w)
    for step, data in (
        ("rule_retrial", {"ruled_on": today(), "ruling_reasons": ""}),
        ("assess", {}),
        (
            "record_judgment",
            {
                "outcome": "upheld",
                "judgment_on": today(),
                "judgment_summary": "维持原判。",
                "files": {"document": pdf()},
            },
        ),
    ):
        with pytest.raises(WorkflowError):
            take(case, step, w.judge, **data)
    assert _fresh(case).state == "served"
    assert not Attachment.objects.filter(purpose=JUDGMENT_PURPOSE).exists()


# -- the wrong user ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", [0, 1, 2])
def test_outsiders_take_no_step_and_see_nothing(who: int) -> None:
    w = world()
    case = served(w)
    person = _outsiders()[who]
    assert not sees(access_for(person), case)
    with pytest.raises(TransitionForbidden):
        take(case, "register", person, court_case_number=RETRIAL_NUMBER, registered_on=today())
    with pytest.raises(TransitionForbidden):
        take(case, "withdraw", person, note="x")
    assert _fresh(case).state == "served" and not _fresh(case).court_case_number


def test_the_procuratorate_does_not_take_the_courts_steps() -> None:
    w = world()
    case = served(w)
    with pytest.raises(TransitionForbidden):
        take(
            case, "register", w.prosecutor, court_case_number=RETRIAL_NUMBER, registered_on=today()
        )
    assert _fresh(case).state == "served"


def test_the_court_does_not_withdraw() -> None:
    w = world()
    case = served(w)
    with pytest.raises(TransitionForbidden):
        take(case, "withdraw", w.judge, note="x")
    assert _fresh(case).state == "served"


# -- withdrawal -------------------------------------------------------------------------------


def test_the_procuratorate_withdraws_with_a_reason_before_the_outcome() -> None:
    w = world()
    case = registered(w)
    with pytest.raises(TransitionInvalid):
        take(case, "withdraw", w.prosecutor, note="")
    case = take(case, "withdraw", w.prosecutor, note="当事人已达成和解。")
    assert case.state == "withdrawn"
    assert sees(access_for(w.judge), case)  # the court keeps what was served on it
    assert Notification.objects.filter(recipient=w.judge, text__contains="withdrew").exists()


def test_no_withdrawal_after_the_judgment() -> None:
    w = world()
    case = take(assessed(w), "rule_retrial", w.judge, ruled_on=today(), ruling_reasons="")
    case = take(
        case,
        "record_judgment",
        w.judge,
        outcome="upheld",
        judgment_on=today(),
        judgment_summary="维持原判。",
        files={"document": pdf()},
    )
    with pytest.raises(WorkflowError):
        take(case, "withdraw", w.prosecutor, note="x")
    assert _fresh(case).state == "judged"


def test_no_registration_before_serving_or_in_the_future() -> None:
    from datetime import timedelta

    w = world()
    case = served(w)
    for day in (today() - timedelta(days=1), today() + timedelta(days=1)):
        with pytest.raises(TransitionInvalid) as refused:
            take(case, "register", w.judge, court_case_number=RETRIAL_NUMBER, registered_on=day)
        assert "registered_on" in refused.value.form.errors
    assert _fresh(case).state == "served"
