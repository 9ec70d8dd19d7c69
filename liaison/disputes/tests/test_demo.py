"""The demo's dispute: in the Sixian pair (seed 003), resolved at a joint meeting."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo

from ..models import Dispute
from ..selectors import disputes_visible_to

pytestmark = pytest.mark.django_db


def test_the_demo_resolves_a_sixian_dispute_at_a_joint_meeting() -> None:
    load_demo()
    dispute = Dispute.objects.select_related("meeting", "owner").get()
    assert dispute.state == "resolved" and dispute.resolution
    assert dispute.owner.name.startswith("泗县")
    assert (
        dispute.subject.matter_type == "courts.recommendation"
    )  # issue 11: about a recommendation
    assert dispute.meeting is not None and dispute.meeting.state == "minutes_approved"
    for name in ("杨帆", "许亮", "黄春雷", "刚杰"):
        person = User.objects.get(name=name)
        assert list(disputes_visible_to(access_for(person))) == [dispute], name
