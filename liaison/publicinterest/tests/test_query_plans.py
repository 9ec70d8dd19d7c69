"""The queries that must stay fast at a million clues read their indexes (PostgreSQL's plans,
with sequential scans priced out so that a small test table does not hide a missing index).
The timings themselves are ``make bench``'s, never a test's."""

import random

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet

from liaison.core.access import access_for
from liaison.publicinterest.bench import analyse, clue_officer_of_the_busiest, generate
from liaison.publicinterest.bench import procuratorates as bench_procuratorates
from liaison.publicinterest.duplicates import nearby_candidates
from liaison.publicinterest.models import Clue
from liaison.publicinterest.selectors import clues_for_triage
from liaison.workflow.selectors import my_work

from .factories import field

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans"),
]

#: Enough rows of a realistic shape (``bench.py``: Inner Mongolia's counties, uneven) for the
#: planner to choose as it does at a million; the test database is emptied afterwards.
CLUES = 20_000


def _plan(queryset: QuerySet) -> str:  # type: ignore[type-arg]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


@pytest.fixture
def bench():  # type: ignore[no-untyped-def]
    field()
    orgs = bench_procuratorates(provinces=["15"])
    generate(CLUES, orgs, random.Random(4), first=0)
    analyse()
    return clue_officer_of_the_busiest(orgs)


def _an_open_clue() -> Clue:
    return Clue.objects.filter(state="submitted", latitude__isnull=False).order_by("pk").first()  # type: ignore[return-value]


def test_the_nearby_check_reads_the_field_and_point_index(bench) -> None:  # type: ignore[no-untyped-def]
    clue = _an_open_clue()
    here = (float(clue.latitude), float(clue.longitude))  # type: ignore[arg-type]
    plan = _plan(nearby_candidates(field_id=clue.field_id, here=here, radius_m=1000))
    assert "pil_clue_field_point_idx" in plan, plan
    assert "latitude >=" in plan  # the box is an index condition, not a filter afterwards


def test_the_nearby_check_without_a_point_reads_the_field_and_division_index(bench) -> None:  # type: ignore[no-untyped-def]
    clue = _an_open_clue()
    plan = _plan(nearby_candidates(field_id=clue.field_id, division_code=clue.division_id)[:5])
    assert "pil_clue_field_division_idx" in plan, plan


def test_the_triage_queue_and_my_work_read_the_queue_index(bench) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    access = access_for(bench)
    for queue in (
        clues_for_triage(access),
        clues_for_triage(access, state="accepted", since=date(2025, 1, 1), until=date(2025, 6, 30)),
        my_work(access),
    ):
        plan = _plan(queue[:50])
        assert "workflow_matter_queue_idx" in plan, plan
