"""A prosecutor who is case staff of two of a matter's organisations chooses which one raises a
flag about it ("acting for"), and tells another; with one such seat nothing is asked. An
organisation they hold no seat in is refused, and so is telling the side they act for."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.orgs.tests.seats import refused_seat, shows_chooser
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter, Relation
from liaison.workflow.opening import add_parties

from ..actions import flag_raise
from ..forms import NOT_OTHER
from ..models import Flag
from .factories import GROUNDS, World, shared, world

pytestmark = pytest.mark.django_db


def test_one_seat_asks_nothing_and_raises_for_it(client: Any) -> None:
    w = world()
    subject = shared(w)
    client.force_login(w.prosecutor)
    url = reverse("flags:raise", args=[subject.pk])
    assert not shows_chooser(client.get(url))
    data = {"kind": "false_litigation", "against": w.court.pk, "grounds": "虚构债务。"}
    response = client.post(url, {**data, "acting_for": w.court.pk})  # not asked: ignored
    assert response.status_code == 302 and Flag.objects.get().owner == w.procuratorate


def _two_sides(w: World) -> tuple[Matter, Any]:
    """The notice to the court, shared also with a second procuratorate where the prosecutor
    is case staff too."""
    subject = shared(w)
    second: Organisation = OrganisationFactory(name="西宁市城北区人民检察院", division=division())
    MembershipFactory(person=w.prosecutor, organisation=second, role=Role.PROSECUTOR)
    add_parties(matter=subject, partners=[second])
    return Matter.objects.get(pk=subject.pk), second


def test_two_seats_choose_which_side_raises(client: Any) -> None:
    w = world()
    subject, second = _two_sides(w)
    stranger = OrganisationFactory(name="大通县人民检察院", division=division())
    client.force_login(w.prosecutor)
    url = reverse("flags:raise", args=[subject.pk])
    assert shows_chooser(client.get(url))
    data = {"kind": "false_litigation", "against": w.court.pk, "grounds": "虚构债务，转移财产。"}
    refused = client.post(url, {**data, "acting_for": stranger.pk})
    assert refused_seat(refused) and "虚构债务，转移财产。" in refused.content.decode()
    assert client.post(url, data).status_code == 400  # no choice made
    itself = client.post(url, {**data, "acting_for": second.pk, "against": second.pk})
    assert itself.status_code == 400 and str(NOT_OTHER) in itself.content.decode()
    assert not Flag.objects.exists()
    done = client.post(url, {**data, "acting_for": second.pk})
    flag = Flag.objects.get()
    assert done.status_code == 302 and flag.owner == second
    assert flag.parties.filter(relation=Relation.PARTNER_ORG, organisation=w.court).exists()


def test_the_action_refuses_a_side_unnamed_among_several_or_not_held() -> None:
    w = world()
    subject, _second = _two_sides(w)
    raise_ = {"subject": subject, "kind": "false_litigation", "grounds": GROUNDS}
    with pytest.raises(WorkflowError):
        flag_raise(access=access_for(w.prosecutor), against=w.court, **raise_)
    with pytest.raises(TransitionForbidden):
        flag_raise(access=access_for(w.prosecutor), side=w.court, against=w.court, **raise_)
    assert not Flag.objects.exists()
