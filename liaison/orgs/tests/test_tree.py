"""The materialised path follows the tree through creation and moves; subtrees are one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from liaison.audit.models import AuditRecord
from liaison.core.tests.factories import division
from liaison.orgs.actions import organisation_create, organisation_move
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import organisations_below

from .factories import UserFactory

pytestmark = pytest.mark.usefixtures("divisions")

Level = Organisation.Level


def create(
    name: str, code: str, parent: Organisation | None, level: str, actor: Any
) -> Organisation:
    return organisation_create(
        actor=actor,
        parent=parent,
        kind=OrganisationKind.PROCURATORATE,
        level=level,
        name=name,
        division=division(code),
    )


@pytest.fixture
def actor() -> Any:
    return UserFactory(username="tree-admin")


@pytest.fixture
def tree(actor: Any) -> dict[str, Organisation]:
    """内蒙古 > 鄂尔多斯 > 康巴什, 东胜; 内蒙古 > 包头 (a second prefecture to move things to)."""
    province = create("内蒙古自治区人民检察院", "150000", None, Level.PROVINCIAL, actor)
    ordos = create("鄂尔多斯市人民检察院", "150600", province, Level.MUNICIPAL, actor)
    baotou = create("包头市人民检察院", "150200", province, Level.MUNICIPAL, actor)
    kangbashi = create("鄂尔多斯市康巴什区人民检察院", "150603", ordos, Level.COUNTY, actor)
    dongsheng = create("鄂尔多斯市东胜区人民检察院", "150602", ordos, Level.COUNTY, actor)
    office = create("康巴什区人民检察院派驻检察室", "150603", kangbashi, Level.GRASSROOTS, actor)
    return {
        "province": province,
        "ordos": ordos,
        "baotou": baotou,
        "kangbashi": kangbashi,
        "dongsheng": dongsheng,
        "office": office,
    }


def fresh(org: Organisation) -> Organisation:
    return Organisation.objects.get(pk=org.pk)


def test_path_is_the_chain_of_ancestor_ids(tree: dict[str, Organisation]) -> None:
    p, o, k, f = (tree[n].pk for n in ("province", "ordos", "kangbashi", "office"))
    assert fresh(tree["province"]).path == f"/{p}/"
    assert fresh(tree["kangbashi"]).path == f"/{p}/{o}/{k}/"
    assert fresh(tree["office"]).path == f"/{p}/{o}/{k}/{f}/"
    assert tree["office"].path == fresh(tree["office"]).path  # the returned object is current


def test_create_is_audited(tree: dict[str, Organisation], actor: Any) -> None:
    record = AuditRecord.objects.get(
        action="orgs.organisation.create", object_id=str(tree["kangbashi"].pk)
    )
    assert record.actor == actor
    assert record.payload["parent"] == tree["ordos"].pk


def test_moving_a_subtree_rewrites_every_descendant(
    tree: dict[str, Organisation], actor: Any
) -> None:
    organisation_move(actor=actor, organisation=tree["kangbashi"], parent=tree["baotou"])
    p, b, k, f = (tree[n].pk for n in ("province", "baotou", "kangbashi", "office"))
    assert fresh(tree["kangbashi"]).path == f"/{p}/{b}/{k}/"
    assert fresh(tree["office"]).path == f"/{p}/{b}/{k}/{f}/"
    assert set(organisations_below(tree["baotou"])) == {
        tree["baotou"],
        tree["kangbashi"],
        tree["office"],
    }
    assert set(organisations_below(fresh(tree["ordos"]))) == {tree["ordos"], tree["dongsheng"]}
    record = AuditRecord.objects.get(action="orgs.organisation.move")
    assert record.payload == {"parent": {"before": tree["ordos"].pk, "after": b}}


def test_moving_to_the_root_and_back(tree: dict[str, Organisation], actor: Any) -> None:
    organisation_move(actor=actor, organisation=tree["ordos"], parent=None)
    o, k, f = (tree[n].pk for n in ("ordos", "kangbashi", "office"))
    assert fresh(tree["office"]).path == f"/{o}/{k}/{f}/"
    organisation_move(actor=actor, organisation=tree["ordos"], parent=tree["province"])
    p = tree["province"].pk
    assert fresh(tree["office"]).path == f"/{p}/{o}/{k}/{f}/"


def test_moving_via_a_plain_save_with_a_stale_parent_object(
    tree: dict[str, Organisation],
) -> None:
    """The path comes from the parent's row, not from an in-memory parent that has since moved."""
    stale_kangbashi = tree["kangbashi"]  # its path in memory predates the move below
    dongsheng = fresh(tree["dongsheng"])
    organisation_move(actor=None, organisation=tree["kangbashi"], parent=tree["baotou"])
    dongsheng.parent = stale_kangbashi
    dongsheng.save()
    assert fresh(dongsheng).path == fresh(tree["kangbashi"]).path + f"{dongsheng.pk}/"


@pytest.mark.parametrize("target", ["ordos", "kangbashi", "office"])
def test_cannot_move_below_itself(tree: dict[str, Organisation], actor: Any, target: str) -> None:
    before = {o.pk: o.path for o in Organisation.objects.all()}
    with pytest.raises(ValidationError) as caught:
        organisation_move(actor=actor, organisation=tree["ordos"], parent=tree[target])
    assert "parent" in caught.value.message_dict
    assert {o.pk: o.path for o in Organisation.objects.all()} == before
    assert not AuditRecord.objects.filter(action="orgs.organisation.move").exists()


def test_organisations_below(tree: dict[str, Organisation]) -> None:
    below = organisations_below(tree["ordos"])
    assert list(below) == sorted(below, key=lambda o: o.path)
    assert set(below) == {tree["ordos"], tree["kangbashi"], tree["dongsheng"], tree["office"]}
    assert set(organisations_below(tree["ordos"], include_self=False)) == {
        tree["kangbashi"],
        tree["dongsheng"],
        tree["office"],
    }
    assert set(organisations_below(tree["office"])) == {tree["office"]}
    assert organisations_below(tree["province"]).count() == 6


def test_organisations_below_does_not_confuse_ids_sharing_a_prefix(actor: Any) -> None:
    """``/1/`` must not match ``/12/``: the trailing slash is part of the prefix."""
    roots = [create(f"根{i}", "150000", None, Level.PROVINCIAL, actor) for i in range(12)]
    first = roots[0]
    similar = [r for r in roots if str(r.pk).startswith(str(first.pk)) and r != first]
    assert set(organisations_below(first)) == {first}
    assert all(r not in organisations_below(first) for r in similar)


def test_organisations_below_refuses_an_unsaved_organisation() -> None:
    with pytest.raises(ValueError):
        organisations_below(Organisation(name="未保存"))


def test_a_queryset_over_the_path_needs_one_query(
    tree: dict[str, Organisation], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        assert len(list(organisations_below(tree["province"]))) == 6
