"""Two phones sending the same clue at once, and two officers accepting it at once, on two real
database connections (PostgreSQL; SQLite serialises writers)."""

import uuid

import pytest

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.races import postgres_only, race
from liaison.publicinterest.models import Clue, PILCase
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict
from liaison.workflow.models import TimelineEvent

from .factories import CIVIL, clue_officer, field, photo, procuratorate, reported_clue

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_a_double_tap_arriving_twice_at_once_is_stored_once() -> None:
    field("ecology")
    procuratorate()
    key = uuid.uuid4()
    results = race([lambda: reported_clue(submission_key=key, photos=[photo()]) for _ in range(3)])
    assert all(isinstance(r, Clue) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Clue.objects.count() == 1
    assert Attachment.objects.count() == 1


def test_two_officers_accepting_at_once_exactly_one_wins() -> None:
    field("ecology")
    org = procuratorate()
    officers = [clue_officer(org) for _ in range(2)]
    clue = reported_clue()
    copies = [Clue.objects.get(pk=clue.pk) for _ in officers]
    results = race(
        [
            (lambda c=c, o=o: transition(matter=c, name="accept", access=access_for(o), data=CIVIL))
            for c, o in zip(copies, officers, strict=True)
        ]
    )
    assert len([r for r in results if isinstance(r, TransitionConflict)]) == 1, results
    assert TimelineEvent.objects.filter(matter=clue, transition="accept").count() == 1
    assert PILCase.objects.count() == 1  # the loser opened no case


def test_a_reply_arriving_as_its_period_lapses_moves_the_case_once() -> None:
    """The agency presses "reply" while the scheduled job finds the period over: the
    recommendation's conditional update lets exactly one through, so the case moves once."""
    from datetime import timedelta

    from django.utils import timezone

    from liaison.workflow.models import Clock
    from liaison.workflow.reminders import take_expiry_steps

    from .factories import agency_officer, filed_case, prosecutor, recommended_case

    field("ecology")
    org = procuratorate()
    case, recommendation = recommended_case(filed_case(by=prosecutor(org)))
    Clock.objects.filter(matter=recommendation).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    officer = agency_officer(recommendation.addressee)
    results = race(
        [
            lambda: transition(
                matter=recommendation,
                name="reply",
                access=access_for(officer),
                data={"reply": "已整改。", "reply_outcome": "rectified"},
            ),
            lambda: take_expiry_steps(today=timezone.localdate()),
        ]
    )
    assert not [
        r for r in results if isinstance(r, Exception) and not isinstance(r, TransitionConflict)
    ], results
    case.refresh_from_db()
    assert case.state == "follow_up"
    moves = TimelineEvent.objects.filter(matter=case, to_state="follow_up")
    assert moves.count() == 1, list(moves.values_list("transition", flat=True))


def test_merging_and_accepting_the_same_clue_at_once_exactly_one_wins() -> None:
    field("ecology")
    org = procuratorate()
    merger, acceptor = clue_officer(org), clue_officer(org)
    target, clue = reported_clue(), reported_clue()
    results = race(
        [
            lambda: transition(
                matter=Clue.objects.get(pk=clue.pk),
                name="merge",
                access=access_for(merger),
                data={"code": target.case_number},
            ),
            lambda: transition(
                matter=Clue.objects.get(pk=clue.pk),
                name="accept",
                access=access_for(acceptor),
                data=CIVIL,
            ),
        ]
    )
    assert len([r for r in results if isinstance(r, TransitionConflict)]) == 1, results
    clue.refresh_from_db()
    assert clue.state in {"merged", "accepted"}
    assert (clue.merged_into_id is not None) == (clue.state == "merged")
    assert (PILCase.objects.count() == 1) == (clue.state == "accepted")


def test_merging_into_a_clue_as_it_is_accepted_never_leaves_a_reporter_behind() -> None:
    """The merge locks the clue it merges into: an acceptance of that clue at the same moment
    comes first (and the merge is refused, nothing changed) or after (and its reporters are
    told, the merged clue's among them)."""
    from liaison.core.tests.factories import UserFactory
    from liaison.notifications.models import Notification
    from liaison.workflow.errors import WorkflowError

    field("ecology")
    org = procuratorate()
    merger, acceptor = clue_officer(org), clue_officer(org)
    target = reported_clue()
    second = UserFactory()
    clue = reported_clue(anonymous=False, reporter=second)
    results = race(
        [
            lambda: transition(
                matter=Clue.objects.get(pk=clue.pk),
                name="merge",
                access=access_for(merger),
                data={"code": target.case_number},
            ),
            lambda: transition(
                matter=Clue.objects.get(pk=target.pk),
                name="accept",
                access=access_for(acceptor),
                data=CIVIL,
            ),
        ]
    )
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, WorkflowError)]
    clue.refresh_from_db()
    target.refresh_from_db()
    assert target.state == "accepted"
    if clue.state == "merged":
        assert Notification.objects.filter(
            recipient=second, event="publicinterest.clue.accept"
        ).exists()
    else:
        assert clue.state == "submitted" and isinstance(results[0], WorkflowError)
        assert not TimelineEvent.objects.filter(matter=clue, transition="merge").exists()


def test_a_report_added_as_the_clue_is_decided_is_stored_before_or_refused() -> None:
    from liaison.publicinterest.actions import ClueClosed
    from liaison.publicinterest.models import ClueAddition

    from .factories import added_report

    field("ecology")
    org = procuratorate()
    officer = clue_officer(org)
    clue = reported_clue()
    results = race(
        [
            lambda: added_report(Clue.objects.get(pk=clue.pk), files=[photo()]),
            lambda: transition(
                matter=Clue.objects.get(pk=clue.pk),
                name="reject",
                access=access_for(officer),
                data={"note": "不属于公益诉讼范围。"},
            ),
        ]
    )
    clue.refresh_from_db()
    assert clue.state == "rejected" and not isinstance(results[1], Exception), results
    if isinstance(results[0], ClueClosed):
        assert not ClueAddition.objects.exists()
        assert not Attachment.objects.filter(purpose="clue_photo").exists()
    else:
        assert ClueAddition.objects.get().clue_id == clue.pk
