"""Two phones posting the same application at once, and two instalments recorded at once, on
two real database connections (PostgreSQL; SQLite serialises writers)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from liaison.core.access import access_for
from liaison.publicinterest.tests.test_concurrency import _race

from .. import actions
from ..models import Recovery, SupportCase
from .factories import applied_online, judged, world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers: PostgreSQL"
    ),
]


def test_the_same_application_arriving_twice_at_once_is_one_case() -> None:
    w = world()
    key = uuid.uuid4()
    results = _race([lambda: applied_online(w, submission_key=key) for _ in range(3)])
    assert SupportCase.objects.count() == 1
    assert {r.pk for r in results} == {SupportCase.objects.get().pk}


def test_two_instalments_at_once_are_both_checked_against_the_award() -> None:
    w = world()
    case = judged(w, awarded="1000.00")

    def record() -> Recovery:
        return actions.recovery_record(
            access=access_for(w.prosecutor),
            case=case,
            received_on=date.today(),
            amount=Decimal("600.00"),
        )

    results = _race([record, record])
    assert sum(isinstance(r, Recovery) for r in results) == 1
    assert sum(isinstance(r, actions.OverAward) for r in results) == 1
    assert Recovery.objects.filter(case=case).count() == 1
