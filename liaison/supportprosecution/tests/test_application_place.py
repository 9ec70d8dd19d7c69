"""The online application names a place, not a procuratorate: where the applicant lives or the
dispute is, typed or chosen in the lists (as the public clue report), and the platform sends
it to the procuratorate serving that place; a place nobody serves, none given, or an address
nobody can read is a message, what was typed kept, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.tests.factories import OrganisationFactory, division
from liaison.orgs.models import Organisation

from ..models import SupportCase
from .factories import world
from .test_opening import ZH, application

pytestmark = pytest.mark.django_db
URL = reverse("supportprosecution:apply")


def _refused(client: Any, data: dict[str, Any]) -> str:
    response = client.post(URL, data, **ZH)
    assert response.status_code == 400
    page = response.content.decode()
    assert "芜湖某建筑劳务有限公司" in page  # what was typed stays
    assert not SupportCase.objects.exists()
    return page


def test_the_page_asks_for_a_place_not_a_procuratorate(client) -> None:  # type: ignore[no-untyped-def]
    world()
    page = client.get(URL, **ZH).content.decode()
    assert 'name="procuratorate"' not in page
    assert 'data-testid="place"' in page and 'name="address"' in page
    assert '<option value="150000">内蒙古自治区</option>' in page  # the provinces' list
    assert f'hx-get="{reverse("publicinterest:places")}"' in page


def test_a_typed_address_goes_to_the_procuratorate_serving_it(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    response = client.post(URL, application(w), **ZH)
    assert response.status_code == 302
    assert SupportCase.objects.get().owner == w.procuratorate


def test_a_district_without_its_own_procuratorate_goes_to_its_citys(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    city = OrganisationFactory(
        name="鄂尔多斯市人民检察院", level=Organisation.Level.MUNICIPAL, division=division("150600")
    )
    data = application(w, address="内蒙古自治区鄂尔多斯市东胜区")
    assert client.post(URL, data, **ZH).status_code == 302
    assert SupportCase.objects.get().owner == city


def test_the_place_chosen_in_the_lists_wins(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    OrganisationFactory(name="西宁市城中区人民检察院", division=division("630103"))
    data = application(
        w, address="青海省西宁市城中区", province="150000", prefecture="150600", county="150603"
    )
    assert client.post(URL, data, **ZH).status_code == 302
    assert SupportCase.objects.get().owner == w.procuratorate


def test_a_place_no_procuratorate_serves_is_a_message(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    page = _refused(client, application(w, address="西藏自治区拉萨市城关区"))
    assert "申请无法在此提交" in page and "拉萨市" in page
    assert 'value="西藏自治区拉萨市城关区"' in page
    # chosen in the lists: the message stands beside them
    lists = {"address": "", "province": "540000", "prefecture": "540100", "county": "540102"}
    page = _refused(client, application(w, **lists))
    assert 'data-testid="error-county"' in page and "申请无法在此提交" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"address": ""}, "填写地址，或在列表中选择地区"),
        ({"address": "火星基地一号"}, "火星基地一号"),
        ({"address": "", "province": "150000", "prefecture": "630100"}, "630100"),
    ],
)
def test_no_place_or_one_nobody_can_read_is_a_message(client, changes, message) -> None:  # type: ignore[no-untyped-def]
    w = world()
    page = _refused(client, application(w, **changes))
    assert message in page
