"""The notice rule of the 2010 opinion of the Supreme People's Court and the Supreme People's
Procuratorate on the chief procurator attending the adjudication committee
(《关于人民检察院检察长列席人民法院审判委员会会议的实施意见》, on telling the procuratorate of
the agenda and the time): the court tells the procuratorate of the cases on the agenda, and of
the session's time, at least three days before the session.

The court is refused, not warned: a session announced later leaves the chief procurator no time
to read the files and prepare an opinion, which is what the notice is for, and a later day can
always be chosen (the refusal names the earliest). The period is data in the period table
(``committees.notice``, three days, counted backwards from the session's day with
``deadlines.calculator.latest_day_before``), so a correction by the administrators applies.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.deadlines.calculator import latest_day_before
from liaison.deadlines.calendar import current_calendar
from liaison.deadlines.models import Unit
from liaison.deadlines.periods import PeriodDefault, get_period

#: Read here, not run by a clock: declared by this app (``apps.py``) for the period table.
NOTICE_PERIOD = PeriodDefault(
    code="committees.notice",
    name="审判委员会会议三日前通知检察院议题和时间",
    name_en="Procuratorate told of an adjudication committee session (agenda, time) beforehand",
    amount=3,
    unit=Unit.DAYS,
    rule="《最高人民法院、最高人民检察院关于人民检察院检察长列席人民法院审判委员会会议的实施意见》"
    "（2010年）关于将会议议程、时间通知人民检察院的规定。本期间自会议日向前倒数",
    remind_before_days=1,
)
_SEARCH_DAYS = 400


def notify_by_for(day: date) -> date:
    """The last day on which the procuratorate can be told of a session on ``day``."""
    period = get_period(NOTICE_PERIOD.code)
    return latest_day_before(day, period.amount, period.unit, current_calendar())


def earliest_session_day(today: date) -> date:
    """The first day a session scheduled today can be held, the procuratorate told today."""
    for offset in range(1, _SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if notify_by_for(day) >= today:
            return day
    raise ValueError("no session day within a year")  # pragma: no cover - periods are short


def too_late_error(when: datetime) -> Any:
    """Why a session cannot be held at ``when`` (in the past, or too soon for the procuratorate
    to be told in time), or None."""
    if when <= timezone.now():
        return _("The session must be in the future.")
    day = timezone.localtime(when).date()
    if timezone.localdate() <= notify_by_for(day):
        return None
    period = get_period(NOTICE_PERIOD.code)
    return _(
        "The procuratorate must be told of the agenda and time at least %(amount)s %(unit)s "
        "before the session, so the earliest day for it is %(earliest)s."
    ) % {
        "amount": period.amount,
        "unit": period.get_unit_display(),
        "earliest": earliest_session_day(timezone.localdate()).isoformat(),
    }


def reschedule_error(when: datetime, *, current: datetime, told_on: list[date]) -> Any:
    """Why a session now at ``current`` cannot move to ``when``, or None. ``told_on``: the days
    the procuratorate was told of each case still on the agenda (withdrawn ones do not count).

    The rule is the notice rule applied to what the procuratorate has not yet had the full
    period to prepare. A new time that the procuratorate can be told of in full time is always
    accepted. Otherwise only a later time is, and only if every case still on the agenda was
    told at least the period before the new day: the notice exists so that the chief
    procurator can read the files and prepare an opinion, and a postponement takes none of
    that time away (it adds to it), while refusing it would force the court to push a session
    it must move by a day a whole period out. The procuratorate is told of the new time at once
    and answers again who attends (the ``postpone`` step returns to awaiting its answer), so an
    attendee who cannot come at the new time is replaced or the procuratorate declines. An
    earlier time is never excused: it shortens the preparation the rule guarantees."""
    problem = too_late_error(when)
    if problem is None or when <= timezone.now():
        return problem
    if when > current:
        last = notify_by_for(timezone.localtime(when).date())
        if all(day <= last for day in told_on):
            return None
    return problem
