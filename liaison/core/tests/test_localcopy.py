"""Each process's copy of reference data (``core.localcopy``): current within this process at
once, within ``RECHECK_SECONDS`` in the others, and never stale after the shared cache is
emptied."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache

from liaison.core import localcopy
from liaison.core.localcopy import LocalCopy

_names = itertools.count()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The process's monotonic clock, moved by the test."""
    now = [1000.0]
    monkeypatch.setattr(localcopy.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def topic() -> LocalCopy:
    return LocalCopy(f"test.topic.{next(_names)}")


def counting(values: list[str]):
    calls = []

    def compute() -> str:
        calls.append(1)
        return values[-1]

    return compute, calls


def test_a_value_is_computed_once_while_the_copy_is_current(topic, clock):
    compute, calls = counting(["a"])
    assert topic.get("k", compute) == "a"
    clock[0] += 10 * localcopy.RECHECK_SECONDS  # the version is asked again, unchanged
    assert topic.get("k", compute) == "a"
    assert len(calls) == 1


def test_forget_in_this_process_is_seen_at_once(topic, clock):
    values = ["old"]
    compute, calls = counting(values)
    topic.get("k", compute)
    values.append("new")
    topic.forget()
    assert topic.get("k", compute) == "new"
    assert len(calls) == 2


def test_another_process_sees_a_change_at_its_next_check(topic, clock):
    """Two processes are two copies of the topic sharing the cache."""
    other = LocalCopy(f"{topic.topic}.other")
    other.version_key = topic.version_key
    values = ["old"]
    compute, _ = counting(values)
    assert other.get("k", compute) == "old"
    values.append("new")
    topic.forget()  # the change, made in "this" process
    assert other.get("k", compute) == "old"  # not checked again yet
    clock[0] += localcopy.RECHECK_SECONDS
    assert other.get("k", compute) == "new"


def test_an_emptied_shared_cache_starts_every_copy_afresh(topic, clock):
    values = ["old"]
    compute, _ = counting(values)
    topic.get("k", compute)
    values.append("new")
    cache.clear()
    clock[0] += localcopy.RECHECK_SECONDS
    assert topic.get("k", compute) == "new"


def test_get_many_asks_once_for_the_missing_and_remembers_the_absent(topic, clock):
    asked: list[list[str]] = []

    def read(missing: list[str]) -> dict[str, int]:
        asked.append(sorted(missing))
        return {key: len(key) for key in missing if key != "nowhere"}

    assert topic.get_many(["a", "bb", "nowhere"], read) == {"a": 1, "bb": 2}
    assert topic.get_many(["bb", "nowhere", "ccc"], read) == {"bb": 2, "ccc": 3}
    assert asked == [["a", "bb", "nowhere"], ["ccc"]]


def test_a_topic_is_declared_once(topic):
    with pytest.raises(ValueError):
        LocalCopy(topic.topic)


@pytest.mark.django_db
def test_a_period_saved_in_this_process_counts_at_once():
    from liaison.deadlines.models import Period
    from liaison.deadlines.periods import get_period

    period = Period.objects.first()
    before = get_period(period.code).amount
    period.amount = before + 7
    period.save()
    assert get_period(period.code).amount == before + 7
