"""The demo's legal-aid referrals (seed 002, Wanzhi): one each way, one with an aid lawyer whose
own page lists it."""

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import load_demo
from liaison.legalaid.demo import AID_LAWYER
from liaison.legalaid.models import LegalAidReferral
from liaison.legalaid.selectors import referrals_visible_to

pytestmark = pytest.mark.django_db


def test_the_demo_refers_both_ways_with_an_aid_lawyer() -> None:
    load_demo()
    states = dict(LegalAidReferral.objects.values_list("matter_type", "state"))
    assert states == {
        "legalaid.to_centre": "aid_under_way",
        "legalaid.to_procuratorate": "sent",
    }
    lawyer = User.objects.get(username=AID_LAWYER)
    assigned = LegalAidReferral.objects.get(matter_type="legalaid.to_centre")
    assert assigned.aid_lawyer is not None and assigned.aid_lawyer.user == lawyer
    for username in ("wz_prosecutor", "wz_aid"):
        seen = referrals_visible_to(access_for(User.objects.get(username=username)))
        assert seen.count() == 2
