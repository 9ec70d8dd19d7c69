"""A petition whose text says nothing is refused with a message, nothing recorded."""

import pytest
from django.urls import reverse

from liaison.petitions.models import Petition

from . import test_views
from .test_views import _form

pytestmark = pytest.mark.django_db

world = test_views.world  # a procuratorate, its prosecutor and a lawyer


@pytest.mark.parametrize("field", ["details", "title", "petitioner_name"])
def test_a_petition_text_of_invisible_characters_is_refused(client, world, field) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["prosecutor"])
    response = client.post(
        reverse("petitions:new"),
        _form(world, **{field: "\u200b\u200c\u200d\ufeff" * 8}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only spaces or invisible characters were typed here; please write it out." in page
    assert not Petition.objects.exists()


def test_a_mobile_typed_full_width_with_a_zero_width_space_is_the_number(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world["prosecutor"])
    client.post(
        reverse("petitions:new"), _form(world, petitioner_mobile="１３９\u200b０４７７０１２３")
    )
    assert Petition.objects.get().petitioner_mobile == "13904770123"
