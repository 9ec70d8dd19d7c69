"""Moving a session (the ``postpone`` step) under the notice rule as ``rules.reschedule_error``
applies it: earlier only with the full notice, later when every case still on the agenda was
told in time; never once the session has begun. The attendee named is told the new time, and
the calendar event keeps its UID with a higher SEQUENCE."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.notifications.models import Notification
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionInvalid, WorkflowError

from ..actions import agenda_item_withdraw
from ..models import CommitteeSession
from ..rules import earliest_session_day, reschedule_error
from .factories import World, added, confirmed, scheduled, session_day, soon, told_long_ago, world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

EVENT = "committees.session.postpone"


@pytest.fixture
def w() -> World:
    return world()


def _minute(when: datetime) -> datetime:
    """As the form takes it: to the minute."""
    return when.replace(second=0, microsecond=0)


def _typed(when: datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def _move(w: World, session: CommitteeSession, when: datetime) -> CommitteeSession:
    transition(
        matter=session,
        name="postpone",
        access=access_for(w.c.judge),
        data={"scheduled_at": _typed(when), "note": "院长出差，会议改期。"},
    )
    return CommitteeSession.objects.get(pk=session.pk)


def test_earlier_with_the_full_notice(w) -> None:
    session = scheduled(w, days_ahead=20)
    day = earliest_session_day(timezone.localdate()) + timedelta(days=1)
    when = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=9)
    assert _move(w, session, when).scheduled_at == when


def test_earlier_without_the_full_notice_is_refused_even_if_the_cases_were_told_long_ago(
    w,
) -> None:
    session = scheduled(w, days_ahead=20)
    told_long_ago(session, days=30)
    with pytest.raises(TransitionInvalid) as refusal:
        _move(w, session, timezone.now() + timedelta(days=1))
    assert "scheduled_at" in refusal.value.form.errors
    assert CommitteeSession.objects.get(pk=session.pk).scheduled_at == session.scheduled_at


def test_later_by_a_day_when_every_case_was_told_in_time(w) -> None:
    """The session is tomorrow and moves to the day after: too soon for a new notice, but the
    procuratorate has had the agenda for ten days and loses no time to prepare."""
    session = soon(confirmed(w), hours=26)
    told_long_ago(session)
    later = _minute(session.scheduled_at + timedelta(days=1))
    moved = _move(w, session, later)
    assert (moved.scheduled_at, moved.state) == (later, "scheduled")
    assert moved.notify_by < timezone.localdate()  # no new notice was possible, none needed


def test_later_is_refused_when_a_case_was_told_too_late_for_the_new_day(w) -> None:
    session = soon(scheduled(w), hours=26)  # its case was told today
    with pytest.raises(TransitionInvalid):
        _move(w, session, session.scheduled_at + timedelta(days=1))


def test_a_withdrawn_case_told_late_does_not_hold_the_session_back(w) -> None:
    session = scheduled(w)
    late = added(w, session)
    agenda_item_withdraw(
        access=access_for(w.c.judge), session=session, item=late, version=1, reason="撤回。"
    )
    told_long_ago(session)
    late.__class__.objects.filter(pk=late.pk).update(added_at=timezone.now())
    session = soon(session, hours=26)
    later = _minute(session.scheduled_at + timedelta(days=1))
    assert _move(w, session, later).scheduled_at == later


def test_the_rule_itself() -> None:
    now = timezone.now()
    long_ago = [timezone.localdate() - timedelta(days=30)]
    today = [timezone.localdate()]
    assert reschedule_error(now - timedelta(hours=1), current=now, told_on=long_ago)
    assert reschedule_error(now + timedelta(days=2), current=now + timedelta(days=1), told_on=today)
    assert (
        reschedule_error(now + timedelta(days=2), current=now + timedelta(days=1), told_on=long_ago)
        is None
    )
    assert reschedule_error(
        now + timedelta(days=1), current=now + timedelta(days=2), told_on=long_ago
    )
    assert reschedule_error(now + timedelta(days=30), current=now, told_on=today) is None


def test_a_session_that_has_begun_is_not_moved(w) -> None:
    session = session_day(confirmed(w))
    with pytest.raises(WorkflowError, match="began at"):
        _move(w, session, timezone.now() + timedelta(days=20))
    assert CommitteeSession.objects.get(pk=session.pk).state == "confirmed"


def test_the_attendee_named_is_told_the_new_time(w) -> None:
    session = confirmed(w)
    later = timezone.now() + timedelta(days=20)
    _move(w, session, later)
    shown = timezone.localtime(later).strftime("%Y-%m-%d %H:%M")
    told = Notification.objects.filter(matter=session, event=EVENT)
    assert {w.c.chief.pk, w.c.head.pk} <= set(told.values_list("recipient", flat=True))
    assert told.get(recipient=w.c.chief).params["scheduled_at"] == shown


def test_the_entrusted_attendee_is_told_too(w) -> None:
    session = scheduled(w)
    from liaison.core.tests.factories import member
    from liaison.orgs.roles import Role

    deputy = member(w.c.procuratorate, Role.DEPARTMENT_HEAD, name="马副检察长")
    transition(
        matter=session,
        name="confirm",
        access=access_for(w.c.chief),
        data={"attendee": str(deputy.pk)},
    )
    _move(w, session, timezone.now() + timedelta(days=20))
    assert Notification.objects.filter(matter=session, event=EVENT, recipient=deputy).exists()


# -- the calendar ------------------------------------------------------------------------------


def _ics(client, w: World, session: CommitteeSession) -> dict[str, str]:
    client.force_login(w.c.chief)
    body = client.get(reverse("committees:ical", args=[session.pk])).content.decode()
    unfolded = body.replace("\r\n ", "")
    return dict(re.findall(r"^([A-Z]+):(.*?)\r?$", unfolded, flags=re.M))


def test_a_moved_session_keeps_its_uid_with_a_higher_sequence(client, w) -> None:
    session = confirmed(w)
    before = _ics(client, w, session)
    later = _minute(timezone.now() + timedelta(days=20))
    after = _ics(client, w, _move(w, session, later))
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"] == later.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert after["DTSTART"] != before["DTSTART"]


def test_an_agenda_change_raises_the_sequence_and_a_withdrawn_case_leaves_it(client, w) -> None:
    session = scheduled(w)
    first = _ics(client, w, session)
    second = added(w, session)
    with_both = _ics(client, w, session)
    assert int(with_both["SEQUENCE"]) > int(first["SEQUENCE"])
    assert "民再6号" in with_both["DESCRIPTION"]
    agenda_item_withdraw(
        access=access_for(w.c.judge), session=session, item=second, version=1, reason="撤回。"
    )
    without = _ics(client, w, session)
    assert int(without["SEQUENCE"]) > int(with_both["SEQUENCE"])
    assert "民再6号" not in without["DESCRIPTION"] and "民再5号" in without["DESCRIPTION"]
    assert without["UID"] == first["UID"]
