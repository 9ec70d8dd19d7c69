"""Organisation-tree helpers on top of the shared factories (liaison/core/tests/factories.py)."""

from __future__ import annotations

from typing import Any

from liaison.core.tests.factories import OrganisationFactory, UserFactory, division
from liaison.core.validators import uscc_check_char
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind

__all__ = ["UserFactory", "procuratorate", "uscc"]


def uscc(first17: str = "91150603MA0N12345") -> str:
    """A unified social credit code with the right GB 32100 check character."""
    return first17 + uscc_check_char(first17)


def procuratorate(
    code: str,
    *,
    parent: Organisation | None = None,
    level: str = Organisation.Level.COUNTY,
    kind: str = OrganisationKind.PROCURATORATE,
    **fields: Any,
) -> Organisation:
    """An organisation (a procuratorate unless ``kind`` says otherwise) at division ``code``."""
    return OrganisationFactory(
        division=division(code), parent=parent, level=level, kind=kind, **fields
    )
