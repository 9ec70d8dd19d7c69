"""Naming a party's liaison person: by the party's own administrator or its current liaison
person, one of the party's staff, with the history kept, audited and on the timeline."""

import re
from datetime import date

import pytest
from django.utils.translation import gettext as _

from liaison.agreements.actions import agreement_expire, liaison_person_name
from liaison.agreements.models import LiaisonPerson
from liaison.agreements.selectors import current_liaison_person, liaison_persons_of
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.workflow.errors import TransitionForbidden, WorkflowError

from .factories import draft, in_force, sides

pytestmark = pytest.mark.django_db

NOT_MEMBER = "The liaison person is one of the party's own members."
ALREADY = "This person is the party's liaison person already."


def test_the_partys_administrator_names_and_the_person_is_told():
    s = sides()
    agreement = draft(s)
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    assert current_liaison_person(agreement, s.court) == s.judge
    assert agreement.timeline.filter(action="agreements.liaison.named").exists()
    assert AuditRecord.objects.filter(
        action="agreements.liaison.named", actor=s.court_admin
    ).exists()
    assert Notification.objects.filter(recipient=s.judge, matter=agreement).exists()


def test_the_current_liaison_person_hands_over_and_the_history_stays():
    s = sides()
    agreement = draft(s)
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    successor = member(s.court, Role.ENFORCEMENT_OFFICER)
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=successor, access=access_for(s.judge)
    )
    assert liaison_persons_of(agreement) == {s.court.pk: successor}
    rows = list(LiaisonPerson.objects.filter(organisation=s.court).order_by("started_at", "pk"))
    assert [r.person for r in rows] == [s.judge, successor]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    # the former liaison person no longer names anyone
    with pytest.raises(TransitionForbidden):
        liaison_person_name(
            agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.judge)
        )


def test_another_party_does_not_name_a_partys_liaison_person():
    s = sides()
    agreement = draft(s)
    for person in (s.admin, s.chief, s.judge, s.outsider_staff):
        with pytest.raises(TransitionForbidden):
            liaison_person_name(
                agreement=agreement, organisation=s.court, person=s.judge, access=access_for(person)
            )
    assert not LiaisonPerson.objects.exists()


def test_an_organisation_not_a_party_has_no_liaison_person():
    s = sides()
    agreement = draft(s)
    admin = member(s.outsider, Role.ADMINISTRATOR)
    with pytest.raises(TransitionForbidden):
        liaison_person_name(
            agreement=agreement,
            organisation=s.outsider,
            person=s.outsider_staff,
            access=access_for(admin),
        )


def test_the_person_is_one_of_the_partys_staff_and_not_named_twice():
    s = sides()
    agreement = draft(s)
    with pytest.raises(WorkflowError, match=re.escape(_(NOT_MEMBER))):
        liaison_person_name(
            agreement=agreement,
            organisation=s.court,
            person=s.prosecutor,
            access=access_for(s.court_admin),
        )
    liaison_person_name(
        agreement=agreement, organisation=s.court, person=s.judge, access=access_for(s.court_admin)
    )
    with pytest.raises(WorkflowError, match=re.escape(_(ALREADY))):
        liaison_person_name(
            agreement=agreement,
            organisation=s.court,
            person=s.judge,
            access=access_for(s.court_admin),
        )
    assert LiaisonPerson.objects.count() == 1


def test_no_liaison_person_is_named_once_it_has_ended():
    s = sides()
    agreement = in_force(s, signed_on=date(2026, 1, 5))
    agreement_expire(
        agreement=agreement, access=access_for(s.chief), ended_on=date(2026, 6, 30), note="到期"
    )
    agreement.refresh_from_db()
    with pytest.raises(TransitionForbidden):
        liaison_person_name(
            agreement=agreement,
            organisation=s.court,
            person=s.judge,
            access=access_for(s.court_admin),
        )
