"""Finding divisions by code, by name and from a free-text address, and walking upwards."""

import pytest

from liaison.places.models import Division
from liaison.places.selectors import (
    address_code,
    ancestors,
    division_by_code,
    divisions_named,
    jurisdiction_chain_codes,
    resolve_address,
)

pytestmark = pytest.mark.usefixtures("divisions")


def codes(divisions: list[Division]) -> list[str]:
    return [d.code for d in divisions]


@pytest.mark.parametrize("code", ["150603", "150603000000", " 150603 ", "150603001000"])
def test_division_by_code_takes_6_or_12_digits(code: str) -> None:
    division = division_by_code(code)
    assert division is not None
    assert division.name == "康巴什区"


@pytest.mark.parametrize("code", ["", "15060", "1506030", "abcdef", "１５０６０３", "999999"])
def test_division_by_code_none_for_malformed_or_unknown(code: str) -> None:
    assert division_by_code(code) is None


def test_divisions_named_finds_every_place_with_a_shared_name() -> None:
    found = list(divisions_named("城中区"))
    assert len(found) >= 2
    assert {d.name for d in found} == {"城中区"}
    assert "630103" in codes(found)  # 西宁


def test_divisions_named_matches_a_name_without_its_suffix() -> None:
    assert codes(list(divisions_named("康巴什"))) == ["150603"]
    assert "150000" in codes(list(divisions_named("内蒙古")))


def test_divisions_named_puts_exact_names_first() -> None:
    found = list(divisions_named("澳门特别行政区"))
    assert len(found) >= 2
    assert found[0].name == "澳门特别行政区"
    assert all(d.name.startswith("澳门特别行政区") for d in found[1:])


@pytest.mark.parametrize("name", ["", "   ", "不存在的地方"])
def test_divisions_named_empty(name: str) -> None:
    assert not divisions_named(name).exists()


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("内蒙古鄂尔多斯市康巴什区市府大楼", "150603"),
        ("安徽省宿州市泗县", "341324"),
        ("芜湖市湾沚区", "340210"),
        ("大同市平城区新建南路", "140213"),
        ("青海省西宁市城中区", "630103"),
        ("鄂尔多斯市", "150600"),
        ("内蒙古", "150000"),
    ],
)
def test_resolve_address_gives_the_most_specific_division(address: str, code: str) -> None:
    division = resolve_address(address)
    assert division is not None
    assert division.code == code


def test_resolve_address_datong_is_under_datong() -> None:
    division = resolve_address("大同市平城区新建南路")
    assert division is not None
    assert codes(ancestors(division)) == ["140213", "140200", "140000"]


@pytest.mark.parametrize("address", ["hello world", "", "   ", "某某路123号"])
def test_resolve_address_none_when_nothing_recognised(
    address: str, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        assert resolve_address(address) is None


def test_resolve_address_uses_one_query_and_brings_ancestors(
    django_assert_num_queries,
) -> None:
    with django_assert_num_queries(1):
        division = resolve_address("内蒙古鄂尔多斯市康巴什区市府大楼")
    assert division is not None
    with django_assert_num_queries(0):
        assert codes(ancestors(division)) == ["150603", "150600", "150000"]
        assert division.full_name == "内蒙古自治区鄂尔多斯市康巴什区"


def test_resolve_address_caches_the_package_answer_and_the_division(
    django_assert_num_queries,
) -> None:
    with django_assert_num_queries(1):
        first = resolve_address("芜湖市湾沚区")
    hits = address_code.cache_info().hits
    for _ in range(100):
        with django_assert_num_queries(0):
            assert resolve_address("芜湖市湾沚区") == first
    assert address_code.cache_info().hits == hits + 100


def test_a_division_saved_or_deleted_is_read_again(django_assert_num_queries) -> None:
    kangbashi = division_by_code("150603")
    assert kangbashi is not None and division_by_code("150603") is not None
    kangbashi.name = "康巴什新区"
    kangbashi.save()
    with django_assert_num_queries(1):
        assert division_by_code("150603").name == "康巴什新区"
    kangbashi.delete()
    assert division_by_code("150603") is None
    assert resolve_address("内蒙古鄂尔多斯市康巴什区").code == "150600"


def test_resolve_address_falls_back_to_an_ancestor_the_table_has() -> None:
    """The package may know a district before ``load_divisions`` has been run for it."""
    Division.objects.filter(code="150603").delete()
    division = resolve_address("内蒙古鄂尔多斯市康巴什区")
    assert division is not None
    assert division.code == "150600"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("150603", ["150603", "150600", "150000"]),
        ("150603000000", ["150603", "150600", "150000"]),
        ("150600", ["150600", "150000"]),
        ("150000", ["150000"]),
        ("419001", ["419001", "419000", "410000"]),
    ],
)
def test_jurisdiction_chain_codes(code: str, expected: list[str]) -> None:
    assert jurisdiction_chain_codes(code) == expected


@pytest.mark.parametrize("code", ["", "15060", "abcdef"])
def test_jurisdiction_chain_codes_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(ValueError):
        jurisdiction_chain_codes(code)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("150603", ["150603", "150600", "150000"]),
        ("110101", ["110101", "110100", "110000"]),
        ("419001", ["419001", "410000"]),
        ("150600", ["150600", "150000"]),
        ("150000", ["150000"]),
    ],
)
def test_ancestors_costs_at_most_one_query(
    code: str, expected: list[str], django_assert_max_num_queries
) -> None:
    division = Division.objects.get(code=code)
    with django_assert_max_num_queries(1):
        assert codes(ancestors(division)) == expected
