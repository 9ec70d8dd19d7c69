"""An organisation's own length of a period applies to its clocks and those of the
organisations below it, and nowhere else."""

import pytest

from liaison.core.tests.factories import OrganisationFactory
from liaison.deadlines.models import Period, PeriodOverride
from liaison.deadlines.periods import get_period
from liaison.workflow.models import Clock
from liaison.workflow.tests.factories import sent_notice

pytestmark = pytest.mark.django_db


def test_the_nearest_organisations_length_wins_and_the_period_row_is_untouched() -> None:
    province = OrganisationFactory(level="provincial")
    city = OrganisationFactory(parent=province, level="municipal")
    county = OrganisationFactory(parent=city)
    elsewhere = OrganisationFactory()
    period = Period.objects.get(code="notices.answer")
    PeriodOverride.objects.create(period=period, organisation=province, amount=20, unit="days")
    assert get_period("notices.answer", organisation=county).amount == 20
    PeriodOverride.objects.create(
        period=period, organisation=city, amount=5, unit="working_days", remind_before_days=1
    )
    own = get_period("notices.answer", organisation=county)
    assert (own.amount, own.unit, own.remind_before_days) == (5, "working_days", 1)
    assert get_period("notices.answer", organisation=elsewhere).amount == period.amount
    assert get_period("notices.answer").amount == period.amount
    period.refresh_from_db()
    assert period.amount == 10


def test_a_clock_runs_on_its_owners_length() -> None:
    sender = OrganisationFactory()
    period = Period.objects.get(code="notices.answer")
    PeriodOverride.objects.create(period=period, organisation=sender, amount=30, unit="days")
    own = Clock.objects.get(matter=sent_notice(sender=sender))
    other = Clock.objects.get(matter=sent_notice())
    assert (own.amount, own.unit) == (30, "days")
    assert (other.amount, other.unit) == (10, "working_days")
    assert own.due_on > other.due_on
