"""Many lawyers pressing "book" for the last places of a slot at once, on PostgreSQL."""

import pytest

from liaison.core.tests.races import postgres_only, race
from liaison.lawyers.models import Booking, ReceptionSlot
from liaison.workflow.errors import WorkflowError

from .factories import booking, case, lawyer, of_record, procuratorate, slot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.postgres,
    postgres_only,
]


def test_a_slot_is_never_overbooked_when_many_book_its_last_places_at_once() -> None:
    org = procuratorate()
    the_case = case(org)
    lawyers = [lawyer(at=org) for _ in range(8)]
    for each in lawyers:
        of_record(the_case, each)
    the_slot = slot(org, capacity=3)
    copies = [ReceptionSlot.objects.get(pk=the_slot.pk) for _ in lawyers]
    results = race(
        [
            (lambda who=who, s=s: booking(who, s, the_case))
            for who, s in zip(lawyers, copies, strict=True)
        ]
    )
    made = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, WorkflowError)]
    assert len(made) == 3 and len(refused) == 5, results
    assert all("taken" in str(r.message) for r in refused)
    the_slot.refresh_from_db()
    assert the_slot.booked == 3
    assert Booking.objects.filter(slot=the_slot).count() == 3
