"""Reporting a clue: routing by jurisdiction, stored once, identity only when given, photos
without metadata, the assessment clock and the clue officers told."""

import uuid
from io import BytesIO

import pytest
from django.db import IntegrityError
from PIL import Image

from liaison.accounts.models import User
from liaison.attachments.images import strip_metadata
from liaison.attachments.models import Attachment
from liaison.core.tests.factories import UserFactory, division
from liaison.deadlines.models import Period
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.publicinterest import clue_actions as actions
from liaison.publicinterest.clue_actions import PORTAL_USERNAME, NoJurisdiction
from liaison.publicinterest.codes import ALPHABET
from liaison.publicinterest.models import Clue
from liaison.workflow.models import Clock, MatterParty, TimelineEvent

from .factories import (
    DATONG,
    DONGSHENG,
    KANGBASHI,
    ORDOS,
    clue_officer,
    photo,
    procuratorate,
    reported_clue,
)

pytestmark = pytest.mark.django_db


def test_a_clue_goes_to_the_procuratorate_of_its_place() -> None:
    kangbashi = procuratorate(KANGBASHI, name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    clue = reported_clue(at=KANGBASHI)
    assert clue.owner == kangbashi and clue.state == "submitted"
    assert clue.case_number is not None and clue.case_number.startswith("康检公线〔")
    assert len(clue.query_code) == 10 and set(clue.query_code) <= set(ALPHABET)


def test_a_county_without_a_procuratorate_of_its_own_goes_to_its_citys() -> None:
    ordos = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    procuratorate(KANGBASHI)
    assert reported_clue(at=DONGSHENG).owner == ordos


def test_a_place_outside_every_jurisdiction_stores_nothing() -> None:
    procuratorate(KANGBASHI)
    with pytest.raises(NoJurisdiction) as refusal:
        reported_clue(at=DATONG, photos=[photo()])
    assert "大同市" in str(refusal.value.message)
    assert not Clue.objects.exists()
    assert not Attachment.objects.exists()


def test_the_same_submission_key_is_stored_once() -> None:
    procuratorate()
    key = uuid.uuid4()
    first = reported_clue(submission_key=key, photos=[photo()])
    again = reported_clue(submission_key=key, photos=[photo()], description="重试时的另一份内容")
    assert again.pk == first.pk and again.query_code == first.query_code
    assert Clue.objects.count() == 1
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize("refused_by", ["model check", "database index"])
def test_two_copies_at_once_the_second_answers_with_the_first(monkeypatch, refused_by) -> None:  # type: ignore[no-untyped-def]
    """The race between the look-up and the insert: the loser's first look-up ran before the
    winner committed, so it tries to store a second clue, loses on the unique key (the model's
    check, or in a closer race the database's index), and answers with the winner's clue;
    nothing of it stays."""
    procuratorate()
    if refused_by == "database index":
        monkeypatch.setattr(Clue, "validate_unique", lambda self, exclude=None: None)
    key = uuid.uuid4()
    winner = reported_clue(submission_key=key, photos=[photo()])
    calls = {"n": 0}
    real_claimed = actions._claimed

    def racing_lookup(k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        existing, code = real_claimed(k)
        return (None, code) if calls["n"] == 1 else (existing, code)

    monkeypatch.setattr(actions, "_claimed", racing_lookup)
    loser = reported_clue(submission_key=key, photos=[photo()])
    assert calls["n"] == 1
    assert loser.pk == winner.pk and loser.query_code == winner.query_code
    assert Clue.objects.count() == 1
    assert Attachment.objects.count() == 1


def test_an_unrelated_integrity_error_is_not_swallowed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    procuratorate()

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise IntegrityError("something else")

    monkeypatch.setattr(actions, "_store", broken)
    with pytest.raises(IntegrityError):
        reported_clue()


def test_photos_of_a_failed_submission_are_removed_from_the_store(monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    calls = {"n": 0}
    real_strip = strip_metadata

    def strip_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("store went away")
        return real_strip(*args, **kwargs)

    monkeypatch.setattr("liaison.attachments.actions.strip_metadata", strip_then_fail)
    with pytest.raises(RuntimeError):
        reported_clue(photos=[photo("a.jpg"), photo("b.jpg")])
    assert not Clue.objects.exists() and not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    stored = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert stored == []


def test_an_anonymous_report_keeps_no_identity_and_no_account() -> None:
    procuratorate()
    someone = UserFactory()
    clue = reported_clue(
        anonymous=True, reporter_name="王小明", reporter_mobile="13912345678", reporter=someone
    )
    assert clue.anonymous and clue.reporter_name == "" and clue.reporter_mobile == ""
    assert not MatterParty.objects.filter(matter=clue, relation="reporter").exists()
    assert clue.created_by is None
    assert TimelineEvent.objects.filter(matter=clue).exclude(actor=None).count() == 0


def test_a_named_logged_in_reporter_becomes_the_reporter_party() -> None:
    procuratorate()
    citizen = UserFactory(name="王小明")
    clue = reported_clue(anonymous=False, reporter=citizen, photos=[photo()])
    assert clue.reporter_name == "王小明" and clue.reporter_mobile == "13912345678"
    assert MatterParty.objects.filter(matter=clue, relation="reporter", person=citizen).exists()
    assert Attachment.objects.get(matter=clue).uploaded_by == citizen


def test_anonymous_photos_are_kept_under_the_portal_account_which_cannot_log_in() -> None:
    procuratorate()
    clue = reported_clue(photos=[photo(gps=True), photo("b.png", "PNG", gps=True)])
    photos = list(Attachment.objects.filter(matter=clue).select_related("uploaded_by"))
    assert [p.purpose for p in photos] == ["clue_photo", "clue_photo"]
    portal = User.objects.get(username=PORTAL_USERNAME)
    assert all(p.uploaded_by == portal for p in photos)
    assert not portal.is_active and not portal.has_usable_password()
    for stored in photos:
        with stored.file.open("rb") as f, Image.open(BytesIO(f.read())) as image:
            assert dict(image.getexif()) == {}
    assert clue.photo_count == 2


def test_submission_starts_the_assessment_clock_and_tells_the_clue_officers() -> None:
    org = procuratorate()
    officer, other_officer = clue_officer(org), clue_officer(procuratorate())
    clue = reported_clue()
    clock = Clock.objects.get(matter=clue)
    assert clock.name == "assessment" and clock.period_code == "pil.clue_assessment"
    assert clock.unit == "working_days" and clock.amount == 7
    assert Notification.objects.filter(recipient=officer, matter=clue).count() == 1
    assert not Notification.objects.filter(recipient=other_officer).exists()
    period = Period.objects.get(code="pil.clue_assessment")
    assert period.needs_confirmation


def test_coordinates_are_stored_with_their_system() -> None:
    procuratorate()
    clue = reported_clue(latitude="39.608123", longitude="109.781234", coordinate_system="gcj02")
    clue.refresh_from_db()
    assert clue.has_point and clue.coordinate_system == "gcj02"
    assert division(KANGBASHI) == clue.division
