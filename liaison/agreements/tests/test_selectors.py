"""The selectors other apps read: visibility, liaison persons, governing agreements, cadence."""

from datetime import date

import pytest

from liaison.agreements import registry
from liaison.agreements.actions import liaison_person_name
from liaison.agreements.selectors import (
    agreements_governing,
    agreements_of,
    current_liaison_person,
    last_meeting_on,
    liaison_persons_of,
    meeting_outlook,
    meeting_overdue,
    next_meeting_due,
)
from liaison.core.access import access_for
from liaison.workflow.opening import matter_open

from .factories import draft, in_force, sides

pytestmark = pytest.mark.django_db


def test_each_partys_staff_see_it_and_nobody_else():
    s = sides()
    agreement = draft(s)
    for person in (s.chief, s.prosecutor, s.judge, s.court_admin):
        assert list(agreements_of(access_for(person))) == [agreement]
    assert list(agreements_of(access_for(s.outsider_staff))) == []


def test_liaison_persons_current_and_by_party():
    s = sides()
    agreement = draft(s)
    assert current_liaison_person(agreement, s.court) is None
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    liaison_person_name(
        agreement=agreement,
        organisation=s.procuratorate,
        person=s.prosecutor,
        access=access_for(s.admin),
    )
    assert current_liaison_person(agreement, s.court) == s.judge
    assert liaison_persons_of(agreement) == {s.court.pk: s.judge, s.procuratorate.pk: s.prosecutor}


def test_next_meeting_due_from_cadence():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 31), meeting_cadence=3)
    assert next_meeting_due(agreement, None) == date(2026, 4, 30)
    assert next_meeting_due(agreement, date(2026, 5, 10)) == date(2026, 8, 10)
    agreement.meeting_cadence = None
    assert next_meeting_due(agreement, None) is None


def test_a_draft_has_no_meeting_due():
    s = sides()
    assert next_meeting_due(draft(s), None) is None


def test_last_meeting_comes_from_the_provider_and_makes_overdue():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5), meeting_cadence=3)
    assert last_meeting_on(agreement) is None
    assert meeting_overdue(agreement, date(2026, 4, 6))
    previous = registry.meetings_provider
    registry.set_meetings_provider(
        lambda agreements: {agreement.pk: registry.MeetingsRecord(date(2026, 3, 1))}
    )
    try:
        assert last_meeting_on(agreement) == date(2026, 3, 1)
        assert not meeting_overdue(agreement, date(2026, 4, 6))
    finally:
        registry.set_meetings_provider(previous)


def test_a_meeting_scheduled_is_not_overdue_even_past_its_cadence():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5), meeting_cadence=3)
    previous = registry.meetings_provider
    registry.set_meetings_provider(
        lambda agreements: {agreement.pk: registry.MeetingsRecord(None, scheduled=True)}
    )
    try:
        assert not meeting_overdue(agreement, date(2026, 4, 6))
        assert meeting_outlook(agreement, date(2026, 4, 6)).next_due == date(2026, 4, 5)
    finally:
        registry.set_meetings_provider(previous)


def test_governing_agreements_need_type_parties_and_force():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5))
    notice = matter_open(
        workflow="notices.notice",
        owner=s.procuratorate,
        access=access_for(s.prosecutor),
        fields={"title": "通报", "body": "内容"},
        partners=[s.court],
    )
    assert list(agreements_governing(notice)) == []  # notices are not governed by it
    agreement.governs = ["notices.notice"]
    agreement.save()
    assert list(agreements_governing(notice)) == [agreement]
    other = matter_open(
        workflow="notices.notice",
        owner=s.procuratorate,
        access=access_for(s.prosecutor),
        fields={"title": "通报", "body": "内容"},
        partners=[s.outsider],
    )
    assert list(agreements_governing(other)) == []  # the bureau is no party
    still_draft = draft(s, governs=["notices.notice"])
    assert still_draft not in agreements_governing(notice)


def test_my_work_holds_drafts_and_signed_agreements_not_those_in_force():
    from liaison.workflow.selectors import my_work

    s = sides()
    drafted = draft(s)
    running = in_force(s, signed_on=date(2026, 1, 5))
    held = {m.pk for m in my_work(access_for(s.chief))}
    assert drafted.pk in held and running.pk not in held
    assert not {m.pk for m in my_work(access_for(s.judge))} & {drafted.pk, running.pk}


def test_lists_ask_the_bulk_provider_once_when_the_meetings_app_sets_one():
    from liaison.agreements.selectors import with_next_meetings

    s = sides()
    first = in_force(s, signed_on=date(2026, 1, 5), meeting_cadence=3)
    second = in_force(s, signed_on=date(2026, 1, 5), meeting_cadence=6)
    calls = []

    def provider(agreements):  # type: ignore[no-untyped-def]
        calls.append(len(agreements))
        return {first.pk: registry.MeetingsRecord(date(2026, 5, 1))}

    previous = registry.meetings_provider
    registry.set_meetings_provider(provider)
    try:
        listed = with_next_meetings([first, second], date(2026, 7, 10))
    finally:
        registry.set_meetings_provider(previous)
    assert calls == [2]
    assert [a.next_meeting for a in listed] == [date(2026, 8, 1), date(2026, 7, 5)]
    assert [a.meeting_overdue for a in listed] == [False, True]
