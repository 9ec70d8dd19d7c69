"""Whom a person may refer to: for each organisation they refer from, the other side's
organisations it works with (a cooperation, or its own area), read in one query however many
organisations they refer from."""

import pytest

from liaison.core.access import access_for
from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division
from liaison.legalaid.selectors import receivers_for, senders_for
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import organisations_reachable_from

from . import factories as f

pytestmark = pytest.mark.django_db
PINGCHENG = "140213"


def _per_sender(senders: list[Organisation]) -> set[Organisation]:
    """The rule read sender by sender, as it was (one query each): what the one query must
    equal."""
    found: set[Organisation] = set()
    for sender in senders:
        other = (
            OrganisationKind.LEGAL_AID_CENTRE
            if sender.kind == OrganisationKind.PROCURATORATE
            else OrganisationKind.PROCURATORATE
        )
        found |= set(organisations_reachable_from(sender).filter(kind=other))
    return found


def test_one_query_for_every_organisation_referred_from(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    w = f.world()
    # Also a prosecutor of a procuratorate that works with its own area (a centre there, none
    # of its cooperations), and a legal-aid officer of the centre (it refers to procuratorates).
    area = OrganisationFactory(division=division(PINGCHENG), works_with_own_area=True)
    area_centre = OrganisationFactory(
        division=division(PINGCHENG), kind=OrganisationKind.LEGAL_AID_CENTRE
    )
    OrganisationFactory(  # in the area but closed: never offered
        division=division(PINGCHENG), kind=OrganisationKind.LEGAL_AID_CENTRE, is_active=False
    )
    MembershipFactory(person=w.prosecutor, organisation=area, role=Role.PROSECUTOR)
    MembershipFactory(person=w.prosecutor, organisation=w.centre, role=Role.LEGAL_AID_OFFICER)
    senders = list(senders_for(access_for(w.prosecutor)))
    assert set(senders) == {w.procuratorate, area, w.centre}

    with django_assert_num_queries(1):
        receivers = list(receivers_for(senders))
    assert set(receivers) == {w.centre, area_centre, w.procuratorate} == _per_sender(senders)
    assert receivers == sorted(receivers, key=lambda o: (o.name, o.pk))

    with django_assert_num_queries(1):  # one sender costs the same
        assert list(receivers_for([w.procuratorate])) == [w.centre]
    with django_assert_num_queries(0):  # none: nobody, without asking
        assert list(receivers_for([])) == []


def test_the_page_reads_senders_and_receivers_in_a_constant_number_of_queries(  # type: ignore[no-untyped-def]
    client, django_assert_max_num_queries
) -> None:
    from django.urls import reverse

    w = f.world()
    client.force_login(w.prosecutor)
    url = reverse("legalaid:new")

    def another_seat() -> None:
        more = OrganisationFactory(division=division(PINGCHENG), works_with_own_area=True)
        MembershipFactory(person=w.prosecutor, organisation=more, role=Role.PROSECUTOR)

    # Two senders already: the page asks which one refers ("acting for"), as with five.
    another_seat()
    with django_assert_max_num_queries(50) as few:
        assert client.get(url).status_code == 200
    for _ in range(3):
        another_seat()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
