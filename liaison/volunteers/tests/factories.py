"""Volunteers registered through the real action, and the Datong youth volunteers."""

from __future__ import annotations

from itertools import count
from typing import Any

from liaison.accounts.models import User
from liaison.core.tests.factories import OrganisationFactory, division
from liaison.core.validators import resident_id_check_char
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.volunteers.actions import volunteer_join, volunteer_register

DATONG = "140200"
PASSWORD = "correct horse battery staple"
_numbers = count(1)


def resident_id(n: int | None = None) -> str:
    """A valid resident ID number (Datong, born 1 May 1995), different for each ``n``."""
    n = next(_numbers) if n is None else n
    first17 = f"14020019950501{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def mobile(n: int | None = None) -> str:
    n = next(_numbers) if n is None else n
    return f"1370352{n % 10000:04d}"


def youth_volunteers(**fields: Any) -> Organisation:
    return OrganisationFactory(
        kind=OrganisationKind.VOLUNTEER_ORGANISATION,
        name=fields.pop("name", "共青团大同市委员会青年志愿者协会"),
        abbreviation="",
        division=division(fields.pop("at", DATONG)),
        **fields,
    )


def volunteer(*, name: str = "宋柳金", joins: Organisation | None = None, **fields: Any) -> User:
    n = next(_numbers)
    user = volunteer_register(
        name=name,
        mobile=fields.pop("mobile", mobile(n)),
        resident_id=fields.pop("resident_id", resident_id(n)),
        password=PASSWORD,
    )
    if joins is not None:
        volunteer_join(person=user, organisation=joins)
    return user
