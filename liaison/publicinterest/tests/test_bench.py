"""``make bench``'s command: it generates clues and prints its timings (never asserted), and it
refuses a database that is not its own."""

import io

import pytest
from django.core.management import CommandError, call_command

from liaison.publicinterest.models import Clue
from liaison.workflow.models import Clock

from .factories import procuratorate, reported_clue

pytestmark = pytest.mark.django_db


def test_it_generates_the_clues_and_prints_p50_and_p95_of_each_query(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", "the test database")
    out = io.StringIO()
    call_command("bench_publicinterest", clues=300, runs=3, provinces="15", stdout=out)
    assert Clue.objects.count() == 300 and Clock.objects.count() == 300
    assert Clue.objects.filter(owner__name__startswith="基准").count() == 300
    text = out.getvalue()
    for query in ("triage queue page", "nearby check", '"my work"'):
        line = next(line for line in text.splitlines() if line.startswith(query))
        assert "p50" in line and "p95" in line and "ms" in line
    # a second run tops up to the number asked and reuses what is there
    call_command("bench_publicinterest", clues=350, runs=1, provinces="15", stdout=io.StringIO())
    assert Clue.objects.count() == 350


def test_it_refuses_a_database_with_clues_of_its_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", "the test database")
    procuratorate()
    reported_clue()
    with pytest.raises(CommandError, match="of its own"):
        call_command("bench_publicinterest", clues=10, stdout=io.StringIO())


def test_it_needs_a_database_named(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="DATABASE_URL"):
        call_command("bench_publicinterest", clues=10, stdout=io.StringIO())
    monkeypatch.setenv("DATABASE_URL", "x")
    with pytest.raises(CommandError):
        call_command("bench_publicinterest", clues=0, stdout=io.StringIO())
