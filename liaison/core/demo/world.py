"""What every seed's module of the demo builds on: the organisation and person tables' shapes,
the one password, made-up identifiers with valid check characters (unified social credit codes,
GB 32100; resident IDs, GB 11643), creating the organisations and people, and the account list
``load_demo`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from liaison.accounts.models import User
from liaison.core.validators import resident_id_check_char, uscc_check_char
from liaison.orgs.models import Membership, Organisation
from liaison.places.models import Division

DEMO_PASSWORD = "liaison-demo-2026"

L = Organisation.Level

#: A demo person: (username, name, English name, organisation key, roles).
Person = tuple[str, str, str, str, list[str]]
#: Who works with whom, as the seeds' agreements bind them: (organisation, partner, agreement).
Cooperation = tuple[str, str, str]


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    name_en: str
    kind: str
    level: str
    division: str
    parent: str | None = None
    abbreviation: str = ""
    uscc_seed: str = ""


def uscc(seed: str) -> str:
    return seed + uscc_check_char(seed) if seed else ""


def resident_id(n: int, place: str = "150603") -> str:
    first17 = f"{place}19{80 + n % 20:02d}0{1 + n % 9}1{n % 10}{n:03d}"[:17]
    return first17 + resident_id_check_char(first17)


def organisations_and_people(
    organisations: Sequence[OrgSpec], people: Sequence[Person]
) -> tuple[dict[str, Organisation], dict[str, User]]:
    """Create ``organisations`` (each after its parent) and ``people`` with their memberships;
    each person's made-up mobile and resident ID follow from their place in ``people``."""
    orgs: dict[str, Organisation] = {}
    for spec in organisations:
        org = Organisation(
            name=spec.name,
            name_en=spec.name_en,
            kind=spec.kind,
            level=spec.level,
            division=Division.objects.get(code=spec.division),
            parent=orgs.get(spec.parent) if spec.parent else None,
            abbreviation=spec.abbreviation,
            uscc=uscc(spec.uscc_seed),
        )
        org.full_clean()
        org.save()
        orgs[spec.key] = org
    users: dict[str, User] = {}
    for n, (username, name, name_en, org_key, roles) in enumerate(people, start=1):
        user = User(
            username=username,
            name=name,
            name_en=name_en,
            email=f"{username}@example.cn",
            mobile=f"1390477{n:04d}",
            resident_id=resident_id(n),
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        for role in roles:
            Membership.objects.create(person=user, organisation=orgs[org_key], role=role)
        users[username] = user
    return orgs, users


def accounts() -> list[tuple[str, str, str]]:
    rows = []
    for user in (
        User.objects.filter(is_active=True)
        .prefetch_related("memberships__organisation")
        .order_by("pk")
    ):
        roles = ", ".join(
            f"{m.organisation.name} {m.get_role_display()}" for m in user.memberships.all()
        ) or ("superuser" if user.is_superuser else "")
        rows.append((user.username, user.display_name, roles))
    return rows
