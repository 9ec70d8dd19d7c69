"""Reference data every request reads and an administrator rarely changes (the period table,
the active public-interest fields, the divisions, which procuratorate serves a place), kept in
each process's own memory.

Why not only the shared cache (``settings.CACHES``): where it is Redis, every read there is a
round trip and the unpickling of model instances, and the public clue submission, the busiest
page, read five such values a request (about a seventh of its time, ``docs/benchmarks.md``).
A process now keeps its own copy of a topic and asks the shared cache only for the topic's
*version*, a short token, at most once every ``RECHECK_SECONDS``.

- A change made through the ORM calls ``forget()`` (the apps connect it to ``post_save`` and
  ``post_delete``, and again after commit): this process drops its copy at once and a new
  version goes to the shared cache, so every other process drops its copy at its next check,
  at most ``RECHECK_SECONDS`` later. Deadlines are counted in days; a period corrected by an
  administrator reaches the other servers within a second.
- A process that finds no version in the shared cache (emptied, evicted, first start) sets
  one and starts its copy afresh, so an emptied shared cache never leaves a stale copy behind.
- Values are computed from the database on a miss and never written to the shared cache: a
  long-lived worker reads each at most once a version.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING: Any = object()
_ABSENT: Any = object()

#: How long a process trusts its copy before asking the shared cache for the topic's version.
RECHECK_SECONDS = 1.0

_TOPICS: dict[str, LocalCopy] = {}


class LocalCopy:
    """One topic's values in this process, keyed as the caller likes (a code, a tuple)."""

    def __init__(self, topic: str) -> None:
        if topic in _TOPICS:
            raise ValueError(f"local copy {topic!r} is declared twice")
        self.topic = topic
        self.version_key = f"localcopy:{topic}:version"
        self._values: dict[Hashable, Any] = {}
        self._version: str | None = None
        self._checked = float("-inf")
        _TOPICS[topic] = self

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value under ``key``: this process's copy while it is current, else ``compute()``."""
        self._recheck()
        try:
            return self._values[key]
        except KeyError:
            value = compute()
            self._values[key] = value
            return value

    def get_many(
        self, keys: Iterable[K], compute: Callable[[list[K]], Mapping[K, V]]
    ) -> dict[K, V]:
        """The values under ``keys`` that exist: the copies held, and ``compute(missing)`` once
        for the others (a key it does not answer is remembered as absent, not asked again)."""
        self._recheck()
        found: dict[K, V] = {}
        missing: list[K] = []
        for key in keys:
            held = self._values.get(key, _MISSING)
            if held is _MISSING:
                missing.append(key)
            elif held is not _ABSENT:
                found[key] = held
        if missing:
            computed = compute(missing)
            for key in missing:
                value = computed.get(key, _ABSENT)
                self._values[key] = value
                if value is not _ABSENT:
                    found[key] = value
        return found

    def version(self) -> str | None:
        """The version of the topic this process holds, current within ``RECHECK_SECONDS``: a
        key for what is derived from its values (the report page's cached markup)."""
        self._recheck()
        return self._version

    def forget(self, **_signal_kwargs: Any) -> None:
        """Drop every copy of the topic: this process's now, the others' at their next check.
        Takes and ignores a signal's arguments, so it can be connected directly."""
        self._values.clear()
        self._version = uuid.uuid4().hex
        cache.set(self.version_key, self._version, None)
        self._checked = time.monotonic()

    def _recheck(self) -> None:
        now = time.monotonic()
        if now - self._checked >= RECHECK_SECONDS:
            self._check_version()
            self._checked = now

    def _check_version(self) -> None:
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, uuid.uuid4().hex, None)
            version = cache.get(self.version_key)
        if version != self._version:
            self._values.clear()
            self._version = version

    def drop_local(self) -> None:
        """Forget this process's copy only (the test suite's fresh start of each test)."""
        self._values.clear()
        self._version = None
        self._checked = float("-inf")


def drop_all_local() -> None:
    """Every topic's copy in this process, for a test that starts with empty caches."""
    for copy in _TOPICS.values():
        copy.drop_local()
