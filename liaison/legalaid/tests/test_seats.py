"""A prosecutor of two procuratorates chooses which one refers a person ("acting for"); with
one seat nothing is asked and the referral comes from it. An organisation they hold no seat in
is refused, and nothing is sent."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.tests.factories import MembershipFactory, OrganisationFactory
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser

from ..models import LegalAidReferral
from . import factories as f
from .test_pages import _form

pytestmark = pytest.mark.django_db


def test_one_seat_asks_nothing_and_refers_from_it(client: Any) -> None:
    w = f.world()
    client.force_login(w.prosecutor)
    assert not shows_chooser(client.get(reverse("legalaid:new")))
    response = client.post(reverse("legalaid:new"), _form(w, acting_for=w.other_centre.pk))
    assert response.status_code == 302 and LegalAidReferral.objects.get().owner == w.procuratorate


def test_two_seats_choose_which_procuratorate_refers(client: Any) -> None:
    w = f.world()
    second = OrganisationFactory(name="芜湖市镜湖区人民检察院")
    MembershipFactory(person=w.prosecutor, organisation=second, role=Role.PROSECUTOR)
    cooperation_start(actor=w.prosecutor, organisations=(second, w.centre))
    client.force_login(w.prosecutor)
    assert shows_chooser(client.get(reverse("legalaid:new")))
    refused = client.post(
        reverse("legalaid:new"), _form(w, acting_for=OrganisationFactory(name="某检察院").pk)
    )
    assert refused_seat(refused) and "某劳务公司拖欠工资两万元。" in refused.content.decode()
    assert client.post(reverse("legalaid:new"), _form(w)).status_code == 400  # no choice made
    assert not LegalAidReferral.objects.exists()
    done = client.post(reverse("legalaid:new"), _form(w, acting_for=second.pk))
    referral = LegalAidReferral.objects.get()
    assert done.status_code == 302 and referral.owner == second and referral.receiver == w.centre
