"""A mechanism adds its panels to the shared matter page through its workflow's declaration
(``Workflow.detail_template``, ``Workflow.panels``); the engine's template only includes them."""

import pytest
from django.urls import reverse

from liaison.publicinterest.tests.factories import filed_case, procuratorate
from liaison.publicinterest.workflows import ADMIN_CASE, CIVIL_CASE
from liaison.workflow.definitions import Panel
from liaison.workflow.registry import add_shared_panel, shared_panels


def test_a_panel_stands_in_the_main_or_the_side_column() -> None:
    assert Panel("x.html").column == "main"
    with pytest.raises(ValueError):
        Panel("x.html", column="footer")


def test_the_detail_template_comes_first_then_the_declared_panels_each_in_its_column() -> None:
    shared = {c: [p.template for p in shared_panels() if p.column == c] for c in ("main", "side")}
    for workflow in (ADMIN_CASE, CIVIL_CASE):
        assert [p.template for p in workflow.main_panels] == [
            "publicinterest/_case_detail.html",
            *shared["main"],
        ]
        assert [p.template for p in workflow.side_panels] == [
            "publicinterest/_case_supervisors.html",
            *shared["side"],
        ]


def test_a_shared_panel_stands_on_every_matters_page_once() -> None:
    panel = add_shared_panel(Panel("agreements/_runs_under.html", column="side"))
    assert shared_panels().count(panel) == 1
    for workflow in (ADMIN_CASE, CIVIL_CASE):
        assert workflow.side_panels.count(panel) == 1
        assert workflow.side_panels.index(panel) > 0  # after the workflow's own


@pytest.mark.django_db
def test_the_case_page_shows_its_supervisors_panel_in_the_side_column(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate(name="鄂尔多斯市康巴什区人民检察院")  # where the factories' clue is reported
    case = filed_case()
    handler = case.parties.get(relation="handler").person
    client.force_login(handler)
    html = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    main, side = html.split('<div class="col-lg-4">', 1)
    assert 'data-testid="case"' in main and 'data-testid="supervisors"' not in main
    assert 'data-testid="supervisors"' in side and 'data-testid="supervisor-form"' in side
