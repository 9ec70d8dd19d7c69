"""Two users at once, on two real database connections (PostgreSQL; SQLite serialises writers)."""

import pytest

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.core.tests.races import postgres_only, race
from liaison.notices.workflows import NOTICE
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Cooperation
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, TransitionForbidden
from liaison.workflow.models import TimelineEvent
from liaison.workflow.opening import allocate_case_number

from .factories import court, sent_notice

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_two_judges_acknowledging_at_once_exactly_one_wins() -> None:
    the_court = court()
    notice = sent_notice(recipient=the_court)
    judges = [member(the_court, Role.JUDGE) for _ in range(2)]
    copies = [type(notice).objects.get(pk=notice.pk) for _ in judges]
    results = race(
        [
            (lambda m=m, j=j: transition(matter=m, name="acknowledge", access=access_for(j)))
            for m, j in zip(copies, judges, strict=True)
        ]
    )
    conflicts = [r for r in results if isinstance(r, TransitionConflict)]
    wins = [r for r in results if not isinstance(r, Exception)]
    assert len(wins) == 1 and len(conflicts) == 1, results
    assert TimelineEvent.objects.filter(matter=notice, transition="acknowledge").count() == 1


def test_case_numbers_never_repeat_or_skip_under_concurrency() -> None:
    from django.db import transaction

    org = OrganisationFactory(abbreviation="康检")

    def take() -> int:
        with transaction.atomic():
            return allocate_case_number(organisation=org, workflow=NOTICE, year=2026)[0]

    numbers = race([take for _ in range(8)])
    assert sorted(numbers) == list(range(1, 9)), numbers


def test_concurrent_openings_get_consecutive_numbers() -> None:
    org = OrganisationFactory(abbreviation="康检")
    the_court = court()
    authors = [member(org, Role.PROSECUTOR) for _ in range(6)]
    cooperation_start(actor=authors[0], organisations=(org, the_court))
    notices = race(
        [(lambda a=a: sent_notice(sender=org, recipient=the_court, author=a)) for a in authors]
    )
    seqs = sorted(n.case_seq for n in notices)
    assert seqs == list(range(1, 7)), notices


def test_two_recording_the_same_cooperation_at_once_get_one() -> None:
    """Both sides' administrators record the agreement at the same moment: one cooperation."""
    org, the_court = OrganisationFactory(), court()
    actors = [member(org, Role.PROSECUTOR) for _ in range(4)]
    started = race(
        [(lambda a=a: cooperation_start(actor=a, organisations=(org, the_court))) for a in actors]
    )
    assert {c.pk for c in started} == {Cooperation.objects.get(is_active=True).pk}, started


def test_two_approvers_at_once_exactly_one_decides() -> None:
    """Two department heads press "approve" (or one returns) at the same moment: one decision
    counts, the other gets the clear conflict message, and the step is taken once."""
    from liaison.workflow import registry
    from liaison.workflow.approvals import approval_approve, approval_return
    from liaison.workflow.models import ApprovalRequest, Matter

    from .test_approvals import MEMO, SEND, _memo

    registry.register(MEMO)
    try:
        org = OrganisationFactory()
        office = {"org": org, "partner": court(), "drafter": member(org, Role.PROSECUTOR)}
        memo = _memo(office)
        transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)
        heads = [member(org, Role.DEPARTMENT_HEAD) for _ in range(2)]
        copies = [Matter.objects.get(pk=memo.pk) for _ in heads]
        results = race(
            [
                lambda: approval_approve(matter=copies[0], access=access_for(heads[0])),
                lambda: approval_return(
                    matter=copies[1], access=access_for(heads[1]), comment="改"
                ),
            ]
        )
    finally:
        registry._WORKFLOWS.pop(MEMO.name, None)
    wins = [r for r in results if isinstance(r, ApprovalRequest)]
    conflicts = [r for r in results if isinstance(r, TransitionConflict | TransitionForbidden)]
    assert len(wins) == 1 and len(conflicts) == 1, results
    decisions = TimelineEvent.objects.filter(matter=memo, action__startswith="workflow.approval.")
    assert decisions.exclude(action="workflow.approval.submit").count() == 1


def test_a_withdrawal_and_the_last_approval_at_once_exactly_one_wins() -> None:
    """The submitter withdraws as the chief procurator approves the last level: either the step
    is taken or it is withdrawn, never both."""
    from liaison.workflow import registry
    from liaison.workflow.approvals import approval_approve, approval_withdraw
    from liaison.workflow.models import ApprovalRequest, Matter

    from .test_approvals import MEMO, SEND, _memo

    registry.register(MEMO)
    try:
        org = OrganisationFactory()
        office = {"org": org, "partner": court(), "drafter": member(org, Role.PROSECUTOR)}
        memo = _memo(office)
        transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)
        approval_approve(matter=memo, access=access_for(member(org, Role.DEPARTMENT_HEAD)))
        chief = member(org, Role.CHIEF_PROCURATOR)
        copies = [Matter.objects.get(pk=memo.pk) for _ in range(2)]
        results = race(
            [
                lambda: approval_approve(matter=copies[0], access=access_for(chief)),
                lambda: approval_withdraw(matter=copies[1], access=access_for(office["drafter"])),
            ]
        )
    finally:
        registry._WORKFLOWS.pop(MEMO.name, None)
    wins = [r for r in results if isinstance(r, ApprovalRequest)]
    conflicts = [r for r in results if isinstance(r, TransitionConflict)]
    assert len(wins) == 1 and len(conflicts) == 1, results
    request = ApprovalRequest.objects.get(matter=memo)
    memo = Matter.objects.get(pk=memo.pk)
    assert (request.state, memo.state) in {("approved", "sent"), ("withdrawn", "draft")}
    assert not memo.awaiting_approval
