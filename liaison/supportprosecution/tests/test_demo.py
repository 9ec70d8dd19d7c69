"""The demo's Wanzhi wage case, through the real actions: three migrant workers helped, the
opinion acknowledged by the court, 46,200 yuan recovered in two instalments."""

from decimal import Decimal

import pytest

from liaison.core.demo import load_demo

from ..demo import KEY
from ..models import SupportCase
from ..selectors import recovered_total

pytestmark = pytest.mark.django_db


def test_the_demo_has_wanzhis_wage_case() -> None:
    load_demo()
    case = SupportCase.objects.get(submission_key=KEY)  # among the figures demo's 38 others
    assert case.state == "outcome_recorded" and case.court is not None
    assert case.beneficiaries.filter(group="migrant_worker").count() == 3
    assert recovered_total(case) == Decimal("46200.00") == case.amount_awarded
    assert case.recoveries.count() == 2
