"""Each action on an agreement, and each permission rule: drafting, correcting the draft,
signing with its PDF, bringing into force, expiring, replacing. Bad input and the wrong user
get a clear message and change nothing."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.agreements.actions import (
    NOT_A_PARTNER,
    agreement_abandon,
    agreement_bring_into_force,
    agreement_draft,
    agreement_expire,
    agreement_replace,
    agreement_sign,
    agreement_update,
    liaison_person_name,
)
from liaison.agreements.models import SIGNED_DOCUMENT_PURPOSE, Agreement, LiaisonPerson
from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.workflow.errors import (
    TransitionConflict,
    TransitionForbidden,
    TransitionInvalid,
    WorkflowError,
)

from .factories import draft, in_force, sides, signed_pdf

pytestmark = pytest.mark.django_db

NO_PARTY = "Name at least one other party to the agreement."


def _fresh(agreement: Agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


# -- drafting ------------------------------------------------------------------------------------


def test_a_draft_has_its_owner_and_partners_as_parties():
    s = sides()
    agreement = draft(s)
    assert agreement.state == "draft"
    assert agreement.owner == s.procuratorate
    assert list(
        agreement.parties.filter(relation="partner_org").values_list("organisation", flat=True)
    ) == [s.court.pk]
    assert agreement.governs == ["recommendations.recommendation"]
    assert agreement.meeting_cadence == 3


def test_a_prosecutor_may_not_draft_for_the_procuratorate():
    s = sides()
    with pytest.raises(TransitionForbidden):
        agreement_draft(
            access=access_for(s.prosecutor), owner=s.procuratorate, partners=[s.court], title="x"
        )
    assert not Agreement.objects.exists()


def test_a_party_the_owner_does_not_work_with_is_refused():
    s = sides()
    stranger: Organisation = OrganisationFactory(kind=OrganisationKind.COURT)
    with pytest.raises(WorkflowError, match=re.escape(str(NOT_A_PARTNER))):
        agreement_draft(
            access=access_for(s.chief), owner=s.procuratorate, partners=[stranger], title="x"
        )
    with pytest.raises(WorkflowError, match=re.escape(_(NO_PARTY))):
        agreement_draft(access=access_for(s.chief), owner=s.procuratorate, partners=[], title="x")
    assert not Agreement.objects.exists()


def test_the_owner_corrects_its_draft_and_its_parties():
    s = sides()
    agreement = draft(s)
    agreement_update(
        agreement=agreement,
        access=access_for(s.admin),
        partners=[s.court, s.outsider],
        title="新标题",
        articles="第一条",
        governs=[],
        meeting_cadence=6,
    )
    agreement = _fresh(agreement)
    assert agreement.title == "新标题" and agreement.meeting_cadence == 6
    partners = set(
        agreement.parties.filter(relation="partner_org").values_list("organisation", flat=True)
    )
    assert partners == {s.court.pk, s.outsider.pk}
    assert AuditRecord.objects.filter(action="agreements.agreement.update").exists()
    agreement_update(agreement=agreement, access=access_for(s.admin), partners=[s.court], title="t")
    assert set(
        _fresh(agreement)
        .parties.filter(relation="partner_org")
        .values_list("organisation", flat=True)
    ) == {s.court.pk}


def test_the_partner_may_not_correct_the_draft():
    s = sides()
    agreement = draft(s)
    with pytest.raises(TransitionForbidden):
        agreement_update(
            agreement=agreement, access=access_for(s.court_admin), partners=[s.court], title="改"
        )
    assert _fresh(agreement).title == agreement.title


def test_a_stale_or_signed_draft_is_not_corrected():
    s = sides()
    agreement = draft(s)
    stale = _fresh(agreement)
    agreement_update(
        agreement=agreement, access=access_for(s.chief), partners=[s.court], title="一"
    )
    with pytest.raises(TransitionConflict):
        agreement_update(
            agreement=stale, access=access_for(s.chief), partners=[s.court], title="二"
        )
    assert _fresh(agreement).title == "一"
    signed = _fresh(agreement)
    agreement_sign(
        agreement=signed,
        access=access_for(s.chief),
        signed_on=date(2026, 1, 5),
        document=signed_pdf(),
    )
    with pytest.raises(TransitionConflict):
        agreement_update(
            agreement=_fresh(agreement), access=access_for(s.chief), partners=[s.court], title="三"
        )


# -- signing -------------------------------------------------------------------------------------


def test_signing_keeps_the_day_and_the_pdf():
    s = sides()
    agreement = draft(s)
    agreement_sign(
        agreement=agreement,
        access=access_for(s.chief),
        signed_on=date(2026, 1, 5),
        document=signed_pdf(),
    )
    agreement = _fresh(agreement)
    assert agreement.state == "signed" and agreement.signed_on == date(2026, 1, 5)
    document = Attachment.objects.get(matter=agreement)
    assert document.purpose == SIGNED_DOCUMENT_PURPOSE
    assert document.content_type == "application/pdf"
    assert Notification.objects.filter(recipient=s.court_admin, matter=agreement).exists()
    assert not Notification.objects.filter(recipient=s.outsider_staff).exists()


def test_signing_needs_a_pdf_and_a_day_not_in_the_future():
    s = sides()
    agreement = draft(s)
    word = SimpleUploadedFile("意见.txt", b"just text", content_type="application/pdf")
    with pytest.raises(TransitionInvalid) as refused:
        agreement_sign(
            agreement=agreement,
            access=access_for(s.chief),
            signed_on=date(2026, 1, 5),
            document=word,
        )
    assert "document" in refused.value.form.errors
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(TransitionInvalid) as refused:
        agreement_sign(
            agreement=agreement,
            access=access_for(s.chief),
            signed_on=tomorrow,
            document=signed_pdf(),
        )
    assert "signed_on" in refused.value.form.errors
    assert _fresh(agreement).state == "draft"
    assert not Attachment.objects.exists()


def test_only_the_owners_managers_sign():
    s = sides()
    agreement = draft(s)
    for person in (s.prosecutor, s.court_admin, s.judge, s.outsider_staff):
        with pytest.raises(TransitionForbidden):
            agreement_sign(
                agreement=agreement,
                access=access_for(person),
                signed_on=date(2026, 1, 5),
                document=signed_pdf(),
            )
    assert _fresh(agreement).state == "draft"


def test_signed_twice_is_refused():
    s = sides()
    agreement = draft(s)
    agreement_sign(
        agreement=agreement,
        access=access_for(s.chief),
        signed_on=date(2026, 1, 5),
        document=signed_pdf(),
    )
    with pytest.raises(TransitionConflict):
        agreement_sign(
            agreement=agreement,
            access=access_for(s.admin),
            signed_on=date(2026, 1, 6),
            document=signed_pdf(),
        )
    assert _fresh(agreement).signed_on == date(2026, 1, 5)
    assert Attachment.objects.count() == 1


# -- in force, expired, replaced -----------------------------------------------------------------


def test_in_force_from_a_day_not_before_signing():
    s = sides()
    agreement = draft(s)
    agreement_sign(
        agreement=agreement,
        access=access_for(s.chief),
        signed_on=date(2026, 1, 5),
        document=signed_pdf(),
    )
    with pytest.raises(TransitionInvalid):
        agreement_bring_into_force(
            agreement=_fresh(agreement), access=access_for(s.chief), in_force_from=date(2026, 1, 4)
        )
    with pytest.raises(TransitionForbidden):
        agreement_bring_into_force(
            agreement=_fresh(agreement),
            access=access_for(s.court_admin),
            in_force_from=date(2026, 1, 6),
        )
    agreement_bring_into_force(
        agreement=_fresh(agreement), access=access_for(s.chief), in_force_from=date(2026, 1, 6)
    )
    agreement = _fresh(agreement)
    assert agreement.state == "in_force" and agreement.in_force_from == date(2026, 1, 6)
    assert Notification.objects.filter(recipient=s.judge, matter=agreement).exists()


def test_expiry_ends_it_and_its_liaison_persons():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5))
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    with pytest.raises(TransitionInvalid):
        agreement_expire(
            agreement=agreement, access=access_for(s.chief), ended_on=date(2026, 1, 1), note="到期"
        )
    agreement_expire(
        agreement=_fresh(agreement),
        access=access_for(s.chief),
        ended_on=date(2026, 6, 30),
        note="到期",
    )
    agreement = _fresh(agreement)
    assert agreement.state == "expired" and agreement.ended_on == date(2026, 6, 30)
    assert not LiaisonPerson.objects.filter(ended_at__isnull=True).exists()


def test_a_draft_does_not_expire():
    s = sides()
    agreement = draft(s)
    with pytest.raises(TransitionConflict):
        agreement_expire(
            agreement=agreement, access=access_for(s.chief), ended_on=date(2026, 6, 30), note="x"
        )


def test_replaced_by_a_newer_agreement_of_the_same_owner():
    s = sides()
    old = in_force(s, signed_on=date(2025, 1, 5))
    newer = in_force(s, signed_on=date(2026, 1, 5), title="新意见")
    agreement_replace(agreement=old, access=access_for(s.chief), replaced_by=newer)
    old = _fresh(old)
    assert old.state == "replaced" and old.replaced_by == newer and old.ended_on is not None
    assert list(newer.replaces.all()) == [old]


def test_a_replacement_must_be_the_owners_and_not_itself():
    s = sides()
    old = in_force(s, signed_on=date(2025, 1, 5))
    elsewhere = OrganisationFactory()
    from liaison.core.tests.factories import member
    from liaison.orgs.actions import cooperation_start
    from liaison.orgs.roles import Role

    cooperation_start(actor=None, organisations=(elsewhere, s.court))
    foreign = agreement_draft(
        access=access_for(member(elsewhere, Role.CHIEF_PROCURATOR)),
        owner=elsewhere,
        partners=[s.court],
        title="他院意见",
    )
    for candidate in (foreign, old):
        with pytest.raises(TransitionInvalid):
            agreement_replace(agreement=old, access=access_for(s.chief), replaced_by=candidate)
    assert _fresh(old).state == "in_force"


def test_a_draft_is_abandoned_with_its_reason_by_the_owner_only():
    s = sides()
    agreement = draft(s)
    with pytest.raises((TransitionForbidden, WorkflowError)):
        agreement_abandon(agreement=agreement, access=access_for(s.judge), note="不签")
    with pytest.raises(TransitionInvalid):
        agreement_abandon(agreement=_fresh(agreement), access=access_for(s.chief), note="")
    assert _fresh(agreement).state == "draft"
    agreement_abandon(agreement=_fresh(agreement), access=access_for(s.chief), note="双方另行协商")
    agreement = _fresh(agreement)
    assert agreement.state == "abandoned" and agreement.closed_at is not None
    assert agreement.timeline.filter(transition="abandon", note="双方另行协商").exists()


def test_a_signed_agreement_is_not_abandoned():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5))
    with pytest.raises(TransitionConflict):
        agreement_abandon(agreement=agreement, access=access_for(s.chief), note="x")
