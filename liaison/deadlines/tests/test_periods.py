"""Statutory periods: defaults loaded once, administrators' corrections kept."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from liaison.deadlines.models import Period, Unit
from liaison.deadlines.periods import PeriodDefault, get_period, sync_periods
from liaison.deadlines.statutory import STATUTORY_PERIODS

REQUIRED_CODES = {
    "pil.recommendation_reply",
    "pil.recommendation_reply_urgent",
    "pil.civil_announcement",
    "pil.decide_to_sue",
    "pil.notice_not_to_sue",
    "lawyers.complaint_review",
    "lawyers.complaint_reply",
    "enforcement.court_reply",
    "enforcement.court_reply_extension",
    "enforcement.follow_up_reply",
    "enforcement.idle_case_account",
    "enforcement.refusal_notice",
    "enforcement.objection_reply",
    "pil.admin_case_handling",
    "hearings.participant_notice",
    "recommendations.reply",
}


def test_statutory_list_covers_the_design_table():
    codes = [period.code for period in STATUTORY_PERIODS]
    assert len(codes) == len(set(codes))
    assert set(codes) == REQUIRED_CODES
    for period in STATUTORY_PERIODS:
        assert period.name and period.name_en and period.rule


def test_statutory_values():
    by_code = {period.code: period for period in STATUTORY_PERIODS}
    assert (
        by_code["pil.recommendation_reply"].amount,
        by_code["pil.recommendation_reply"].unit,
    ) == (
        2,
        Unit.MONTHS,
    )
    assert by_code["lawyers.complaint_reply"].unit == Unit.WORKING_DAYS
    assert by_code["enforcement.court_reply_extension"].amount == 1
    confirm = {code for code, period in by_code.items() if period.needs_confirmation}
    assert confirm == {
        "pil.decide_to_sue",
        "pil.notice_not_to_sue",
        "lawyers.complaint_review",
        "lawyers.complaint_reply",
        "pil.admin_case_handling",
        "recommendations.reply",
    }


@pytest.mark.django_db
def test_statutory_periods_are_loaded_after_migrate():
    assert set(Period.objects.values_list("code", flat=True)) >= REQUIRED_CODES
    period = get_period("enforcement.court_reply")
    assert (period.amount, period.unit) == (3, Unit.MONTHS)


@pytest.mark.django_db
def test_sync_creates_missing_rows_and_keeps_corrections():
    Period.objects.filter(code="pil.civil_announcement").delete()
    Period.objects.filter(code="pil.recommendation_reply").update(amount=3, remind_before_days=10)

    assert sync_periods(STATUTORY_PERIODS) == 1
    assert get_period("pil.civil_announcement").amount == 30
    corrected = get_period("pil.recommendation_reply")
    assert (corrected.amount, corrected.remind_before_days) == (3, 10)
    assert sync_periods(STATUTORY_PERIODS) == 0


@pytest.mark.django_db
def test_sync_new_default():
    default = PeriodDefault(
        code="tests.example", name="示例", name_en="Example", amount=5, unit=Unit.WORKING_DAYS
    )
    assert sync_periods([default]) == 1
    period = get_period("tests.example")
    assert (period.amount, period.unit, period.remind_before_days) == (5, "working_days", 3)
    assert not period.needs_confirmation


def test_sync_refuses_conflicting_defaults_for_one_code():
    default = PeriodDefault(code="x", name="x", name_en="x", amount=1, unit=Unit.DAYS)
    other = PeriodDefault(code="x", name="x", name_en="x", amount=2, unit=Unit.DAYS)
    with pytest.raises(ValueError, match="conflicting"):
        sync_periods([default, other])


@pytest.mark.django_db
def test_sync_accepts_the_same_default_twice():
    default = PeriodDefault(code="tests.shared", name="x", name_en="x", amount=1, unit=Unit.DAYS)
    assert sync_periods([default, default]) == 1


@pytest.mark.parametrize(("amount", "unit"), [(0, Unit.DAYS), (1, "weeks")])
def test_period_default_validates(amount: int, unit: str):
    with pytest.raises(ValueError):
        PeriodDefault(code="x", name="x", name_en="x", amount=amount, unit=unit)


@pytest.mark.django_db
def test_get_period_names_the_missing_code():
    with pytest.raises(LookupError, match=re.escape("“no.such.period”")):
        get_period("no.such.period")


@pytest.mark.django_db
def test_amount_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(code="tests.zero", name="零", amount=0, unit=Unit.DAYS)


@pytest.mark.django_db
def test_label_follows_the_active_language():
    period = get_period("enforcement.court_reply")
    with translation.override("en"):
        assert period.label == period.name_en
        assert period.name_en in str(period)
    with translation.override("zh-hans"):
        assert period.label == period.name
    period.name_en = ""
    with translation.override("en"):
        assert period.label == period.name
