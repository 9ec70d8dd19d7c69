"""A point must agree with the place named: one outside China's region is refused, one far from
the division is asked about (everything typed kept) and, once confirmed, flagged on the triage
queue; routing follows the division named, never the point."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.places.models import Division
from liaison.places.selectors import point_verdict
from liaison.publicinterest.clue_actions import PointDisagrees, clue_submit
from liaison.publicinterest.models import Clue

from .factories import DATONG, clue_officer, field, procuratorate

pytestmark = pytest.mark.django_db

REPORT = reverse("publicinterest:report")
PINGCHENG = "140213"  # 大同市平城区: the package gives it no seat yet; 大同市's is measured
PACIFIC = ("20.000000", "125.000000")
BEIJING = ("39.904200", "116.407400")  # ~280 km from 大同's seat
DATONG_STATION = ("40.110000", "113.300000")  # in the city


@pytest.fixture
def datong():  # type: ignore[no-untyped-def]
    return procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")


def _form(point: tuple[str, str] | None, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "field": "ecology",
        "description": "御河东岸有人夜里往河里倾倒建筑垃圾，河道越来越窄。",
        "address": "山西省大同市平城区御河东路",
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
    }
    if point:
        data.update(latitude=point[0], longitude=point[1], coordinate_system="wgs84")
    data.update(overrides)
    return data


def test_the_verdict_measures_a_division_without_a_seat_against_its_city() -> None:
    pingcheng = Division.objects.get(code=PINGCHENG)
    assert pingcheng.latitude is None
    assert point_verdict(pingcheng, *DATONG_STATION, "wgs84").agrees
    far = point_verdict(pingcheng, *BEIJING, "wgs84")
    assert far.far and 250 < far.distance_km < 320 and far.place == "平城区"  # type: ignore[operator]
    assert point_verdict(pingcheng, *PACIFIC, "wgs84").outside


def test_a_point_in_the_pacific_is_refused_and_everything_typed_is_kept(client, datong) -> None:  # type: ignore[no-untyped-def]
    response = client.post(REPORT, _form(PACIFIC, point_confirmed="on"))
    html = response.content.decode()
    assert response.status_code == 400 and not Clue.objects.exists()
    assert 'data-testid="error-latitude"' in html
    assert "不在中国境内" in html  # "not in China", in the reader's language
    assert "倾倒建筑垃圾" in html and 'value="20.000000"' in html and "御河东路" in html


def test_a_point_far_from_the_place_asks_the_reporter_and_keeps_what_was_typed(
    client, datong
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(REPORT, _form(BEIJING))
    html = response.content.decode()
    assert response.status_code == 400 and not Clue.objects.exists()
    question = html.split('data-testid="point-question"')[1].split("</div>")[0]
    assert "平城区" in question and "公里" in question
    assert 'name="point_confirmed"' in html
    assert "倾倒建筑垃圾" in html and 'value="39.904200"' in html


def test_a_confirmed_far_point_is_stored_routed_by_the_place_and_flagged(client, datong) -> None:  # type: ignore[no-untyped-def]
    response = client.post(REPORT, _form(BEIJING, point_confirmed="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    clue = Clue.objects.get()
    assert clue.owner == datong and clue.division_id == PINGCHENG  # the place named, not Beijing
    assert clue.point_far_km is not None and 250 < clue.point_far_km < 320
    client.force_login(clue_officer(datong))
    queue = client.get(reverse("publicinterest:triage")).content.decode()
    assert 'data-testid="point-far"' in queue and str(clue.point_far_km) in queue
    page = client.get(reverse("workspace:matter", args=[clue.pk])).content.decode()
    assert 'data-testid="point-far"' in page


def test_a_point_that_agrees_is_taken_without_a_question(client, datong) -> None:  # type: ignore[no-untyped-def]
    assert client.post(REPORT, _form(DATONG_STATION)).status_code == 302
    assert Clue.objects.get().point_far_km is None
    no_point = _form(None, nearby_seen="on")  # (the first clue is on the same street)
    assert client.post(REPORT, no_point).status_code == 302  # no point: nothing to ask


def test_the_action_itself_refuses_what_the_form_would_ask_or_refuse(datong) -> None:  # type: ignore[no-untyped-def]
    values = {
        "field": field(),
        "description": "御河东岸有人夜里往河里倾倒建筑垃圾。",
        "division": Division.objects.get(code=PINGCHENG),
        "seen_on": timezone.localdate(),
        "anonymous": True,
        "coordinate_system": "wgs84",
    }
    for point in (PACIFIC, BEIJING):
        with pytest.raises(PointDisagrees):
            clue_submit(
                submission_key=uuid.uuid4(),
                latitude=Decimal(point[0]),
                longitude=Decimal(point[1]),
                **values,
            )
    assert not Clue.objects.exists()
