"""The support-prosecution opinion (支持起诉意见书) says what a court reads, marked as a draft
until sent; sending it tells the court, whose acknowledgement is owed within three working
days."""

from __future__ import annotations

from datetime import timedelta

import pytest

from liaison.deadlines.models import Unit
from liaison.notifications.models import Notification
from liaison.workflow.models import Clock

from ..documents import DRAFT_MARK, HEADING, opinion_text
from .factories import OPINION, accepted, sent, take, world

pytestmark = pytest.mark.django_db


def test_the_draft_says_it_is_a_draft_and_the_sent_one_does_not() -> None:
    w = world()
    case = take(accepted(w), "draft_opinion", w.prosecutor, court=w.court.pk, **OPINION)
    text = opinion_text(case)
    assert text.draft and text.draft_mark == DRAFT_MARK and text.heading == HEADING
    assert text.addressee == "芜湖市湾沚区人民法院" and text.number == case.case_number
    words = " ".join(block.text for block in text.body)
    assert "拖欠申请人等三名农民工工资" in words and "第十五条" in words
    assert not opinion_text(take(case, "send_opinion", w.prosecutor)).draft


def test_sending_tells_the_court_which_owes_its_acknowledgement_in_three_working_days() -> None:
    w = world()
    case = sent(w)
    assert Notification.objects.filter(recipient=w.judge, matter=case).exists()
    clock = Clock.objects.get(matter=case, name="acknowledge")
    assert (clock.period_code, clock.amount, clock.unit) == (
        "supportprosecution.court_acknowledge",
        3,
        Unit.WORKING_DAYS,
    )
    assert case.opinion_sent_on is not None
    assert clock.started_on == case.opinion_sent_on
    assert clock.due_on >= case.opinion_sent_on + timedelta(days=3)
