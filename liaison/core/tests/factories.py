"""Factories for people and organisations; every test builds its data from these."""

import factory
from factory.django import DjangoModelFactory

from liaison.accounts.models import User
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.places.models import Division

KANGBASHI = "150603"
#: Every test account's password.
PASSWORD = "correct horse battery staple"


def division(code: str = KANGBASHI) -> Division:
    """Divisions come from the data migration; tests look them up rather than invent them."""
    return Division.objects.get(code=code)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试人民检察院{n}")
    kind = OrganisationKind.PROCURATORATE
    level = Organisation.Level.COUNTY
    abbreviation = factory.Sequence(lambda n: f"测{n}检")
    division = factory.LazyFunction(division)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROSECUTOR


def member(organisation: Organisation, role: str = Role.PROSECUTOR, **user_fields: object) -> User:
    """A new person holding ``role`` in ``organisation``."""
    person = UserFactory(**user_fields)
    MembershipFactory(person=person, organisation=organisation, role=role)
    return person
