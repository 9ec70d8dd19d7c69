"""The court's register: imported whole from CSV or XLSX, or refused whole with a report of the
rejected rows (case number format, dates, exact amounts, parties, a case number twice in the
file or already in the register); one case shared by an enforcement officer; a prosecutor reads
only the cases shared with the procuratorate."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.workflow.errors import TransitionForbidden

from .. import actions
from ..models import EnforcementCase, EnforcementShare
from ..registers import read_register
from ..selectors import cases_visible_to
from .factories import GOOD_ROWS, HEADING, imported, world

pytestmark = pytest.mark.django_db

BAD_ROWS = (
    "（2026）青0103执125号,张某,赵某,1000.00,2026-02-01,\n"
    "2026执126号,张某,赵某,1000.00,2026-02-01,\n"  # not a court case number
    "（2026）青0103执127号,,赵某,12.345,2026-13-01,\n"  # no applicant, 3 decimals, bad date
    "（2026）青0103执125号,张某,赵某,abc,2026-02-01,2026-01-01\n"  # twice; not an amount
)


def test_a_register_is_imported_and_shared_with_exact_amounts() -> None:
    w = world()
    record = imported(w)
    assert record.accepted and record.imported == 2
    case = EnforcementCase.objects.get(case_number="（2026）青0103执123号")
    assert case.amount == Decimal("125000.50") and case.court == w.court
    assert EnforcementShare.objects.filter(procuratorate=w.procuratorate).count() == 2
    assert set(cases_visible_to(access_for(w.prosecutor))) == set(EnforcementCase.objects.all())


def test_a_bad_row_imports_nothing_and_is_reported() -> None:
    w = world()
    record = imported(w, BAD_ROWS)
    assert not record.accepted and not EnforcementCase.objects.exists()
    by_row = {item["row"]: item["errors"] for item in record.rejected}
    assert set(by_row) == {3, 4, 5}
    assert any("2026执126号" in e for e in by_row[3])
    assert len(by_row[4]) >= 3 and any("第 2 行" in e or "row 2" in e for e in by_row[5])


def test_a_case_number_already_in_the_register_is_rejected() -> None:
    w = world()
    imported(w)
    record = imported(w, GOOD_ROWS.splitlines()[0] + "\n")
    assert not record.accepted and EnforcementCase.objects.count() == 2


def test_an_xlsx_register_reads_numbers_and_dates() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADING.strip().split(","))
    from datetime import date

    sheet.append(["（2026）青0103执200号", "甲", "乙", 1234.56, date(2026, 3, 1), None])
    content = BytesIO()
    book.save(content)
    register = read_register("r.xlsx", content.getvalue(), existing=[])
    (row,) = register.rows
    assert not row.errors and row.amount == Decimal("1234.56") and row.filed_on == date(2026, 3, 1)


def test_an_unreadable_file_is_refused_whole() -> None:
    register = read_register("r.xlsx", b"not a workbook", existing=[])
    assert register.problem and not register.rows


def test_only_the_courts_own_officers_import_and_share() -> None:
    w = world()
    other = world(name="西宁市城东区人民法院")
    with pytest.raises(TransitionForbidden):
        actions.register_import(
            access=access_for(other.enforcement),
            court=w.court,
            procuratorate=w.procuratorate,
            name="r.csv",
            content=(HEADING + GOOD_ROWS).encode(),
        )
    with pytest.raises(TransitionForbidden):  # a judge does not keep the register
        imported(type(w)(**{**w.__dict__, "enforcement": w.judge}))
    assert not EnforcementCase.objects.exists()


def test_one_case_is_shared_with_the_procuratorate() -> None:
    w = world()
    imported(w)
    neighbour = world(name="西宁市城东区人民法院")
    from liaison.orgs.actions import cooperation_start

    cooperation_start(actor=w.enforcement, organisations=(w.court, neighbour.procuratorate))
    actions.case_share(
        access=access_for(w.enforcement),
        court=w.court,
        case_number="（2026）青0103执124号",
        procuratorate=neighbour.procuratorate,
    )
    seen = cases_visible_to(access_for(neighbour.prosecutor))
    assert [c.case_number for c in seen] == ["（2026）青0103执124号"]


def test_the_import_page_refuses_and_offers_the_report(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    client.force_login(w.enforcement)
    upload = SimpleUploadedFile("register.csv", (HEADING + BAD_ROWS).encode(), "text/csv")
    page = client.post(
        reverse("courts:import"), {"register": upload, "procuratorate": w.procuratorate.pk}
    )
    assert page.status_code == 400 and not EnforcementCase.objects.exists()
    record = page.context["record"]
    report = client.get(reverse("courts:import-report", args=[record.pk]))
    assert report.status_code == 200 and "2026执126号" in report.content.decode("utf-8-sig")
    client.force_login(member(world(name="大通县人民法院").court, Role.ENFORCEMENT_OFFICER))
    assert client.get(reverse("courts:import-report", args=[record.pk])).status_code == 404
    client.force_login(w.prosecutor)
    assert client.get(reverse("courts:import")).status_code == 403


def test_the_cases_list_is_guarded_against_many_queries(  # type: ignore[no-untyped-def]
    client, django_assert_max_num_queries
) -> None:
    w = world()
    imported(w)
    for person in (w.enforcement, w.prosecutor):
        client.force_login(person)
        with django_assert_max_num_queries(20):
            assert client.get(reverse("courts:cases")).status_code == 200
