"""Reception slots and bookings: never overbooked, never in the past, only for one's own cases."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from liaison.core.access import access_for
from liaison.lawyers.actions import booking_create
from liaison.lawyers.models import Booking, ReceptionSlot
from liaison.lawyers.reminders import send_booking_reminders
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, WorkflowError

from .factories import booking, case, lawyer, of_record, procuratorate, slot, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = procuratorate()
    officer = staff(org)
    the_case = case(org)
    counsel = lawyer(at=org)
    of_record(the_case, counsel)
    return org, officer, the_case, counsel


def test_book_confirm_check_in(world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    the_slot = slot(org, capacity=1)
    made = booking(counsel, the_slot, the_case)
    assert made.state == "requested" and made.owner == org
    the_slot.refresh_from_db()
    assert the_slot.booked == 1
    transition(matter=made, name="confirm", access=access_for(officer))
    assert counsel.user.notifications.filter(event="lawyers.booking.confirm").exists()
    with pytest.raises(WorkflowError, match="begun"):
        transition(matter=made, name="no_show", access=access_for(officer))
    transition(matter=made, name="check_in", access=access_for(officer))
    made.refresh_from_db()
    assert made.state == "attended" and made.checked_in_at is not None


def test_the_last_place_goes_once(world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, the_case, counsel = world
    second = lawyer(at=org)
    of_record(the_case, second)
    the_slot = slot(org, capacity=1)
    booking(counsel, the_slot, the_case)
    with pytest.raises(WorkflowError, match="taken"):
        booking(second, the_slot, the_case)
    the_slot.refresh_from_db()
    assert the_slot.booked == 1
    assert Booking.objects.count() == 1


def test_decline_and_cancel_give_the_place_back(world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    the_slot = slot(org, capacity=1)
    made = booking(counsel, the_slot, the_case)
    transition(
        matter=made, name="decline", access=access_for(officer), data={"note": "承办检察官出差"}
    )
    the_slot.refresh_from_db()
    assert the_slot.booked == 0
    made.refresh_from_db()
    assert made.reason == "承办检察官出差"
    again = booking(counsel, the_slot, the_case)
    transition(matter=again, name="cancel", access=access_for(counsel.user))
    the_slot.refresh_from_db()
    assert the_slot.booked == 0


def test_move_to_another_slot(world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    first, later = (
        slot(org, capacity=1),
        slot(org, capacity=1, starts=timezone.now() + timedelta(days=5)),
    )
    made = booking(counsel, first, the_case)
    transition(matter=made, name="move", access=access_for(officer), data={"slot": later.pk})
    first.refresh_from_db()
    later.refresh_from_db()
    made.refresh_from_db()
    assert (first.booked, later.booked, made.slot_id, made.state) == (0, 1, later.pk, "confirmed")


def test_a_full_slot_is_no_move_target(world) -> None:  # type: ignore[no-untyped-def]
    from liaison.workflow.errors import TransitionInvalid

    org, officer, the_case, counsel = world
    first, full = (
        slot(org, capacity=1),
        slot(org, capacity=1, starts=timezone.now() + timedelta(days=5)),
    )
    other = lawyer(at=org)
    of_record(the_case, other)
    booking(other, full, the_case)
    made = booking(counsel, first, the_case)
    with pytest.raises(TransitionInvalid):
        transition(matter=made, name="move", access=access_for(officer), data={"slot": full.pk})


def test_a_slot_in_the_past_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, the_case, counsel = world
    the_slot = slot(org)
    ReceptionSlot.objects.filter(pk=the_slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now()
    )
    with pytest.raises(WorkflowError, match="begun"):
        booking(counsel, the_slot, the_case)
    assert not Booking.objects.exists()


def test_a_booking_on_a_case_the_lawyer_is_not_on_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, _the_case, counsel = world
    not_mine = case(org)
    with pytest.raises(WorkflowError, match="act in"):
        booking_create(access=access_for(counsel.user), slot=slot(org), case=not_mine)
    assert not Booking.objects.exists()


def test_the_same_slot_is_booked_once_per_lawyer(world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, the_case, counsel = world
    the_slot = slot(org)
    booking(counsel, the_slot, the_case)
    with pytest.raises(WorkflowError, match="already booked"):
        booking(counsel, the_slot, the_case)


def test_two_confirms_at_once_one_wins(world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    made = booking(counsel, slot(org), the_case)
    stale = Booking.objects.get(pk=made.pk)
    transition(matter=made, name="confirm", access=access_for(officer))
    with pytest.raises(TransitionConflict):
        transition(matter=stale, name="decline", access=access_for(officer), data={"note": "x"})


def test_the_calendar_file(client, world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    the_slot = slot(org)
    made = booking(counsel, the_slot, the_case)
    transition(matter=made, name="confirm", access=access_for(officer))
    client.force_login(counsel.user)
    response = client.get(reverse("lawyers:calendar", args=[made.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event["dtstart"].dt == the_slot.starts_at.replace(microsecond=0)
    assert the_case.case_number in str(event["summary"])
    assert str(event["status"]) == "CONFIRMED"
    client.force_login(lawyer(at=org).user)
    assert client.get(reverse("lawyers:calendar", args=[made.pk])).status_code == 404


def test_reminders_go_once_a_day_before(world) -> None:  # type: ignore[no-untyped-def]
    org, officer, the_case, counsel = world
    soon = slot(org, starts=timezone.now() + timedelta(hours=20))
    later = slot(org, starts=timezone.now() + timedelta(days=4))
    for s in (soon, later):
        transition(matter=booking(counsel, s, the_case), name="confirm", access=access_for(officer))
    assert send_booking_reminders() == 1
    assert send_booking_reminders() == 0
    assert counsel.user.notifications.filter(event="lawyers.booking.reminder").count() == 1


# -- pages --------------------------------------------------------------------------------------


def test_booking_through_the_page(client, world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, the_case, counsel = world
    the_slot = slot(org)
    client.force_login(counsel.user)
    listing = client.get(reverse("lawyers:book"), {"purpose": "file_review"}).content.decode()
    assert the_slot.place in listing
    response = client.post(
        reverse("lawyers:book-slot", args=[the_slot.pk]), {"case": the_case.pk, "request": "第一册"}
    )
    assert response.status_code == 302
    assert Booking.objects.get().request == "第一册"


def test_bad_booking_input_gets_a_clear_message_and_changes_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, _the_case, counsel = world
    not_mine = case(org)
    the_slot = slot(org)
    client.force_login(counsel.user)
    response = client.post(
        reverse("lawyers:book-slot", args=[the_slot.pk]),
        {"case": not_mine.pk, "request": "请求阅卷"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cases you act in" in page and "请求阅卷" in page
    the_slot.refresh_from_db()
    assert the_slot.booked == 0 and not Booking.objects.exists()


def test_a_past_slot_through_the_page(client, world) -> None:  # type: ignore[no-untyped-def]
    org, _officer, the_case, counsel = world
    the_slot = slot(org)
    ReceptionSlot.objects.filter(pk=the_slot.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now()
    )
    client.force_login(counsel.user)
    response = client.post(
        reverse("lawyers:book-slot", args=[the_slot.pk]),
        {"case": the_case.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "already begun" in response.content.decode()
    assert not Booking.objects.exists()


def test_publishing_a_slot_in_the_past_is_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    org, officer, _the_case, _counsel = world
    client.force_login(officer)
    past = timezone.localtime() - timedelta(days=1)
    response = client.post(
        reverse("lawyers:slots"),
        {
            "procuratorate": org.pk,
            "purpose": "meeting",
            "starts_at": past.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (past + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "接待室",
            "capacity": 2,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already passed" in response.content.decode()
    assert not ReceptionSlot.objects.exists()


def test_the_slot_list_costs_the_same_for_many(
    client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    org, _officer, _the_case, counsel = world
    for _ in range(3):
        slot(org)
    client.force_login(counsel.user)
    # one of them is the menu's: is this lawyer also a volunteer (core/navigation.py)
    with django_assert_max_num_queries(9):
        client.get(reverse("lawyers:book"))
    for _ in range(10):
        slot(org)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("lawyers:book")).status_code == 200
