"""The Chengzhong demo (seed 001): a session held with the chief procurator attending, the
opinion on a case both sides follow, and one upcoming, the invitation awaiting an answer, one of
its two cases withdrawn."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo
from liaison.workflow.models import Invitation
from liaison.workflow.selectors import sees

from ..models import CommitteeSession
from ..workflows import OPINION_EVENT

pytestmark = pytest.mark.django_db


def test_the_chengzhong_sessions() -> None:
    load_demo()
    held, upcoming = CommitteeSession.objects.order_by("pk")
    chief, judge = User.objects.get(username="cz_chief"), User.objects.get(username="cz_judge")
    assert (held.state, upcoming.state) == ("closed", "scheduled")
    assert Invitation.objects.get(matter=held).person == chief
    assert Invitation.objects.get(matter=held).state == Invitation.State.ATTENDED
    item = held.committee_items.get()
    assert item.opinion and item.decision
    case = item.matter
    assert case is not None and case.timeline.filter(action=OPINION_EVENT).exists()
    assert sees(access_for(judge), case.concrete()) and sees(access_for(chief), case.concrete())
    standing, withdrawn = upcoming.committee_items.order_by("pk")
    assert standing.withdrawn_at is None
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawal_reason
