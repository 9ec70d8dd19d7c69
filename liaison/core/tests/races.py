"""Two users at once in tests, on real database connections: the jobs start together, each in
its own thread with its own connection (PostgreSQL only: SQLite serialises writers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

#: Marks a test module or test that needs concurrent writers (run by .ci/run on PostgreSQL).
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers: PostgreSQL (in .ci/run)"
)


def race(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run ``jobs`` in threads released together by a barrier; each one's result, or the
    exception it raised (the outcome under test), in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = jobs[i]()
        except Exception as error:  # the outcome under test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
