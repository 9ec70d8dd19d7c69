"""Hearings scheduled through the real action, on a Datong case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.hearings.actions import hearing_schedule
from liaison.hearings.models import Hearing
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicinterest.tests.factories import DATONG, procuratorate, reported_clue
from liaison.workflow.models import Matter


def datong_procuratorate() -> Organisation:
    return procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")


def prosecutor(org: Organisation, **fields: Any) -> User:
    return member(org, Role.PROSECUTOR, **fields)


def case_of(org: Organisation) -> Matter:
    return reported_clue(at=org.division_id, anonymous=True)


def scheduled_hearing(
    *, by: User, case: Matter, days_ahead: int = 10, public: bool = True, **fields: Any
) -> Hearing:
    return hearing_schedule(
        access=access_for(by),
        case=case,
        title=fields.pop("title", "关于煤场扬尘污染公益诉讼案的公开听证"),
        subject=fields.pop("subject", "某煤场扬尘污染是否已整改到位"),
        scheduled_at=fields.pop("scheduled_at", timezone.now() + timedelta(days=days_ahead)),
        place=fields.pop("place", "大同市人民检察院听证室"),
        public=public,
    )


def make_it_the_hearing_day(hearing: Hearing) -> Hearing:
    """Time passes: the hearing is today (and its notice day is long gone)."""
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_at=timezone.now())
    hearing.refresh_from_db()
    return hearing
