"""The demo's joint meetings: held with minutes approved by both sides, an open action item,
an overdue one carried to the next meeting, and an agreement whose meeting is overdue."""

import pytest
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo

from ..models import ActionItem, AgendaItem, JointMeeting
from ..selectors import overdue_agreements

pytestmark = pytest.mark.django_db


def test_the_demo_holds_meetings_items_and_an_overdue_meeting() -> None:
    load_demo()
    states = sorted(JointMeeting.objects.values_list("state", flat=True))
    # the third held meeting is the disputes demo's, which resolves a dispute (disputes/demo.py)
    assert states == ["minutes_approved", "minutes_approved", "minutes_approved", "scheduled"]
    assert sorted(ActionItem.objects.values_list("state", flat=True)) == ["open", "overdue"]
    nxt = JointMeeting.objects.get(state="scheduled")
    assert AgendaItem.objects.filter(meeting=nxt, carried__state="overdue").count() == 1
    judge = User.objects.get(username__in=[u.username for u in User.objects.filter(name="许亮")])
    assert overdue_agreements(access_for(judge), timezone.localdate()) == []
    cz_judge = User.objects.filter(memberships__organisation__name__contains="城中区人民法院")
    assert any(overdue_agreements(access_for(u), timezone.localdate()) for u in cz_judge)
