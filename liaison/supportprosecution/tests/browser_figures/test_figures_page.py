"""In the browser, at a phone's width and in Chinese: a wage case's recovered instalments show
up in the support-prosecution figures, drawn as charts beside their tables, and the XLSX and
the printable report are offered."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.access import access_for
from liaison.core.tests.browser.pages import log_in
from liaison.supportprosecution.actions import recovery_record
from liaison.supportprosecution.tests.factories import judged, world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data", "categories"),
]


@pytest.fixture
def categories(transactional_db: Any) -> None:
    """The categories migration 0002 loads: a transactional test before this one flushed them
    (``reference_data`` reloads only the divisions and periods)."""
    from importlib import import_module

    from django.apps import apps

    import_module("liaison.supportprosecution.migrations.0002_seed_categories").seed(apps, None)


def test_recovered_instalments_show_in_the_figures(
    live: Any, page: Any, screenshot: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    w.prosecutor.username = "wz_prosecutor"
    w.prosecutor.save(update_fields=["username"])
    case = judged(w)
    for day, amount in ((date(2026, 1, 5), "20000.00"), (date(2026, 2, 5), "8800.50")):
        recovery_record(
            access=access_for(w.prosecutor), case=case, received_on=day, amount=Decimal(amount)
        )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live.url, "wz_prosecutor")
    page.goto(f"{live.url}/support/figures/?since=2021-01-01")
    expect(page.get_by_test_id("cases-total")).to_have_text("1")
    expect(page.get_by_test_id("migrant-workers")).to_have_text("3")
    expect(page.get_by_test_id("recovered")).to_contain_text("28,800.50")
    expect(page.locator("#chart-categories svg")).to_have_count(1)
    expect(page.get_by_test_id("figures-xlsx")).to_be_visible()
    screenshot("figures")
    page.get_by_test_id("figures-print").click()
    expect(page.get_by_test_id("report-title")).to_contain_text("支持起诉统计")
