"""A case a legal-aid centre refers to the procuratorate opens a support-prosecution case when
the procuratorate accepts it (``referrals.referral_accepted``)."""

from __future__ import annotations

import pytest

from liaison.core.access import access_for
from liaison.legalaid.tests import factories as aid
from liaison.workflow.actions import transition
from liaison.workflow.models import MatterParty, Relation

from ..models import BeneficiaryGroup, Channel, SupportCase

pytestmark = pytest.mark.django_db


def test_accepting_a_centres_referral_opens_the_support_case() -> None:
    w = aid.world()
    referral = aid.from_centre(w, respondent="刘某（其子）")
    transition(matter=referral, name="accept", access=access_for(w.prosecutor), data={})
    case = SupportCase.objects.get()
    assert case.owner == w.procuratorate
    assert case.channel == Channel.REFERRAL and case.referred_by == w.centre
    assert case.category.code == "elderly_alimony"
    assert case.respondent == "刘某（其子）" and case.applicant_name == referral.person_name
    (person,) = case.beneficiaries.all()
    assert person.name == referral.person_name and person.group == BeneficiaryGroup.ELDERLY
    parties = MatterParty.objects.filter(matter=case)
    assert parties.filter(relation=Relation.PARTNER_ORG, organisation=w.centre).exists()
    assert parties.filter(relation=Relation.HANDLER, person=w.prosecutor).exists()


def test_declining_opens_nothing() -> None:
    w = aid.world()
    referral = aid.from_centre(w)
    transition(
        matter=referral,
        name="decline",
        access=access_for(w.prosecutor),
        data={"note": "不属于支持起诉范围。"},
    )
    assert not SupportCase.objects.exists()


def test_a_referral_to_a_centre_opens_nothing_when_accepted() -> None:
    w = aid.world()
    aid.accepted(w)
    assert not SupportCase.objects.exists()
