"""The shared "acting for" chooser: absent with one seat, required with several, only the
organisations offered accepted, the choice kept when the form comes back with errors."""

from __future__ import annotations

import pytest
from django import forms

from liaison.core.tests.factories import OrganisationFactory
from liaison.orgs.forms import ACTING_FOR, NO_SEAT_CHOSEN, NOT_YOUR_SEAT, ActingForForm
from liaison.orgs.models import Organisation

pytestmark = pytest.mark.django_db


class _Form(ActingForForm):
    title = forms.CharField()


def _org() -> Organisation:
    made: Organisation = OrganisationFactory()
    return made


def test_one_seat_asks_nothing_and_acts_for_it() -> None:
    only = _org()
    form = _Form({"title": "t", ACTING_FOR: _org().pk}, acting=[only])
    assert not form.asks_acting_for and form.is_valid()
    assert form.acting_organisation() == only and form.action_data() == {"title": "t"}


def test_several_seats_ask_first_and_accept_only_those_offered() -> None:
    first, second, stranger = _org(), _org(), _org()
    form = _Form({"title": "t"}, acting=[first, second])
    assert form.asks_acting_for and next(iter(form.fields)) == ACTING_FOR
    assert not form.is_valid() and form.errors[ACTING_FOR] == [str(NO_SEAT_CHOSEN)]
    refused = _Form({"title": "", ACTING_FOR: stranger.pk}, acting=[first, second])
    assert not refused.is_valid() and refused.errors[ACTING_FOR] == [str(NOT_YOUR_SEAT)]
    assert refused.chosen_organisation() is None
    kept = _Form({"title": "", ACTING_FOR: second.pk}, acting=[first, second])
    assert not kept.is_valid() and f'value="{second.pk}" selected' in str(kept[ACTING_FOR])
    chosen = _Form({"title": "t", ACTING_FOR: second.pk}, acting=[first, second])
    assert chosen.is_valid() and chosen.acting_organisation() == second
    assert chosen.action_data() == {"title": "t"}
