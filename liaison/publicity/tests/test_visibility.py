"""Who sees an event: the organisers' staff and those above them in the tree; nobody else
(the one rule, ``selectors.events_visible_to``), on every page that shows it."""

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.publicity.selectors import events_visible_to, may_edit

from .factories import World, photo, recorded, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def test_organisers_and_those_above_see_it_others_do_not(w: World) -> None:
    event = recorded(w)
    for person in (w.prosecutor, w.bureau_officer, w.city_prosecutor):
        assert list(events_visible_to(access_for(person))) == [event], person
    for person in (w.sibling_prosecutor, w.outsider_staff, w.volunteer):
        assert not events_visible_to(access_for(person)).exists(), person


def test_only_organisers_staff_may_correct(w: World) -> None:
    event = recorded(w)
    assert may_edit(access_for(w.prosecutor), event)
    assert may_edit(access_for(w.bureau_officer), event)
    assert not may_edit(access_for(w.city_prosecutor), event)


def test_pages_answer_404_to_those_who_do_not_see_it(client, w: World) -> None:  # type: ignore[no-untyped-def]
    event = recorded(w, files=[photo()])
    file = event.material.get()
    client.force_login(w.sibling_prosecutor)
    for url in (
        reverse("publicity:detail", args=[event.pk]),
        reverse("publicity:edit", args=[event.pk]),
        reverse("publicity:material", args=[event.pk, file.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert event.title not in client.get(reverse("publicity:list")).content.decode()
    # the generic download refuses a loose file to anyone but its uploader
    assert client.get(reverse("attachments:download", args=[file.pk])).status_code == 404


def test_the_city_reads_the_page_and_fetches_the_material_but_may_not_edit(
    client, w: World
) -> None:  # type: ignore[no-untyped-def]
    event = recorded(w, files=[photo()])
    file = event.material.get()
    client.force_login(w.city_prosecutor)
    page = client.get(reverse("publicity:detail", args=[event.pk]))
    assert page.status_code == 200 and 'data-testid="event-edit"' not in page.content.decode()
    assert client.get(reverse("publicity:material", args=[event.pk, file.pk])).status_code == 200
    assert client.get(reverse("publicity:edit", args=[event.pk])).status_code == 404
