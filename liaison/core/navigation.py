"""The navigation bar, from one registry.

Each app declares its entries in its ``AppConfig.ready()``, each with the rule that decides who
sees the link: a predicate over ``request.access`` taken from the app's own policy (who may
open a notice is the notice workflow's ``opened_by``; who sees the lawyers' pages is what the
lawyers' views check). The linked view enforces the same predicate with ``page_rule``, so the
menu shows a link exactly when the page would let the user in. ``{% navigation %}`` renders
``entries_for(access)``; the template decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .access import Access

Rule = Callable[[Access], bool]
View = TypeVar("View", bound=Callable[..., HttpResponse])


@dataclass(frozen=True)
class NavGroup:
    """A menu of the navigation bar that holds the links of one field of work (the courts',
    the support prosecution's), so the bar stays one line however many mechanisms there are.
    It stands where its first link would; a group with one link for the user is that link."""

    key: str
    label: str | Promise


COOPERATION = NavGroup("cooperation", _("Cooperation"))
COURTS = NavGroup("courts", _("Courts"))
PUBLIC_INTEREST = NavGroup("public-interest", _("Public interest"))
SUPPORT = NavGroup("support", _("Support and legal aid"))


@dataclass(frozen=True)
class NavEntry:
    """One link of the navigation bar: the URL's name (it takes no arguments), its label, who
    sees it, and where it stands (lower ``order`` first)."""

    url_name: str
    label: str | Promise
    rule: Rule
    order: int
    #: A page open to everyone (reporting a clue, logging in): offered to visitors, and not
    #: refused to those logged in, who reach it from their own pages instead of the menu.
    public: bool = False
    #: The name of a template-context count shown beside the label (the unread inbox).
    badge: str = ""
    testid: str = ""
    #: The menu it is listed in (``NavGroup``), or none: a link of the bar itself.
    group: NavGroup | None = None


_ENTRIES: dict[str, NavEntry] = {}


def register(*entries: NavEntry) -> None:
    """Add entries (from an ``AppConfig.ready()``; registering the same entry again is harmless,
    a different one under the same URL name is a mistake)."""
    for entry in entries:
        known = _ENTRIES.get(entry.url_name)
        if known is not None and known != entry:
            raise ImproperlyConfigured(f"two navigation entries for {entry.url_name!r}")
        _ENTRIES[entry.url_name] = entry


def registered() -> list[NavEntry]:
    """Every entry, in menu order."""
    return sorted(_ENTRIES.values(), key=lambda e: (e.order, e.url_name))


def entries_for(access: Access) -> list[NavEntry]:
    """The entries this user sees, in menu order."""
    return [entry for entry in registered() if access.ask(entry.rule)]


# -- rules several apps share -------------------------------------------------------------------


def signed_in(access: Access) -> bool:
    return access.is_authenticated


def visitor(access: Access) -> bool:
    """Not logged in: the public ways in (report a clue, register, log in)."""
    return not access.is_authenticated


def site_administrator(access: Access) -> bool:
    """May use Django's administration (what ``admin.site.has_permission`` asks)."""
    user = access.user
    return user is not None and user.is_authenticated and user.is_active and user.is_staff


def page_rule(rule: Rule) -> Callable[[View], View]:
    """A view decorator: the page answers 403 (the project's own page) unless ``rule`` holds
    for the user; put it under ``login_required``, which sends visitors to log in first."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.access.ask(rule):  # type: ignore[attr-defined]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
