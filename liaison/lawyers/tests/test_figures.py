"""The figures: aggregate queries, the same few whatever the numbers."""

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.lawyers import actions
from liaison.lawyers.figures import figures_for
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition

from .factories import booking, case, lawyer, of_record, procuratorate, slot, staff

pytestmark = pytest.mark.django_db


def _activity(org, officer, head, n: int) -> None:  # type: ignore[no-untyped-def]
    the_case = case(org)
    for _ in range(n):
        counsel = lawyer(at=org)
        of_record(the_case, counsel)
        made = booking(counsel, slot(org, capacity=1), the_case)
        transition(matter=made, name="confirm", access=access_for(officer))
        complaint = actions.complaint_file(
            access=access_for(counsel.user),
            procuratorate=org,
            right="file_review",
            facts="阅卷申请被拖延。",
        )
        transition(matter=complaint, name="accept", access=access_for(officer))
        transition(matter=complaint, name="decide", access=access_for(head), data={"founded": "no"})
        transition(
            matter=complaint,
            name="reply",
            access=access_for(officer),
            data={"reply": "经审查不属实。"},
        )
    transition(
        matter=the_case, name="indict", access=access_for(head), data={"court": "康巴什区人民法院"}
    )


def test_figures_count_what_happened() -> None:
    org = procuratorate()
    officer, head = staff(org), staff(org, Role.DEPARTMENT_HEAD)
    _activity(org, officer, head, 2)
    figures = figures_for(access_for(head))
    file_review = next(row for label, row, total in figures.bookings if total)
    assert sum(file_review) == 2
    assert figures.median_wait_days is not None and figures.median_wait_days > 2
    assert (figures.events, figures.events_delivered) == (2, 2)  # accepted (nobody yet), indicted
    assert (figures.complaints, figures.decided, figures.founded) == (2, 2, 0)
    assert (figures.replied, figures.replied_in_time) == (2, 2)
    assert figures.founded_share == 0
    # another procuratorate's staff see none of it
    assert figures_for(access_for(staff(procuratorate()))).complaints == 0


def test_the_figures_page_costs_the_same_for_more(client, django_assert_max_num_queries) -> None:
    org = procuratorate()
    officer, head = staff(org), staff(org, Role.DEPARTMENT_HEAD)
    _activity(org, officer, head, 1)
    client.force_login(head)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("lawyers:figures")).status_code == 200
    _activity(org, officer, head, 3)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("lawyers:figures")).content.decode()
    assert "4 / 4" in page
