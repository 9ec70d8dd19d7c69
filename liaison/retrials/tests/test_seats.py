"""A prosecutor of two procuratorates chooses which drafts a retrial case ("acting for"); with
one seat nothing is asked. An organisation the prosecutor holds no seat in is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division
from liaison.courts.tests.factories import free_abbreviation
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser

from ..models import RetrialCase
from .factories import world

pytestmark = pytest.mark.django_db

DATA = {
    "kind": "protest",
    "original_judgment": "（2025）青0103民初9号",
    "title": "某合同纠纷抗诉案",
    "grounds": "原判决适用法律确有错误。",
}


def test_one_seat_asks_nothing_and_drafts_for_it(client: Any) -> None:
    w = world()
    client.force_login(w.prosecutor)
    assert not shows_chooser(client.get(reverse("retrials:new")))
    response = client.post(reverse("retrials:new"), {**DATA, "court": w.court.pk})
    assert response.status_code == 302
    assert RetrialCase.objects.get().owner == w.procuratorate


def test_two_seats_choose_which_procuratorate_drafts(client: Any) -> None:
    w = world()
    second = OrganisationFactory(
        name="西宁市城北区人民检察院", abbreviation=free_abbreviation("北检"), division=division()
    )
    MembershipFactory(person=w.prosecutor, organisation=second, role=Role.PROSECUTOR)
    cooperation_start(actor=w.prosecutor, organisations=(second, w.court))
    stranger = OrganisationFactory(name="大通县人民检察院", division=division())
    client.force_login(w.prosecutor)
    assert shows_chooser(client.get(reverse("retrials:new")))
    data = {**DATA, "court": w.court.pk}
    refused = client.post(reverse("retrials:new"), {**data, "acting_for": stranger.pk})
    assert refused_seat(refused) and "某合同纠纷抗诉案" in refused.content.decode()
    assert client.post(reverse("retrials:new"), data).status_code == 400  # no choice made
    assert not RetrialCase.objects.exists()
    done = client.post(reverse("retrials:new"), {**data, "acting_for": second.pk})
    assert done.status_code == 302 and RetrialCase.objects.get().owner == second
