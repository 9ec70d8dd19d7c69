"""Case staff of two procuratorates choose which one an application received at the counter,
or a paper referral, is entered for ("acting for"); with one seat nothing is asked. A
procuratorate they hold no seat in is refused, and nothing is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser

from ..models import Beneficiary, SupportCase
from .factories import World, world
from .test_opening import application

pytestmark = pytest.mark.django_db

PAGES = {
    "supportprosecution:new": {"channel": "counter"},
    "supportprosecution:referral-new": {},
}


def _data(w: World, url_name: str) -> dict[str, Any]:
    extra = dict(PAGES[url_name])
    if url_name == "supportprosecution:referral-new":
        extra["referred_by"] = str(w.bureau.pk)
    return application(w, received_on=date.today().isoformat(), **extra)


@pytest.mark.parametrize("url_name", list(PAGES))
def test_one_seat_asks_nothing_and_opens_for_it(client: Any, url_name: str) -> None:
    w = world()
    client.force_login(w.clerk)
    assert not shows_chooser(client.get(reverse(url_name)))
    assert client.post(reverse(url_name), _data(w, url_name)).status_code == 302
    assert SupportCase.objects.get().owner == w.procuratorate


@pytest.mark.parametrize("url_name", list(PAGES))
def test_two_seats_choose_which_procuratorate_opens(client: Any, url_name: str) -> None:
    w = world()
    second = OrganisationFactory(
        name="芜湖市镜湖区人民检察院", abbreviation="镜检", division=division()
    )
    MembershipFactory(person=w.clerk, organisation=second, role=Role.CASE_MANAGEMENT)
    stranger = OrganisationFactory(name="芜湖市弋江区人民检察院", division=division())
    client.force_login(w.clerk)
    assert shows_chooser(client.get(reverse(url_name)))
    refused = client.post(reverse(url_name), {**_data(w, url_name), "acting_for": stranger.pk})
    assert refused_seat(refused) and "芜湖某建筑劳务有限公司" in refused.content.decode()
    assert client.post(reverse(url_name), _data(w, url_name)).status_code == 400  # no choice made
    assert not SupportCase.objects.exists() and not Beneficiary.objects.exists()
    done = client.post(reverse(url_name), {**_data(w, url_name), "acting_for": second.pk})
    assert done.status_code == 302 and SupportCase.objects.get().owner == second
