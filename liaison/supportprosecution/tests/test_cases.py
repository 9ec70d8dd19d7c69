"""A support-prosecution case from the application to recovered instalments, step by step,
through the real actions: each step and who may take it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from liaison.core.access import access_for
from liaison.workflow.models import Clock, MatterParty, Relation

from ..models import Beneficiary
from .factories import accepted, applied_online, judged, opened_at_counter, sent, take, world

pytestmark = pytest.mark.django_db


def test_an_online_application_is_received_with_its_people_and_the_review_clock() -> None:
    w = world()
    case = applied_online(w)
    assert case.state == "applied" and case.channel == "online"
    assert case.case_number.startswith("湾检民支")
    assert Beneficiary.objects.filter(case=case).count() == 3
    clock = Clock.objects.get(matter=case, name="review", state=Clock.State.RUNNING)
    assert clock.due_on > case.received_on


def test_the_case_runs_from_acceptance_to_recovered_money() -> None:
    w = world()
    case = judged(w)
    assert case.state == "outcome_recorded"
    assert case.amount_awarded == Decimal("28800.50")
    assert MatterParty.objects.filter(
        matter=case, relation=Relation.PARTNER_ORG, organisation=w.court
    ).exists()
    case = take(case, "close", w.prosecutor, reasons="")
    assert case.state == "closed"


def test_counter_staff_handle_what_they_enter() -> None:
    w = world()
    case = opened_at_counter(w, channel="phone")
    assert case.channel == "phone"
    assert MatterParty.objects.filter(matter=case, relation=Relation.HANDLER, person=w.prosecutor)
    assert access_for(w.prosecutor)


def test_accepted_and_sent(tmp_path) -> None:
    w = world()
    assert accepted(w).state == "accepted"
    assert sent(w).state == "sent_to_court"
