"""A place's division code reaches the procuratorate with jurisdiction over it."""

from __future__ import annotations

import pytest

from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import procuratorate_for_division

from .factories import procuratorate

pytestmark = pytest.mark.usefixtures("divisions")

Level = Organisation.Level


@pytest.fixture
def inner_mongolia() -> dict[str, Organisation]:
    province = procuratorate("150000", level=Level.PROVINCIAL, name="内蒙古自治区人民检察院")
    ordos = procuratorate(
        "150600", parent=province, level=Level.MUNICIPAL, name="鄂尔多斯市人民检察院"
    )
    kangbashi = procuratorate("150603", parent=ordos, name="鄂尔多斯市康巴什区人民检察院")
    # Organisations of other kinds at the same place never take a procuratorate's jurisdiction.
    procuratorate("150602", kind=OrganisationKind.COURT, name="东胜区人民法院")
    procuratorate("150621", kind=OrganisationKind.JUDICIAL_BUREAU, name="达拉特旗司法局")
    return {"province": province, "ordos": ordos, "kangbashi": kangbashi}


@pytest.mark.parametrize("code", ["150603", "150603001000", " 150603 "])
def test_kangbashi_has_its_own(inner_mongolia: dict[str, Organisation], code: str) -> None:
    assert procuratorate_for_division(code) == inner_mongolia["kangbashi"]


@pytest.mark.parametrize("code", ["150602", "150621", "150627", "150600"])
def test_a_county_without_its_own_goes_to_the_prefecture(
    inner_mongolia: dict[str, Organisation], code: str
) -> None:
    assert procuratorate_for_division(code) == inner_mongolia["ordos"]


def test_a_prefecture_without_its_own_goes_to_the_province(
    inner_mongolia: dict[str, Organisation],
) -> None:
    assert procuratorate_for_division("150202") == inner_mongolia["province"]  # 包头 东河区


def test_an_inactive_procuratorate_is_skipped(inner_mongolia: dict[str, Organisation]) -> None:
    Organisation.objects.filter(pk=inner_mongolia["kangbashi"].pk).update(is_active=False)
    assert procuratorate_for_division("150603") == inner_mongolia["ordos"]


def test_the_more_local_of_two_at_one_place(inner_mongolia: dict[str, Organisation]) -> None:
    office = procuratorate(
        "150603", parent=inner_mongolia["kangbashi"], level=Level.GRASSROOTS, name="派驻检察室"
    )
    assert procuratorate_for_division("150603") == office


def test_a_county_directly_under_a_province_follows_its_parent() -> None:
    """济源市 (419001) has no prefecture 419000; its parent is 河南省."""
    henan = procuratorate("410000", level=Level.PROVINCIAL, name="河南省人民检察院")
    assert procuratorate_for_division("419001") == henan


@pytest.mark.parametrize("code", ["", "1506", "abcdef", "999999"])
def test_nothing_for_malformed_or_unserved_codes(
    inner_mongolia: dict[str, Organisation], code: str
) -> None:
    assert procuratorate_for_division(code) is None


def test_elsewhere_in_china_without_procuratorates() -> None:
    assert procuratorate_for_division("630103") is None  # 西宁 城中区


def test_query_count(
    inner_mongolia: dict[str, Organisation], django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(2):
        procuratorate_for_division("150627")


def test_a_procuratorate_deactivated_no_longer_serves_its_place(
    inner_mongolia: dict[str, Organisation],
) -> None:
    """The answer is kept in the process's memory (``core.localcopy``): a save drops it."""
    assert procuratorate_for_division("150603") == inner_mongolia["kangbashi"]
    inner_mongolia["kangbashi"].is_active = False
    inner_mongolia["kangbashi"].save()
    assert procuratorate_for_division("150603") == inner_mongolia["ordos"]
