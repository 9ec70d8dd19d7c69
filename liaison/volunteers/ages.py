"""How old a volunteer must be, and whether a person is: one place for the rule that registering,
joining an organisation, taking on a role and being assigned to supervise all ask.

Age is whole years on a day, from the birth date a resident ID number carries (digits 7–14, which
``core.validators.validate_resident_id`` already checked). Each volunteer organisation sets its
minimum (``OrganisationSettings.minimum_age``, 18 unless it says otherwise):

- registering (no organisation yet) asks for the lowest minimum of the active volunteer
  organisations, so that whoever some organisation would take can register, and the page says
  which age that is;
- joining an organisation asks for that organisation's minimum;
- taking on a role, and being assigned to supervise a rectification, ask for the lowest minimum
  of the organisations the person is an active volunteer of, or the default (18) for a person
  who joined none: only an organisation that takes younger volunteers vouches for them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Min
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role

from .models import DEFAULT_MINIMUM_AGE, OrganisationSettings

if TYPE_CHECKING:
    from liaison.accounts.models import User


def birth_date(resident_id: str) -> date | None:
    """The birth date in an 18-character resident ID number, or None if it has none."""
    digits = (resident_id or "").strip()[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def age_on(born: date, day: date) -> int:
    """Whole years from ``born`` to ``day`` (a birthday on 29 February counts on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_of(person: Any, day: date | None = None) -> int | None:
    """The person's age today (or on ``day``), from their resident ID; None if unknown."""
    born = birth_date(getattr(person, "resident_id", "") or "")
    return None if born is None else age_on(born, day or timezone.localdate())


def minimum_age_of(organisation: Organisation) -> int:
    found = OrganisationSettings.objects.filter(organisation=organisation).first()
    return found.minimum_age if found is not None else DEFAULT_MINIMUM_AGE


def _lowest(organisations: Any) -> int | None:
    """The lowest minimum of ``organisations`` (a queryset), those without settings counting
    the default; None when there are none. One query."""
    rows = organisations.annotate(minimum=Min("volunteer_settings__minimum_age")).values_list(
        "minimum", flat=True
    )
    ages = [m if m is not None else DEFAULT_MINIMUM_AGE for m in rows]
    return min(ages) if ages else None


def registration_minimum_age() -> int:
    """The age stated on the registration page and asked of whoever registers."""
    active = Organisation.objects.filter(
        kind=OrganisationKind.VOLUNTEER_ORGANISATION, is_active=True
    )
    lowest = _lowest(active)
    return DEFAULT_MINIMUM_AGE if lowest is None else lowest


def minimum_age_for(person: User) -> int:
    """The age asked of ``person`` to take on a role or be assigned to supervise."""
    theirs = Organisation.objects.filter(
        kind=OrganisationKind.VOLUNTEER_ORGANISATION,
        is_active=True,
        pk__in=Membership.objects.filter(person=person, role=Role.VOLUNTEER, is_active=True).values(
            "organisation_id"
        ),
    )
    lowest = _lowest(theirs)
    return DEFAULT_MINIMUM_AGE if lowest is None else lowest


def too_young(person: Any, minimum: int) -> bool:
    """Whether ``person`` is under ``minimum`` (or their age is unknown: no resident ID)."""
    age = age_of(person)
    return age is None or age < minimum


def age_refusal(person: Any, minimum: int) -> str | None:
    """Why ``person`` may not take on a volunteer role under ``minimum``, in their language;
    None when they may."""
    age = age_of(person)
    if age is None:
        return str(
            _(
                "Volunteer roles are for people aged %(age)d or older, and your account has no "
                "resident ID number to tell your age from."
            )
            % {"age": minimum}
        )
    if age < minimum:
        return str(
            _(
                "Volunteer roles are for people aged %(age)d or older; by the birth date in "
                "your resident ID number you are %(yours)d."
            )
            % {"age": minimum, "yours": age}
        )
    return None


def born_by(minimum: int, day: date | None = None) -> str:
    """The latest birth date (``YYYYMMDD``, as resident ID numbers write it) of a person aged
    ``minimum`` on ``day``: for filtering people by age in one query."""
    day = day or timezone.localdate()
    try:
        latest = day.replace(year=day.year - minimum)
    except ValueError:  # 29 February in a year without one
        latest = day.replace(year=day.year - minimum, day=28)
    return latest.strftime("%Y%m%d")


def old_enough_people(people: Any, minimum: int) -> Any:
    """``people`` (a queryset of users) narrowed to those aged ``minimum`` or more today."""
    return people.annotate(born=Substr("resident_id", 7, 8)).filter(
        resident_id__regex=r"^[0-9]{17}[0-9X]$", born__lte=born_by(minimum)
    )
