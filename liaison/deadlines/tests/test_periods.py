"""Statutory periods: declared once by what uses them, loaded once, administrators' corrections
kept."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from liaison.deadlines import declarations
from liaison.deadlines.declarations import (
    Declarations,
    declare_periods,
    declared_periods,
    sync_declared_periods,
)
from liaison.deadlines.models import Period, Unit
from liaison.deadlines.periods import PeriodDefault, get_period, sync_periods

#: Every period something uses today: the clocks' and the hearing notice's.
USED_CODES = {
    "notices.answer",
    "notices.answer_urgent",
    "meetings.action_item",
    "meetings.action_item_urgent",
    "petitions.receipt_reply",
    "petitions.result_reply",
    "pil.clue_assessment",
    "pil.admin_case_handling",
    "pil.decide_to_sue",
    "pil.civil_announcement",
    "pil.recommendation_reply",
    "pil.recommendation_reply_urgent",
    "recommendations.reply",
    "lawyers.complaint_review",
    "lawyers.complaint_reply",
    "hearings.participant_notice",
    "courts.recommendation_reply",
    "courts.supervision_review",
    "courts.nonlitigation_review",
    "courts.police_filing",
    "courts.police_reasons",
    "courts.police_filing_notified",
    "committees.notice",
    "retrials.protest_ruling",
    "retrials.recommendation_review",
    "legalaid.assign",
    "legalaid.centre_decision",
    "legalaid.procuratorate_decision",
    "supportprosecution.review",
    "supportprosecution.court_acknowledge",
    "flags.answer",
}
#: Declared once in the old list and used by nothing: removed (migration 0003). "Decide whether
#: to sue" came back with the clock that runs it (``publicinterest.admin_case``'s
#: ``decide_to_sue``); nothing can run "notice not to sue" (a terminated case is closed).
REMOVED_CODES = {
    "pil.notice_not_to_sue",
    "enforcement.court_reply",
    "enforcement.court_reply_extension",
    "enforcement.follow_up_reply",
    "enforcement.idle_case_account",
    "enforcement.refusal_notice",
    "enforcement.objection_reply",
}


def test_the_declared_periods_are_the_used_ones_each_once():
    declared = declared_periods()
    codes = [period.code for period in declared]
    # Two workflows of one family (enforcement and non-litigation supervision) may declare the
    # same period; never two different defaults for one code.
    assert len(set(declared)) == len(set(codes))
    assert set(codes) == USED_CODES
    for period in declared:
        assert period.name and period.name_en and period.rule


def test_declared_values():
    by_code = {period.code: period for period in declared_periods()}
    reply = by_code["pil.recommendation_reply"]
    assert (reply.amount, reply.unit, reply.remind_before_days) == (2, Unit.MONTHS, 7)
    assert by_code["lawyers.complaint_reply"].unit == Unit.WORKING_DAYS
    assert by_code["hearings.participant_notice"].amount == 3
    assert {code for code, period in by_code.items() if period.needs_confirmation} >= {
        "lawyers.complaint_review",
        "lawyers.complaint_reply",
        "pil.admin_case_handling",
        "pil.clue_assessment",
        "flags.answer",
    }


@pytest.mark.django_db
def test_declared_periods_are_loaded_after_migrate_and_unused_ones_are_gone():
    codes = set(Period.objects.values_list("code", flat=True))
    assert codes >= USED_CODES
    assert not codes & REMOVED_CODES
    period = get_period("pil.recommendation_reply")
    assert (period.amount, period.unit) == (2, Unit.MONTHS)


@pytest.mark.django_db
def test_the_one_sync_adds_what_is_missing_and_keeps_administrators_corrections():
    Period.objects.filter(code="pil.civil_announcement").delete()
    Period.objects.filter(code="pil.recommendation_reply").update(amount=3, remind_before_days=10)

    sync_declared_periods()
    assert get_period("pil.civil_announcement").amount == 30
    corrected = get_period("pil.recommendation_reply")
    assert (corrected.amount, corrected.remind_before_days) == (3, 10)
    before = list(Period.objects.order_by("code").values())
    sync_declared_periods()  # idempotent: a second run changes nothing
    assert list(Period.objects.order_by("code").values()) == before


@pytest.mark.django_db
def test_the_sync_adds_a_period_a_workflow_declares_later(monkeypatch):
    registry = Declarations(
        declared={code: dict(by) for code, by in declarations.REGISTRY.declared.items()},
        used={code: set(by) for code, by in declarations.REGISTRY.used.items()},
    )
    monkeypatch.setattr(declarations, "REGISTRY", registry)
    new = PeriodDefault(code="tests.new", name="新期间", name_en="New", amount=4, unit=Unit.DAYS)
    declare_periods([new], by="tests.workflow")
    sync_declared_periods()
    assert (get_period("tests.new").amount, get_period("tests.new").unit) == (4, Unit.DAYS)


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
    period = get_period("pil.recommendation_reply")
    with translation.override("en"):
        assert period.label == period.name_en
        assert period.name_en in str(period)
    with translation.override("zh-hans"):
        assert period.label == period.name
    period.name_en = ""
    with translation.override("en"):
        assert period.label == period.name
