"""Recording and correcting events: what is stored, the audit, and every refusal changing
nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from PIL import Image

from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory
from liaison.publicity.actions import event_edit, material_remove
from liaison.publicity.models import MATERIAL_PURPOSE, EventKind, PublicityEvent
from liaison.workflow.errors import TransitionForbidden, WorkflowError

from .factories import World, fields, photo, recorded, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def test_an_event_is_recorded_with_its_organisers_people_and_material(w: World) -> None:
    event = recorded(w, files=[photo()])
    assert set(event.organisers.all()) == {w.district, w.bureau}
    assert event.organiser == w.district
    assert set(event.participants.all()) == {w.prosecutor, w.bureau_officer}
    assert event.audience == 120 and event.agreement == w.agreement
    (material,) = event.material.all()
    assert material.purpose == MATERIAL_PURPOSE
    with material.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()  # the camera's data is gone
    assert AuditRecord.objects.filter(
        action="publicity.event.record", object_id=str(event.pk)
    ).exists()


def test_only_staff_of_the_recording_organisation_record(w: World) -> None:
    for person in (w.bureau_officer, w.volunteer, w.city_prosecutor):
        with pytest.raises(TransitionForbidden):
            from liaison.publicity.actions import event_record

            event_record(access=access_for(person), fields=fields(w))
    assert not PublicityEvent.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"audience": -1},
        {"kind": "party"},
    ],
)
def test_bad_input_changes_nothing(w: World, bad: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(WorkflowError):
        recorded(w, **bad)
    assert not PublicityEvent.objects.exists()


def test_a_partner_must_be_an_organisation_it_works_with(w: World) -> None:
    with pytest.raises(WorkflowError, match="协作单位"):
        recorded(w, partners=[w.outsider])
    assert not PublicityEvent.objects.exists()


def test_participants_are_staff_of_the_organisers(w: World) -> None:
    with pytest.raises(WorkflowError):
        recorded(w, participants=[w.outsider_staff])
    with pytest.raises(WorkflowError):
        recorded(w, partners=[], participants=[w.bureau_officer])
    assert not PublicityEvent.objects.exists()


def test_the_agreement_is_one_the_organiser_is_party_to(w: World) -> None:
    other = OrganisationFactory()
    from liaison.core.tests.factories import member
    from liaison.orgs.roles import Role

    stranger = member(other, Role.PROSECUTOR)
    from liaison.publicity.actions import event_record

    with pytest.raises(WorkflowError):
        event_record(
            access=access_for(stranger),
            fields=fields(w, organiser=other, partners=[], participants=[]),
        )
    assert not PublicityEvent.objects.exists()


def test_a_refused_record_keeps_no_file(w: World, settings) -> None:  # type: ignore[no-untyped-def]
    before = {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}
    with pytest.raises(WorkflowError):
        recorded(w, partners=[w.outsider], files=[photo()])
    assert {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()} == before
    assert not Attachment.objects.filter(purpose=MATERIAL_PURPOSE).exists()


def test_a_partners_staff_correct_it_and_the_audit_keeps_both_versions(w: World) -> None:
    event = recorded(w)
    event_edit(
        access=access_for(w.bureau_officer),
        event=event,
        fields=fields(w, audience=150, title="“护薪行动”普法宣传（二）", files=[photo("二.jpg")]),
    )
    event.refresh_from_db()
    assert event.audience == 150 and event.material.count() == 1
    assert event.organiser == w.district
    record = AuditRecord.objects.get(action="publicity.event.edit")
    assert record.payload["before"]["audience"] == 120
    assert record.payload["after"]["audience"] == 150


def test_those_above_read_but_do_not_correct(w: World) -> None:
    event = recorded(w)
    with pytest.raises(TransitionForbidden):
        event_edit(access=access_for(w.city_prosecutor), event=event, fields=fields(w, audience=1))
    event.refresh_from_db()
    assert event.audience == 120


def test_a_file_is_taken_out_of_the_material(w: World) -> None:
    event = recorded(w, files=[photo()])
    file = event.material.get()
    with pytest.raises(TransitionForbidden):
        material_remove(access=access_for(w.city_prosecutor), event=event, attachment_id=file.pk)
    material_remove(access=access_for(w.prosecutor), event=event, attachment_id=file.pk)
    assert not event.material.exists()
    with pytest.raises(WorkflowError):
        material_remove(access=access_for(w.prosecutor), event=event, attachment_id=file.pk)


def test_kinds_are_the_seeds(w: World) -> None:
    assert {k.value for k in EventKind} == {"campaign", "lecture", "consultation"}
    assert recorded(w, kind=EventKind.CONSULTATION, held_on=date(2023, 3, 1)).kind == (
        "consultation"
    )


def test_an_event_not_yet_held_is_refused_and_one_held_today_kept(w: World) -> None:
    """An event is a record of what took place: a future date is refused, recorded or
    corrected; today is accepted (the local day)."""
    today = timezone.localdate()
    with pytest.raises(WorkflowError, match=r"尚未举行|taken place"):
        recorded(w, held_on=today + timedelta(days=1))
    assert not PublicityEvent.objects.exists()
    event = recorded(w, held_on=today)
    with pytest.raises(WorkflowError):
        event_edit(
            access=access_for(w.prosecutor),
            event=event,
            fields=fields(w, held_on=today + timedelta(days=30)),
        )
    event.refresh_from_db()
    assert event.held_on == today
