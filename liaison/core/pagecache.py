"""Whole public pages kept in process memory, for visitors without an account: the same page
for everyone but for a few per-request values (the CSRF token, a fresh submission key).

Why: the public clue report form is the busiest page and, for a stranger, the same markup
every time. Its form's markup was already kept (``{% cache %}``), but rendering the page around
it (the bar, the language switcher, the assets) still cost about three milliseconds of Python a
visit, a quarter of a submission's GET + POST (``docs/benchmarks.md``). A kept page is rendered
once per key with *markers* where the per-request values go, and each visit only replaces the
markers, which costs microseconds.

What may be kept is the caller's to say through the key: it must name everything the page
depends on except the holes (the language, the day, the versions of the reference data it
shows). ``keep_page`` itself refuses to keep a page that could differ for this visitor: one
for a logged-in user, one with a query string (the language switcher carries the full path),
or one with messages waiting to be shown. Each process keeps at most ``PageKeeper.size`` pages
of a kind, the oldest dropped first; nothing goes to the shared cache, so a new deployment
starts afresh.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from threading import Lock

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

_KEEPERS: list[PageKeeper] = []

#: The hole every kept page has: the CSRF token (each visit gets its own, and its cookie).
CSRF_HOLE = "csrf_token"


class PageKeeper:
    """The kept pages of one view, by key."""

    def __init__(self, name: str, *, size: int = 32) -> None:
        self.name = name
        self.size = size
        self._pages: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = Lock()
        # Markers nobody can type: a process's own random tokens, one per hole.
        self._salt = secrets.token_hex(12)
        _KEEPERS.append(self)

    def marker(self, hole: str) -> str:
        """What stands for ``hole`` in a kept page (letters and digits only, so that no escaping
        in a template changes it)."""
        return f"keptpage{self._salt}{hole.replace('_', '')}"

    def page(
        self,
        request: HttpRequest,
        key: Hashable,
        render: Callable[[Mapping[str, str]], HttpResponse],
        holes: Mapping[str, str],
    ) -> HttpResponse:
        """The page for ``request``: kept under ``key`` (rendered by ``render`` with the markers
        as the holes' values the first time), with ``holes`` and the CSRF token filled in. A
        visitor the page could differ for gets ``render`` with the real values, never kept."""
        values = {**holes, CSRF_HOLE: get_token(request)}  # also sets the visitor's CSRF cookie
        if not _same_for_everyone(request):
            return render(values)
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
        if html is None:
            response = render({hole: self.marker(hole) for hole in values})
            if response.status_code != 200 or response.streaming:
                return render(values)
            html = response.content.decode(response.charset)
            with self._lock:
                self._pages[key] = html
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        for hole, value in values.items():
            html = html.replace(self.marker(hole), value)
        return HttpResponse(html)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


def forget_all_pages() -> None:
    """Drop every kept page of this process (a test's start)."""
    for keeper in _KEEPERS:
        keeper.clear()


@receiver(setting_changed)
def _settings_changed(**_kwargs: object) -> None:
    """A setting changed (in a test): a kept page may show the old one."""
    forget_all_pages()


def _same_for_everyone(request: HttpRequest) -> bool:
    """Whether the page this request gets is the one every stranger gets: no account, no query
    string, no message waiting for this browser."""
    if request.user.is_authenticated or request.GET:
        return False
    return len(get_messages(request)) == 0
