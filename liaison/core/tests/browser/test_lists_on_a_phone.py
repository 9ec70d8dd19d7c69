"""Every list reads on a 390-pixel phone: "my work", the triage queue, the public-interest
cases, notices, hearings, petitions, the lawyers' pages, the inbox, the volunteers' pages,
public notices and the figures, each opened by someone who has rows in it (the demo's people,
with the demo's data), in Chinese. A page fails when it scrolls sideways or squeezes a text
into a column a character or two wide (``phone.phone_problems``). Each page is kept as a
screenshot at 390 and at 1280 pixels in test-artefacts/screenshots/."""

from collections.abc import Iterator
from typing import Any

import pytest

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.demo import DEMO_PASSWORD, load_demo
from liaison.core.demo.datong import DATONG_VOLUNTEERS
from liaison.core.tests.browser.conftest import ARTEFACTS
from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.browser.phone import DESK, PHONE, phone_problems
from liaison.orgs.models import Organisation
from liaison.publicinterest.tests.factories import field
from liaison.volunteers.actions import training_publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

SUPERVISOR = DATONG_VOLUNTEERS[1][1]  # 李静怡, who supervises Datong's rectifications

# Who opens which lists: (user, [(path, data-testid of the list that must have rows)]).
LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "datong-prosecutor": (
        "dt_prosecutor",
        [
            ("/work/", "my-work"),
            ("/notices/", "notices"),
            ("/hearings/", "hearings"),
            ("/publicinterest/cases/", "cases"),
            ("/publicinterest/figures/", "by-field"),
            ("/inbox/", "inbox"),
        ],
    ),
    "datong-clue-officer": ("dt_clue", [("/publicinterest/triage/", "triage")]),
    # /orgs/ goes straight to the one organisation its administrator keeps the partners of
    "datong-administrator": ("dt_admin", [("/orgs/", "cooperations")]),
    "kangbashi-prosecutor": (
        "kbs_prosecutor",
        [
            ("/work/", "my-work"),
            ("/notices/", "notices"),
            ("/petitions/", "petitions"),
            ("/petitions/figures/", "figures"),
            ("/lawyers/cases/", "cases"),
            ("/lawyers/slots/", "slots"),
            ("/lawyers/roster/", "roster"),
            ("/lawyers/figures/", "bookings-by-purpose"),
        ],
    ),
    "lawyer": (
        "lawyer_shuzheng",
        [
            ("/lawyers/", "bookings"),
            ("/lawyers/book/", "open-slots"),
            # a lawyer finds the petitions they take part in on their own page, not /petitions/
            ("/lawyers/", "petitions"),
            ("/inbox/", "inbox"),
        ],
    ),
    "agency": ("kbs_bureau", [("/work/", "my-work"), ("/notices/", "notices")]),
    "volunteer": (
        SUPERVISOR,
        [
            ("/volunteers/me/", "supervised"),
            ("/volunteers/organisations/", "organisations"),
            ("/volunteers/training/", "training"),
            ("/public-notices/", "public-notices"),
            ("/inbox/", "inbox"),
        ],
    ),
}

# A row of a list, whichever way it is drawn; an empty list's one line is muted.
ROWS = ":is(tbody > tr, .list-group-item, dd):not(.text-muted):not(:has(> .text-muted:only-child))"


@pytest.fixture
def phone_and_desk(browser: Any) -> Iterator[tuple[Any, Any]]:
    contexts = [browser.new_context(locale="zh-CN", **args) for args in (PHONE, DESK)]
    yield contexts[0].new_page(), contexts[1].new_page()
    for context in contexts:
        context.close()


@pytest.mark.parametrize("who", LISTS)
def test_every_list_reads_as_cards_on_a_phone(live: Any, phone_and_desk: Any, who: str) -> None:
    field()  # the demo's fields (a transactional test before this one emptied their table)
    load_demo()
    coordinator = access_for(User.objects.get(username="dt_coordinator"))
    training_publish(
        access=coordinator,
        publisher=Organisation.objects.get(pk__in=coordinator.organisation_ids),
        title="公益诉讼志愿者线索收集与整改监督培训",
        body="如何在现场拍照、记录地点，如何判断整改是否到位。",
    )
    username, lists = LISTS[who]
    phone, desk = phone_and_desk
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for page in (phone, desk):
        log_in(page, live.url, username, DEMO_PASSWORD)
    failures = []
    for path, testid in lists:
        name = f"lists-{who}-{path.strip('/').replace('/', '-')}"
        for page, width in ((phone, 390), (desk, 1280)):
            page.goto(f"{live.url}{path}")
            page.screenshot(path=str(ARTEFACTS / f"{name}-{width}.png"), full_page=True)
        rows = phone.locator(f"[data-testid='{testid}'] {ROWS}").count()
        if not rows:
            failures.append(f"{path}: no rows in [data-testid={testid}] for {username}")
        failures += [f"{path}: {problem}" for problem in phone_problems(phone)]
        failures += [f"{path} at 1280px: {problem}" for problem in phone_problems(desk)]
    assert not failures, "\n".join(failures)
