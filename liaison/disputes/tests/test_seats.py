"""A person who is staff of both sides of a matter (the procuratorate and the court an
agreement binds) chooses which side raises a dispute about it ("acting for"); with one seat
nothing is asked. An organisation they hold no seat in is refused, and nothing is raised."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import MembershipFactory, OrganisationFactory
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Relation

from ..actions import dispute_raise
from ..models import Dispute
from .factories import GROUNDS, notice, world

pytestmark = pytest.mark.django_db


def test_one_seat_asks_nothing_and_raises_for_it(client: Any) -> None:
    w = world()
    subject = notice(w)
    client.force_login(w.s.judge)
    url = reverse("disputes:raise", args=[subject.pk])
    assert not shows_chooser(client.get(url))
    response = client.post(url, {"grounds": GROUNDS, "acting_for": w.s.procuratorate.pk})
    assert response.status_code == 302 and Dispute.objects.get().owner == w.s.court


def test_two_seats_choose_which_side_raises(client: Any) -> None:
    w = world()
    subject = notice(w)
    MembershipFactory(person=w.s.judge, organisation=w.s.procuratorate, role=Role.PROSECUTOR)
    stranger: Organisation = OrganisationFactory(name="大通县人民检察院")
    client.force_login(w.s.judge)
    url = reverse("disputes:raise", args=[subject.pk])
    assert shows_chooser(client.get(url))
    refused = client.post(url, {"grounds": GROUNDS, "acting_for": stranger.pk})
    assert refused_seat(refused) and GROUNDS in refused.content.decode()
    assert client.post(url, {"grounds": GROUNDS}).status_code == 400  # no choice made
    assert not Dispute.objects.exists()
    with pytest.raises(WorkflowError):  # the action, too, asks which side
        dispute_raise(access=access_for(w.s.judge), subject=subject, grounds=GROUNDS)
    with pytest.raises(TransitionForbidden):
        dispute_raise(access=access_for(w.s.judge), subject=subject, grounds=GROUNDS, side=stranger)
    done = client.post(url, {"grounds": GROUNDS, "acting_for": w.s.procuratorate.pk})
    dispute = Dispute.objects.get()
    assert done.status_code == 302 and dispute.owner == w.s.procuratorate
    assert dispute.parties.filter(relation=Relation.PARTNER_ORG, organisation=w.s.court).exists()
