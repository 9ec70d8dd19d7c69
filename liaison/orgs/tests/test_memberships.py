"""Granting and revoking seats, and what the access object then reports."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from liaison.audit.models import AuditRecord
from liaison.core.access import Seat, access_for
from liaison.orgs.actions import membership_grant, membership_revoke
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import members_with_role

from .factories import UserFactory, procuratorate

pytestmark = pytest.mark.usefixtures("divisions")


@pytest.fixture
def admin_user() -> Any:
    return UserFactory(username="org-admin")


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate("150603", name="康巴什区人民检察院")


@pytest.fixture
def court() -> Organisation:
    return procuratorate("150603", kind=OrganisationKind.COURT, name="康巴什区人民法院")


def test_grant_creates_an_active_seat_and_audits(kangbashi: Organisation, admin_user: Any) -> None:
    person = UserFactory()
    membership = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.CLUE_OFFICER
    )
    assert membership.is_active and membership.until is None
    record = AuditRecord.objects.get(action="orgs.membership.grant", object_id=str(membership.pk))
    assert record.actor == admin_user
    assert record.payload == {
        "person": person.pk,
        "organisation": kangbashi.pk,
        "role": Role.CLUE_OFFICER,
        "reactivated": False,
    }


@pytest.mark.parametrize("role", [Role.JUDGE, Role.LAWYER, "no_such_role"])
def test_a_role_outside_the_catalogue_is_refused(
    kangbashi: Organisation, admin_user: Any, role: str
) -> None:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            membership_grant(
                actor=admin_user, person=UserFactory(), organisation=kangbashi, role=role
            )
        assert caught.value.message_dict["role"] == [
            "This role does not exist in an organisation of this kind."
        ]
    assert not Membership.objects.exists()
    assert not AuditRecord.objects.filter(action="orgs.membership.grant").exists()


def test_the_refusal_is_translated(kangbashi: Organisation, admin_user: Any) -> None:
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as caught:
            membership_grant(
                actor=admin_user, person=UserFactory(), organisation=kangbashi, role=Role.JUDGE
            )
        assert caught.value.message_dict["role"] == ["此类单位没有这个角色。"]


def test_model_validation_also_refuses_it(kangbashi: Organisation) -> None:
    membership = Membership(person=UserFactory(), organisation=kangbashi, role=Role.JUDGE)
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "role" in caught.value.message_dict


def test_roles_every_kind_has(court: Organisation, admin_user: Any) -> None:
    person = UserFactory()
    for role in (Role.LIAISON, Role.ADMINISTRATOR):
        membership_grant(actor=admin_user, person=person, organisation=court, role=role)
    assert person.memberships.count() == 2


def test_two_organisations_two_roles_two_seats(
    kangbashi: Organisation, court: Organisation, admin_user: Any
) -> None:
    person = UserFactory()
    membership_grant(actor=admin_user, person=person, organisation=kangbashi, role=Role.LIAISON)
    membership_grant(actor=admin_user, person=person, organisation=court, role=Role.JUDGE)
    access = access_for(person)
    assert set(access.seats) == {
        Seat(kangbashi.pk, OrganisationKind.PROCURATORATE, kangbashi.path, Role.LIAISON),
        Seat(court.pk, OrganisationKind.COURT, court.path, Role.JUDGE),
    }
    assert access.organisations_with({Role.JUDGE}) == {court.pk}
    assert access.has_role(kangbashi.pk, {Role.LIAISON})
    assert not access.has_role(kangbashi.pk, {Role.JUDGE})
    assert access.is_staff_of(court.pk)


def test_revoke_hides_the_seat_and_keeps_the_row(
    kangbashi: Organisation, court: Organisation, admin_user: Any
) -> None:
    person = UserFactory()
    kept = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR
    )
    ended = membership_grant(actor=admin_user, person=person, organisation=court, role=Role.JUDGE)
    membership_revoke(actor=admin_user, membership=ended)
    assert access_for(person).organisation_ids == {kangbashi.pk}
    ended.refresh_from_db()
    assert not ended.is_active and ended.until is not None
    assert AuditRecord.objects.filter(
        action="orgs.membership.revoke", object_id=str(ended.pk)
    ).exists()
    assert kept.is_active


def test_revoking_twice_records_once(kangbashi: Organisation, admin_user: Any) -> None:
    membership = membership_grant(
        actor=admin_user, person=UserFactory(), organisation=kangbashi, role=Role.PROSECUTOR
    )
    membership_revoke(actor=admin_user, membership=membership)
    membership_revoke(actor=admin_user, membership=membership)
    assert AuditRecord.objects.filter(action="orgs.membership.revoke").count() == 1


def test_grant_reactivates_a_revoked_seat(kangbashi: Organisation, admin_user: Any) -> None:
    person = UserFactory()
    first = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR
    )
    membership_revoke(actor=admin_user, membership=first)
    again = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR
    )
    assert again.pk == first.pk
    assert again.is_active and again.until is None
    assert Membership.objects.count() == 1
    assert access_for(person).organisation_ids == {kangbashi.pk}
    last = AuditRecord.objects.filter(action="orgs.membership.grant").order_by("pk").last()
    assert last is not None and last.payload["reactivated"] is True


def test_granting_a_held_seat_changes_nothing(kangbashi: Organisation, admin_user: Any) -> None:
    person = UserFactory()
    first = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR
    )
    second = membership_grant(
        actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR
    )
    assert first.pk == second.pk
    assert AuditRecord.objects.filter(action="orgs.membership.grant").count() == 1


def test_an_inactive_organisation_gives_no_seat(kangbashi: Organisation, admin_user: Any) -> None:
    person = UserFactory()
    membership_grant(actor=admin_user, person=person, organisation=kangbashi, role=Role.PROSECUTOR)
    Organisation.objects.filter(pk=kangbashi.pk).update(is_active=False)
    assert access_for(person).seats == []


def test_members_with_role(kangbashi: Organisation, court: Organisation, admin_user: Any) -> None:
    clue_officer = UserFactory(name="甲")
    prosecutor = UserFactory(name="乙")
    both = UserFactory(name="丙")
    departed = UserFactory(name="丁")
    inactive_person = UserFactory(name="戊", is_active=False)
    judge = UserFactory(name="己")
    for person, role in [
        (clue_officer, Role.CLUE_OFFICER),
        (prosecutor, Role.PROSECUTOR),
        (both, Role.CLUE_OFFICER),
        (both, Role.PROSECUTOR),
        (departed, Role.CLUE_OFFICER),
        (inactive_person, Role.CLUE_OFFICER),
    ]:
        membership_grant(actor=admin_user, person=person, organisation=kangbashi, role=role)
    membership_grant(actor=admin_user, person=judge, organisation=court, role=Role.JUDGE)
    membership_revoke(actor=admin_user, membership=departed.memberships.get())

    assert set(members_with_role(kangbashi, Role.CLUE_OFFICER)) == {clue_officer, both}
    found = list(members_with_role(kangbashi, [Role.CLUE_OFFICER, Role.PROSECUTOR]))
    assert sorted(p.pk for p in found) == sorted({clue_officer.pk, prosecutor.pk, both.pk})
    assert len(found) == 3  # no duplicates for a person holding both
    assert not members_with_role(kangbashi, [Role.JUDGE]).exists()
    assert list(members_with_role(court, {Role.JUDGE})) == [judge]


def test_changing_kind_with_misfit_members_is_refused(
    kangbashi: Organisation, admin_user: Any
) -> None:
    membership_grant(
        actor=admin_user, person=UserFactory(), organisation=kangbashi, role=Role.CLUE_OFFICER
    )
    kangbashi.kind = OrganisationKind.COURT
    with pytest.raises(ValidationError) as caught:
        kangbashi.full_clean()
    assert "kind" in caught.value.message_dict
