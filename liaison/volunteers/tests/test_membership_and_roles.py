"""Joining a volunteer organisation and taking on roles."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from liaison.core.tests.factories import OrganisationFactory, UserFactory
from liaison.orgs.models import Membership
from liaison.orgs.roles import Role
from liaison.volunteers.actions import volunteer_join, volunteer_leave, volunteer_set_roles
from liaison.volunteers.models import HeldRole, VolunteerRole
from liaison.workflow.errors import WorkflowError

from .factories import volunteer, youth_volunteers

pytestmark = pytest.mark.django_db


def test_a_volunteer_joins_as_a_volunteer_once_and_can_leave(client) -> None:
    datong, person = youth_volunteers(), volunteer()
    client.force_login(person)
    response = client.post(reverse("volunteers:join"), {"organisation": datong.pk})
    assert response.status_code == 302
    client.post(reverse("volunteers:join"), {"organisation": datong.pk})
    seat = Membership.objects.get(person=person, organisation=datong)
    assert seat.role == Role.VOLUNTEER and seat.is_active
    assert (
        "共青团大同市委员会青年志愿者协会" in client.get(reverse("volunteers:me")).content.decode()
    )
    client.post(reverse("volunteers:leave"), {"organisation": datong.pk})
    seat.refresh_from_db()
    assert not seat.is_active


def test_only_volunteers_join_and_only_volunteer_organisations() -> None:
    with pytest.raises(WorkflowError):
        volunteer_join(person=UserFactory(), organisation=youth_volunteers())
    with pytest.raises(WorkflowError):
        volunteer_join(person=volunteer(), organisation=OrganisationFactory())
    with pytest.raises(WorkflowError):
        volunteer_leave(person=volunteer(), organisation=youth_volunteers(name="另一协会"))


def test_a_bad_organisation_choice_is_a_message_not_an_error(client) -> None:
    client.force_login(volunteer())
    response = client.post(reverse("volunteers:join"), {"organisation": "x"}, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_a_volunteer_holds_several_roles_and_changes_them(client) -> None:
    person = volunteer()
    client.force_login(person)
    client.post(
        reverse("volunteers:roles"),
        {"roles": [VolunteerRole.PUBLICIST, VolunteerRole.RECTIFICATION_SUPERVISOR]},
    )
    held = set(HeldRole.objects.filter(volunteer__person=person).values_list("role", flat=True))
    assert held == {"publicist", "rectification_supervisor"}
    volunteer_set_roles(person=person, roles=["clue_collector"])
    held = set(HeldRole.objects.filter(volunteer__person=person).values_list("role", flat=True))
    assert held == {"clue_collector"}


def test_an_unknown_role_is_refused(client) -> None:
    person = volunteer()
    client.force_login(person)
    response = client.post(reverse("volunteers:roles"), {"roles": ["judge"]})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        volunteer_set_roles(person=person, roles=["judge"])
    assert not HeldRole.objects.exists()
