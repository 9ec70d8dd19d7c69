"""Typed shortcuts over the shared factories (factory_boy's calls are typed as the factory)."""

from typing import Any, cast

from liaison.accounts.models import User
from liaison.core.tests.factories import OrganisationFactory, UserFactory
from liaison.orgs.models import Organisation


def make_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


def make_organisation(**fields: Any) -> Organisation:
    return cast(Organisation, OrganisationFactory(**fields))
