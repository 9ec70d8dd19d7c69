"""At desks, in Datong: during a civil case's announcement an entitled organ sues, so the
procuratorate closes its case without suing; closing it takes effect once the chief procurator
approves (issue 11: ending a case without suing needs the chief's approval)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.publicinterest.models import PILCase
from liaison.publicinterest.tests.factories import (
    accepted_case,
    field,
    filed_case,
    procuratorate,
    prosecutor,
    reported_clue,
)
from liaison.workflow.actions import transition

from .test_suit_before_the_court import DATONG, YUNGANG, _log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_closing_because_an_entitled_organ_sued_awaits_the_chief(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    luo = prosecutor(datong, username="luo", name="罗伟民")
    member(datong, Role.CHIEF_PROCURATOR, username="zheng", name="郑立明")
    clue = reported_clue(at=YUNGANG, address="新荣区十里河焦化厂排污口")
    case = filed_case(accepted_case(clue, kind="civil"), by=luo)
    transition(
        matter=case, name="announce", access=access_for(luo), data={"announcement": "诉前公告。"}
    )

    # The prosecutor records that an entitled organ sued; it waits for the chief procurator.
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    page.locator("#id_organ_sued_note").fill("中华环保联合会已向大同市中级人民法院提起诉讼。")
    page.get_by_role("button", name="适格主体已起诉").click()
    expect(page.get_by_test_id("approval")).to_contain_text("待审批：适格主体已起诉")
    expect(page.get_by_test_id("approval-awaits")).to_contain_text("郑立明")
    assert PILCase.objects.get(pk=case.pk).state == "announcing"
    screenshot("1-closing-awaits-the-chief")

    # The chief procurator approves it from "my work"; the case is closed.
    _log_in(page, live, "zheng")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_role("alert").filter(has_text="已审批通过")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("适格主体已起诉结案")
    assert PILCase.objects.get(pk=case.pk).state == "organ_sued"
    screenshot("2-closed")
