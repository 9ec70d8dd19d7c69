"""Before sending, a reporter sees the open clues of the field near the place, and may add to one
("I see this too") instead of filing a new one; the reporters keep their privacy from one
another."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import UserFactory
from liaison.notifications.models import Notification
from liaison.places import geo
from liaison.publicinterest.actions import ClueClosed, clue_add_to
from liaison.publicinterest.duplicates import open_clues_near
from liaison.publicinterest.models import Clue, ClueAddition
from liaison.publicinterest.selectors import progress_for_code
from liaison.publicinterest.workflows import CLUE
from liaison.volunteers.tests.factories import volunteer
from liaison.workflow.actions import transition
from liaison.workflow.models import MatterParty, TimelineEvent

from .factories import (
    CIVIL,
    KANGBASHI,
    added_report,
    clue_officer,
    field,
    photo,
    procuratorate,
    reported_clue,
    video,
)

pytestmark = pytest.mark.django_db

REPORT = reverse("publicinterest:report")
NEARBY = reverse("publicinterest:nearby")
HERE = (Decimal("39.608000"), Decimal("109.781000"))  # by the Qingchunshan wetland, Kangbashi


def _at(metres_north: float, system: str = "wgs84") -> dict[str, object]:
    """A point ``metres_north`` of HERE (a WGS-84 position), kept in ``system``."""
    lat = float(HERE[0]) + metres_north / 111_195
    lat, lon = geo.convert(lat, float(HERE[1]), "wgs84", system)
    return {
        "latitude": Decimal(f"{lat:.6f}"),
        "longitude": Decimal(f"{lon:.6f}"),
        "coordinate_system": system,
    }


def _near(**overrides: object) -> list[Clue]:
    values: dict[str, object] = {
        "field": field(),
        "division_code": KANGBASHI,
        "latitude": HERE[0],
        "longitude": HERE[1],
        "coordinate_system": "wgs84",
    }
    values.update(overrides)
    return [n.clue for n in open_clues_near(**values)]  # type: ignore[arg-type]


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "field": "ecology",
        "description": "湿地公园东边的排污口在排黑水，河面上漂着死鱼。",
        "address": "内蒙古鄂尔多斯市康巴什区青春山湿地公园",
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
        "latitude": str(HERE[0]),
        "longitude": str(HERE[1]),
        "coordinate_system": "wgs84",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def kangbashi():  # type: ignore[no-untyped-def]
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


# -- the nearby check ----------------------------------------------------------------------------


def test_open_clues_of_the_field_within_the_radius_are_found_nearest_first(kangbashi) -> None:  # type: ignore[no-untyped-def]
    far = reported_clue(**_at(1500))
    near = reported_clue(**_at(300))
    nearer = reported_clue(**_at(-100))
    found = open_clues_near(
        field=field(), division_code=KANGBASHI, latitude=HERE[0], longitude=HERE[1]
    )
    assert [n.clue for n in found] == [nearer, near]
    assert 90 < found[0].distance_m < 110 and 290 < found[1].distance_m < 310
    assert far not in _near(radius_m=1000) and far in _near(radius_m=2000)


def test_other_fields_decided_clues_and_clues_elsewhere_are_not_offered(kangbashi) -> None:  # type: ignore[no-untyped-def]
    other_field = reported_clue(field=field("food_drug"), **_at(50))
    decided = reported_clue(**_at(60))
    transition(
        matter=decided, name="accept", access=access_for(clue_officer(kangbashi)), data=CIVIL
    )
    pointless = reported_clue(address="青春山路8号")  # same division, no point
    assert _near() == []
    # without a point: the same street of the division
    assert _near(latitude=None, longitude=None, address="青春山路") == [pointless]
    assert _near(latitude=None, longitude=None) == []
    assert other_field in _near(field=field("food_drug"))


def test_a_point_kept_in_gcj02_is_measured_where_it_really_is(kangbashi) -> None:  # type: ignore[no-untyped-def]
    """The same spot in the two systems lies ~500 m apart as numbers: after conversion, 0 m."""
    same_spot = reported_clue(**_at(0, "gcj02"))
    raw = geo.distance_m(
        (float(HERE[0]), float(HERE[1])),
        (float(same_spot.latitude), float(same_spot.longitude)),
    )
    assert raw > 300
    found = open_clues_near(
        field=field(), division_code=KANGBASHI, latitude=HERE[0], longitude=HERE[1], radius_m=50
    )
    assert [n.clue for n in found] == [same_spot] and found[0].distance_m < 1
    # and a reporter whose map gives GCJ-02 finds a clue kept in WGS-84
    gcj = _at(0, "gcj02")
    wgs_clue = reported_clue(**_at(20))
    assert wgs_clue in _near(
        latitude=gcj["latitude"], longitude=gcj["longitude"], coordinate_system="gcj02"
    )


def test_anyone_asking_for_the_nearby_list_reads_field_coarse_place_day_and_state_only(
    client, kangbashi
) -> None:  # type: ignore[no-untyped-def]
    """Asked without logging in: nothing anyone typed about another clue comes back."""
    clue = reported_clue(
        anonymous=False,
        description="御河边那家洗车店老板张三每天夜里往雨水管里倒废机油。",
        address="康巴什区青春山路18号院3单元502室",
        **_at(200),
    )
    page = client.get(
        NEARBY,
        {"field": "ecology", "latitude": HERE[0], "longitude": HERE[1], "county": KANGBASHI},
    )
    html = page.content.decode()
    assert page.status_code == 200 and html.count('data-testid="nearby-clue"') == 1
    assert clue.field.label in html and "内蒙古自治区鄂尔多斯市康巴什区 青春山路" in html
    assert timezone.localdate(clue.created_at).isoformat() in html
    assert str(CLUE.states["submitted"]) in html and f'value="{clue.pk}"' in html
    for typed in ("洗车店", "张三", "废机油", "18号", "502", "单元", clue.address):
        assert typed not in html
    for private in (clue.reporter_name, clue.reporter_mobile, clue.query_code, clue.case_number):
        assert private not in html
    item = html.split('data-testid="nearby-clue"')[1]
    assert "米" not in item and "m away" not in item  # no distance to trilaterate from


def test_without_a_point_the_list_needs_the_street_and_shows_only_clues_on_it(
    client, kangbashi
) -> None:  # type: ignore[no-untyped-def]
    """A division alone answers nothing: walking a list of divisions finds no clue."""
    on_it = reported_clue(address="康巴什区青春山路8号")
    reported_clue(address="康巴什区康宁路3号")
    reported_clue(address="青春山湿地公园东侧")  # names no street
    asked = {"field": "ecology", "county": KANGBASHI}
    assert b"nearby-clue" not in client.get(NEARBY, asked).content
    html = client.get(NEARBY, {**asked, "address": "康巴什区青春山路20号"}).content.decode()
    assert html.count('data-testid="nearby-clue"') == 1 and f'value="{on_it.pk}"' in html
    assert "20号" not in html and "8号" not in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"field": "no-such-field", "latitude": "39.6", "longitude": "109.7"},
        {"field": "ecology", "latitude": "91", "longitude": "109.7"},
        {"field": "ecology", "latitude": "x", "longitude": "y", "county": "abc"},
        {"field": "ecology"},  # neither a place nor a point
        {"field": "ecology", "address": "查无此地"},
    ],
)
def test_the_nearby_list_finds_nothing_from_bad_input(client, kangbashi, params) -> None:  # type: ignore[no-untyped-def]
    reported_clue(**_at(10))
    page = client.get(NEARBY, params)
    assert page.status_code == 200 and b"nearby-clue" not in page.content


def test_the_nearby_list_costs_the_same_queries_for_one_clue_or_five(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    params = {"field": "ecology", "latitude": HERE[0], "longitude": HERE[1], "county": KANGBASHI}
    reported_clue(**_at(10))
    client.get(NEARBY, params)  # the place is read once, then kept (``divisions_by_codes``)
    with CaptureQueriesContext(connection) as one:
        client.get(NEARBY, params)
    for metres in (20, 30, 40, 50):
        reported_clue(**_at(metres))
    with CaptureQueriesContext(connection) as five:
        html = client.get(NEARBY, params).content.decode()
    assert html.count('data-testid="nearby-clue"') == 5
    assert len(five) == len(one)


# -- the report form -----------------------------------------------------------------------------


def test_without_the_script_the_first_send_shows_the_clues_nearby_and_stores_nothing(
    client, kangbashi
) -> None:  # type: ignore[no-untyped-def]
    existing = reported_clue(**_at(100))
    response = client.post(REPORT, _form())
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="nearby"' in html
    assert f'value="{existing.pk}"' in html
    assert existing.description[:10] not in html and existing.address not in html
    assert 'name="nearby_seen" value="on"' in html
    assert Clue.objects.count() == 1 and not ClueAddition.objects.exists()
    # sent again (the list seen): a new clue after all
    response = client.post(REPORT, _form(nearby_seen="on"))
    assert response.status_code == 302 and Clue.objects.count() == 2


def test_nothing_nearby_sends_at_once(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    reported_clue(field=field("food_drug"), **_at(100))
    assert client.post(REPORT, _form()).status_code == 302
    assert Clue.objects.count() == 2


def test_i_see_this_too_adds_the_report_to_the_clue_with_its_own_code(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    reporter = UserFactory(email="first@example.cn")
    clue = reported_clue(anonymous=False, reporter=reporter, **_at(150))
    response = client.post(
        REPORT,
        _form(add_to=str(clue.pk), photos=[photo(gps=True), video()]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    addition = ClueAddition.objects.get()
    assert addition.clue == clue and addition.anonymous and addition.reporter is None
    assert Clue.objects.count() == 1  # no new clue
    files = list(addition.files.order_by("id"))
    assert [f.purpose for f in files] == ["clue_photo", "clue_video"]
    assert all(f.matter_id == clue.pk for f in files)
    receipt = client.get(response["Location"]).content.decode()
    assert addition.query_code_display in receipt and clue.query_code_display not in receipt
    assert 'data-testid="added"' in receipt
    # the clue's timeline records it; its reporter is told, without a word of who
    assert TimelineEvent.objects.filter(matter=clue, action="publicinterest.clue.addition").exists()
    told = Notification.objects.get(recipient=reporter, event="publicinterest.clue.addition")
    assert clue.case_number in told.message and "王" not in told.message
    # the addition's code shows the clue's progress
    progress = progress_for_code(addition.query_code)
    assert progress is not None and progress.added and progress.state == "submitted"
    assert progress.query_code == addition.query_code_display
    assert progress_for_code(clue.query_code).others == 1  # type: ignore[union-attr]


def test_a_named_logged_in_adder_becomes_one_of_the_clues_reporters(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(**_at(150))
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        REPORT,
        _form(
            add_to=str(clue.pk),
            anonymous="",
            reporter_name="李四",
            reporter_mobile="13800001111",
        ),
    )
    assert response.status_code == 302
    addition = ClueAddition.objects.get()
    assert (addition.reporter, addition.reporter_name) == (person, "李四")
    assert MatterParty.objects.filter(matter=clue, relation="reporter", person=person).exists()


def test_adding_to_a_clue_decided_meanwhile_or_not_nearby_is_refused_and_nothing_stored(
    client, kangbashi
) -> None:  # type: ignore[no-untyped-def]
    far = reported_clue(**_at(5000))
    decided = reported_clue(**_at(100))
    transition(
        matter=decided,
        name="reject",
        access=access_for(clue_officer(kangbashi)),
        data={"note": "不属于公益诉讼。"},
    )
    for target in (far, decided):
        response = client.post(REPORT, _form(add_to=str(target.pk), photos=[photo()]))
        assert response.status_code == 400
        assert str(ClueClosed().message) in response.content.decode()
    assert not ClueAddition.objects.exists()
    assert Attachment.objects.filter(purpose="clue_photo").count() == 0
    with pytest.raises(ClueClosed):
        clue_add_to(
            clue=decided,
            submission_key=uuid.uuid4(),
            description="我也看到了这个问题，情况很严重。",
            seen_on=timezone.localdate(),
            anonymous=True,
        )


def test_an_addition_sent_twice_is_stored_once(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(**_at(100))
    data = _form(add_to=str(clue.pk))
    first, second = client.post(REPORT, data), client.post(REPORT, data)
    assert first.status_code == second.status_code == 302
    assert ClueAddition.objects.count() == 1
    again = added_report(clue, submission_key=ClueAddition.objects.get().submission_key)
    assert ClueAddition.objects.count() == 1 and again.pk == ClueAddition.objects.get().pk


def test_an_addition_with_bad_input_is_refused_with_the_messages(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue(**_at(100))
    response = client.post(REPORT, _form(add_to=str(clue.pk), description="太短", anonymous=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-description"' in html and 'data-testid="error-reporter_name"' in html
    assert not ClueAddition.objects.exists()


# -- privacy between reporters -------------------------------------------------------------------


def test_reporters_see_neither_each_other_nor_each_others_files(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    first = UserFactory(name="王小明")
    second = UserFactory(name="李四")
    clue = reported_clue(anonymous=False, reporter=first, photos=[photo("first.jpg")])
    addition = added_report(clue, reporter=second, files=[photo("second.jpg")])
    matter = reverse("workspace:matter", args=[clue.pk])
    first_photo = Attachment.objects.get(original_name="first.jpg")
    second_photo = Attachment.objects.get(original_name="second.jpg")

    client.force_login(second)
    html = client.get(matter).content.decode()
    assert "first.jpg" not in html and "second.jpg" in html
    assert "王" not in html.split('data-testid="parties"')[1].split("</ul>")[0]
    assert clue.reporter_mobile not in html and "139****" not in html
    assert addition.description in html  # their own addition
    download = reverse("attachments:download", args=[first_photo.pk])
    assert client.get(download).status_code == 404
    assert client.get(reverse("attachments:download", args=[second_photo.pk])).status_code == 200

    client.force_login(first)
    html = client.get(matter).content.decode()
    assert "second.jpg" not in html and addition.description not in html and "李" not in html
    assert client.get(reverse("attachments:download", args=[second_photo.pk])).status_code == 404

    # the clue officer sees both reports, the names masked until the audited look
    officer = clue_officer(kangbashi)
    client.force_login(officer)
    html = client.get(matter).content.decode()
    assert "first.jpg" in html and "second.jpg" in html and addition.description in html
    assert "李*" in html and "李四" not in html
    look = client.get(reverse("publicinterest:addition-reporter", args=[clue.pk, addition.pk]))
    assert look.status_code == 200 and "李四" in look.content.decode()


def test_one_who_added_to_a_clue_reads_their_own_words_never_the_clues(client, kangbashi) -> None:  # type: ignore[no-untyped-def]
    """Adding "I see this too" makes the adder one of the clue's reporters (told how it ends),
    not a reader of what the first reporter wrote: not on the clue's page, in its title, nor
    in their list of clues."""
    # the second is a citizen with an account: citizens' accounts come from registering as a
    # volunteer, whose page lists their clues
    first, second = volunteer(name="王小明"), volunteer(name="李四")
    clue = reported_clue(
        anonymous=False,
        reporter=first,
        description="洗车店老板张三每天夜里往雨水管里倒废机油，气味刺鼻。",
        address="康巴什区青春山路18号院",
    )
    addition = added_report(clue, reporter=second)
    assert "张三" not in clue.title and "18号" not in clue.title and "青春山路" in clue.title
    matter = reverse("workspace:matter", args=[clue.pk])

    client.force_login(second)
    html = client.get(matter).content.decode()
    assert 'data-testid="clue-words-withheld"' in html and addition.description in html
    assert "青春山路" in html
    for words in ("张三", "废机油", "18号院", clue.address):
        assert words not in html
    mine = client.get(reverse("volunteers:me")).content.decode()
    assert 'data-testid="clue-added-to"' in mine
    assert "张三" not in mine and clue.query_code_display not in mine

    client.force_login(first)  # the one who wrote it reads it
    html = client.get(matter).content.decode()
    assert "张三" in html and clue.address in html
    assert clue.query_code_display in client.get(reverse("volunteers:me")).content.decode()
