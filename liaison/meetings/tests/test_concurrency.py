"""Both parties approving the minutes at the same moment, and one liaison person's double
click, on two real database connections (PostgreSQL; SQLite serialises writers)."""

from __future__ import annotations

import pytest

from liaison.core.access import access_for
from liaison.core.tests.races import postgres_only, race
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import TimelineEvent

from ..actions import minutes_approve
from ..models import JointMeeting, MinutesApproval
from ..workflows import MEETING
from .factories import drafted, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_both_parties_at_once_finalise_the_minutes_once() -> None:
    w = world()
    meeting = drafted(w)
    results = race(
        [
            lambda: minutes_approve(access=access_for(w.luo), meeting=meeting),
            lambda: minutes_approve(access=access_for(w.zhou), meeting=meeting),
        ]
    )
    assert all(isinstance(r, MinutesApproval) for r in results), results
    meeting = JointMeeting.objects.get(pk=meeting.pk)
    assert meeting.state == MEETING.state("minutes_approved")
    assert TimelineEvent.objects.filter(matter=meeting, transition="finalise").count() == 1


def test_a_double_click_approves_once() -> None:
    w = world()
    meeting = drafted(w)
    results = race(
        [lambda: minutes_approve(access=access_for(w.luo), meeting=meeting) for _ in range(2)]
    )
    assert sum(isinstance(r, MinutesApproval) for r in results) == 1, results
    assert sum(isinstance(r, WorkflowError) for r in results) == 1, results
    assert MinutesApproval.objects.filter(meeting=meeting).count() == 1
    assert JointMeeting.objects.get(pk=meeting.pk).state == MEETING.state("minutes_drafted")
