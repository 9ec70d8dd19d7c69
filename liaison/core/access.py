"""Who a request's user is to Liaison: memberships, roles and organisations, computed once.

Built lazily by ``AccessMiddleware`` as ``request.access`` and passed to selectors and actions,
so permission questions never re-query memberships within one request (after Sentry's
``auth/access.py``). ``SYSTEM`` stands for scheduled work; ``NOBODY`` for anonymous visitors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from liaison.accounts.models import User


@dataclass(frozen=True)
class Seat:
    """One active membership: the organisation, its kind and tree path, and the role."""

    organisation_id: int
    kind: str
    path: str
    role: str


@dataclass
class Access:
    user: User | None
    is_system: bool = False
    _seats: list[Seat] | None = field(default=None, repr=False)
    _answers: dict[Callable[[Access], bool], bool] = field(default_factory=dict, repr=False)

    @cached_property
    def seats(self) -> list[Seat]:
        if self._seats is not None:
            return self._seats
        if self.user is None or not self.user.is_authenticated:
            return []
        from liaison.orgs.models import Membership

        rows = (
            Membership.objects.filter(
                person=self.user, is_active=True, organisation__is_active=True
            )
            .values_list("organisation_id", "organisation__kind", "organisation__path", "role")
            .order_by("organisation__path", "role")
        )
        return [Seat(*row) for row in rows]

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None and self.user.is_authenticated else None

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(s.organisation_id for s in self.seats)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(s.role for s in self.seats)

    def organisations_with(self, roles: Iterable[str] | None = None) -> frozenset[int]:
        """Organisations where the user holds one of ``roles`` (any role when None)."""
        if roles is None:
            return self.organisation_ids
        wanted = set(roles)
        return frozenset(s.organisation_id for s in self.seats if s.role in wanted)

    def has_role(self, organisation_id: int | None, roles: Iterable[str] | None = None) -> bool:
        return organisation_id is not None and organisation_id in self.organisations_with(roles)

    def is_staff_of(self, organisation_id: int | None) -> bool:
        from liaison.orgs.roles import STAFF_ROLES

        return self.has_role(organisation_id, STAFF_ROLES)

    def ask(self, rule: Callable[[Access], bool]) -> bool:
        """``rule(self)``, answered once per request: the menu and the page it links to ask the
        same rule (``core/navigation.py``), and a rule may need a query."""
        if self.user is None:  # NOBODY and SYSTEM are shared: nothing is kept on them
            return rule(self)
        if rule not in self._answers:
            self._answers[rule] = rule(self)
        return self._answers[rule]

    @cached_property
    def staff_organisation_ids(self) -> frozenset[int]:
        from liaison.orgs.roles import STAFF_ROLES

        return self.organisations_with(STAFF_ROLES)


SYSTEM = Access(user=None, is_system=True, _seats=[])
NOBODY = Access(user=None, _seats=[])


def access_for(user: Any) -> Access:
    """The access object for a user (anonymous users get ``NOBODY``)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    return Access(user=user)
