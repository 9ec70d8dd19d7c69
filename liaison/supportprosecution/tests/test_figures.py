"""The support-prosecution figures: what counts (supported cases by the day received, their
beneficiaries by the category's group, recoveries by the day received, exact decimals), the
tree (a city sees its districts, a district not its sibling), the page, its XLSX and printable
report, who may read them, and a constant number of queries whatever the data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.publicity.actions import EventFields, event_record
from liaison.supportprosecution.actions import recovery_record
from liaison.supportprosecution.figures import figures_for
from liaison.supportprosecution.models import SupportCase

from .factories import OPINION, World, applied_online, category, take, world

pytestmark = pytest.mark.django_db

ELDERLY = [{"name": "赵奶奶", "group": "elderly"}]


def supported(
    w: World,
    *,
    received_on: date,
    code: str = "migrant_wages",
    people: list | None = None,  # type: ignore[type-arg]
    outcome: str | None = "judgment",
    awarded: str = "28800.50",
    recovered: tuple[tuple[date, str], ...] = (),
) -> SupportCase:
    """A case received on ``received_on``, accepted and (with an outcome) judged, with its
    recoveries: through the real steps."""
    fields = {"category": category(code), "received_on": received_on}
    if people is not None:
        fields["beneficiaries"] = people
    case = applied_online(w, **fields)
    case = take(case, "find_eligible", w.prosecutor, reasons="符合条件。")
    case = take(case, "accept", w.prosecutor)
    if outcome is None:
        return case
    case = take(case, "draft_opinion", w.prosecutor, court=w.court.pk, **OPINION)
    case = take(case, "send_opinion", w.prosecutor)
    case = take(case, "acknowledge", w.judge, court_case_number="（2026）皖0221民初1号")
    case = take(
        case,
        "record_outcome",
        w.prosecutor,
        outcome=outcome,
        outcome_on=date.today().isoformat(),
        amount_claimed="28800.50",
        amount_awarded=awarded,
    )
    for day, amount in recovered:
        recovery_record(
            access=access_for(w.prosecutor), case=case, received_on=day, amount=Decimal(amount)
        )
    return case


@pytest.fixture
def w() -> World:
    return world()


def test_what_counts(w: World) -> None:
    supported(
        w,
        received_on=date(2021, 3, 1),
        recovered=((date(2021, 6, 1), "10000.10"), (date(2022, 1, 5), "0.20")),
    )
    supported(
        w,
        received_on=date(2022, 3, 1),
        code="elderly_alimony",
        people=ELDERLY,
        outcome="mediation",
        awarded="6000.00",
        recovered=((date(2022, 4, 1), "6000.00"),),
    )
    supported(w, received_on=date(2023, 3, 1), outcome=None)  # accepted, no suit yet
    applied_online(w, received_on=date(2022, 5, 1))  # under review: not a case supported
    ended = applied_online(w, received_on=date(2022, 5, 2))
    take(ended, "find_ineligible", w.prosecutor, reasons="不符合条件。")

    f = figures_for(w.procuratorate, since=date(2021, 1, 1), until=None)
    assert f.cases == 3
    assert f.migrant_workers == 6 and f.elderly_and_minors == 1
    assert f.recovered == Decimal("16000.30") and isinstance(f.recovered, Decimal)
    assert f.to_judgment_or_mediation == 2
    by_code = {row.category.code: row.cases for row in f.by_category}
    assert by_code["migrant_wages"] == 2 and by_code["elderly_alimony"] == 1

    f = figures_for(w.procuratorate, since=date(2022, 1, 1), until=date(2022, 12, 31))
    assert f.cases == 1 and f.migrant_workers == 0 and f.elderly_and_minors == 1
    # money counts when it came in: 0.20 of the 2021 case came in 2022
    assert f.recovered == Decimal("6000.20")


def test_the_tree(w: World) -> None:
    city = OrganisationFactory(name="芜湖市人民检察院", level=Organisation.Level.MUNICIPAL)
    w.procuratorate.parent = city
    w.procuratorate.save()
    sibling = OrganisationFactory(name="鸠江区人民检察院", parent=city)
    supported(w, received_on=date(2024, 1, 1), recovered=((date(2024, 2, 1), "100.00"),))
    city.refresh_from_db()
    sibling.refresh_from_db()
    assert figures_for(city, since=None, until=None).recovered == Decimal("100.00")
    assert figures_for(sibling, since=None, until=None).cases == 0


def test_publicity_events_count(w: World) -> None:
    event_record(
        access=access_for(w.prosecutor),
        fields=EventFields(
            kind="lecture",
            title="支持起诉专题讲座",
            held_on=date(2022, 6, 1),
            place="司法局会议室",
            organiser=w.procuratorate,
            audience=60,
        ),
    )
    f = figures_for(w.procuratorate, since=date(2022, 1, 1), until=None)
    assert f.publicity_events == 1
    assert figures_for(w.procuratorate, since=date(2023, 1, 1), until=None).publicity_events == 0


def test_the_page_its_export_and_report(client, w: World) -> None:  # type: ignore[no-untyped-def]
    supported(
        w,
        received_on=date(2021, 3, 1),
        awarded="869000.00",
        recovered=((date(2021, 6, 1), "869000.00"),),
    )
    client.force_login(w.prosecutor)
    query = {"org": w.procuratorate.pk, "since": "2021-01-01"}
    page = client.get(reverse("supportprosecution:figures"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="recovered">869,000.00' in html
    assert 'id="figure-charts"' in html

    xlsx = client.get(reverse("supportprosecution:figures-xlsx"), query)
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.open")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert Decimal(str(values["追回金额（元）"])) == Decimal("869000.00")
    assert values["支持起诉案件"] == 1

    report = client.get(reverse("supportprosecution:figures-print"), query)
    assert report.status_code == 200 and "@media print" in report.content.decode()


def test_a_bad_period_is_a_message_not_an_error(client, w: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.prosecutor)
    for query in ({"since": "2024-01-01", "until": "2023-01-01"}, {"since": "yesterday"}):
        response = client.get(reverse("supportprosecution:figures"), query)
        assert response.status_code == 400
        assert 'class="invalid-feedback' in response.content.decode()


def test_only_procuratorate_staff_read_them(client, w: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.bureau_officer)
    for name in ("figures", "figures-xlsx", "figures-print"):
        assert client.get(reverse(f"supportprosecution:{name}")).status_code == 403
    other = member(OrganisationFactory(), Role.PROSECUTOR)
    client.force_login(other)
    page = client.get(reverse("supportprosecution:figures"), {"org": w.procuratorate.pk})
    assert page.status_code == 400  # not one of theirs: the form refuses it


def test_a_constant_number_of_queries(  # type: ignore[no-untyped-def]
    client, w: World, django_assert_max_num_queries
) -> None:
    client.force_login(w.prosecutor)
    url = reverse("supportprosecution:figures")
    query = {"since": "2021-01-01"}
    supported(w, received_on=date(2021, 3, 1), recovered=((date(2021, 6, 1), "1.00"),))
    with django_assert_max_num_queries(13) as few:
        client.get(url, query)
    for n in range(3):
        supported(
            w,
            received_on=date(2022, 3, n + 1),
            code="elderly_alimony",
            people=ELDERLY,
            recovered=((date(2022, 6, 1), "2.00"),),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, query)


def test_legal_aid_referrals_count_both_ways(client) -> None:  # type: ignore[no-untyped-def]
    """Seed 002's referrals and their answers in time, on the page and in the export."""
    from liaison.legalaid.tests import factories as aid

    a = aid.world()
    aid.accepted(a)  # the procuratorate referred, the centre answered at once
    aid.from_centre(a)  # the centre referred, not yet answered
    rows = {
        r.matter_type: r for r in figures_for(a.procuratorate, since=None, until=None).referrals
    }
    to_centre, to_procuratorate = rows["legalaid.to_centre"], rows["legalaid.to_procuratorate"]
    assert (to_centre.sent, to_centre.sent_in_time, to_centre.accepted) == (1, 1, 1)
    assert (to_procuratorate.received, to_procuratorate.received_in_time) == (1, 0)
    client.force_login(a.prosecutor)
    query = {"org": a.procuratorate.pk}
    page = client.get(reverse("supportprosecution:figures"), query).content.decode()
    assert 'data-testid="referral-figures"' in page
    xlsx = client.get(reverse("supportprosecution:figures-xlsx"), query)
    cells = [
        c
        for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True)
        for c in row
    ]
    assert "Legal-aid referrals" in cells or "法律援助转介" in cells
