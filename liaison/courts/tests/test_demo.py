"""The Chengzhong demo (seed 001): a register imported and shared, a case under supervision,
another referred to the public security branch, not filed, followed up (its reasons asked,
notified to file) and filed there, a recommendation answered in
time and one answered late, figures on both sides."""

import pytest

from liaison.core.demo import load_demo
from liaison.orgs.models import Organisation
from liaison.recommendations.figures import received_figures
from liaison.workflow.models import TimelineEvent

from ..models import EnforcementCase, SupervisionCase

pytestmark = pytest.mark.django_db


def test_the_chengzhong_demo() -> None:
    load_demo()
    court = Organisation.objects.get(name="西宁市城中区人民法院")
    assert EnforcementCase.objects.filter(court=court, shares__isnull=False).count() == 4
    supervision = SupervisionCase.objects.get(enforcement_case__case_number="（2026）青0103执101号")
    assert supervision.state == "recommending"
    referral = SupervisionCase.objects.get(enforcement_case__case_number="（2026）青0103执104号")
    assert referral.state == "filed" and referral.police is not None
    assert referral.police.name == "西宁市公安局城中分局"
    assert referral.police_case_number == "城公刑立字〔2026〕18号"
    assert referral.police_explanation and referral.filing_review
    steps = TimelineEvent.objects.filter(matter=referral).values_list("transition", flat=True)
    assert {"police_decline", "ask_reasons", "police_explain", "notify_filing"} <= set(steps)
    figures = received_figures(court)
    assert (figures.in_time, figures.late, figures.adopted, figures.partly) == (1, 1, 1, 1)
