"""The pages: recording from the form (bad input kept, status 400, nothing stored), the list
with its filters and its query-count guard, and the panel on the agreement's page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.publicity.models import PublicityEvent

from .factories import World, photo, recorded, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    return world()


def _post(w: World, **overrides: object) -> dict[str, object]:
    return {
        "organiser": w.district.pk,
        "kind": "lecture",
        "title": "支持起诉专题讲座",
        "held_on": "2022-06-01",
        "place": "湾沚区司法局会议室",
        "partners": [w.bureau.pk],
        "participants": [w.prosecutor.pk],
        "participants_text": "各乡镇司法所、律师事务所代表",
        "audience": "60",
        "agreement": w.agreement.pk,
    } | overrides


def test_recording_from_the_form(client, w: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.prosecutor)
    assert client.get(reverse("publicity:new")).status_code == 200
    response = client.post(reverse("publicity:new"), _post(w, material=[photo()]))
    event = PublicityEvent.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{event.pk}/")
    assert event.material.count() == 1 and event.audience == 60
    page = client.get(reverse("publicity:detail", args=[event.pk])).content.decode()
    assert "支持起诉专题讲座" in page and "湾沚区司法局" in page


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"audience": "-5"}, "不能为负数"),
        ({"audience": "many"}, "不能为负数"),
        ({"title": ""}, ""),
        ({"held_on": "2022-13-01"}, ""),
    ],
)
def test_bad_input_keeps_what_was_typed(client, w: World, bad, message) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.prosecutor)
    response = client.post(reverse("publicity:new"), _post(w, **bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "湾沚区司法局会议室" in page  # what was typed stays
    assert message in page
    assert not PublicityEvent.objects.exists()


def test_a_partner_it_does_not_work_with_is_refused(client, w: World) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.prosecutor)
    response = client.post(reverse("publicity:new"), _post(w, partners=[w.outsider.pk]))
    assert response.status_code == 400
    assert not PublicityEvent.objects.exists()


def test_correcting_from_the_form(client, w: World) -> None:  # type: ignore[no-untyped-def]
    event = recorded(w)
    client.force_login(w.bureau_officer)
    assert client.get(reverse("publicity:edit", args=[event.pk])).status_code == 200
    data = _post(w, audience="200")
    data.pop("organiser")
    data["participants"] = [w.bureau_officer.pk]
    response = client.post(reverse("publicity:edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.audience == 200 and event.kind == "lecture"


def test_the_list_filters(client, w: World) -> None:  # type: ignore[no-untyped-def]
    recorded(w, title="二〇二一年宣传", held_on=date(2021, 5, 1), kind="campaign", agreement=None)
    recorded(w, title="二〇二三年讲座", held_on=date(2023, 5, 1), kind="lecture")
    client.force_login(w.city_prosecutor)
    url = reverse("publicity:list")
    page = client.get(url).content.decode()
    assert "二〇二一年宣传" in page and "二〇二三年讲座" in page
    page = client.get(url, {"kind": "lecture"}).content.decode()
    assert "二〇二一年宣传" not in page and "二〇二三年讲座" in page
    page = client.get(url, {"since": "2022-01-01"}).content.decode()
    assert "二〇二一年宣传" not in page and "二〇二三年讲座" in page
    page = client.get(url, {"agreement": w.agreement.pk}).content.decode()
    assert "二〇二一年宣传" not in page and "二〇二三年讲座" in page
    page = client.get(url, {"organisation": w.city.pk}).content.decode()
    assert "二〇二一年宣传" in page
    response = client.get(url, {"since": "2023-01-01", "until": "2022-01-01"})
    assert response.status_code == 400


def test_the_list_needs_a_constant_number_of_queries(  # type: ignore[no-untyped-def]
    client, w: World, django_assert_max_num_queries
) -> None:
    client.force_login(w.prosecutor)
    recorded(w)
    client.get(reverse("publicity:list"))
    for n in range(12):
        recorded(w, title=f"宣传{n}")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("publicity:list"), {"kind": "campaign"})
    assert response.status_code == 200 and "宣传11" in response.content.decode()


def test_the_agreements_page_lists_its_events(client, w: World) -> None:  # type: ignore[no-untyped-def]
    recorded(w, title="“护薪行动”普法宣传")
    recorded(w, title="不在协议下的讲座", agreement=None)
    client.force_login(w.bureau_officer)
    page = client.get(reverse("workspace:matter", args=[w.agreement.pk])).content.decode()
    assert 'data-testid="agreement-publicity"' in page
    assert "“护薪行动”普法宣传" in page and "不在协议下的讲座" not in page


def test_the_panel_is_only_on_agreements(client, w: World) -> None:  # type: ignore[no-untyped-def]
    from liaison.workflow.tests.factories import sent_notice

    notice = sent_notice(sender=w.district, recipient=w.bureau, author=w.prosecutor)
    client.force_login(w.prosecutor)
    page = client.get(reverse("workspace:matter", args=[notice.pk])).content.decode()
    assert 'data-testid="agreement-publicity"' not in page


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "尚未举行的活动不能登记"), ("en", "An event is recorded once it has taken place")],
)
def test_a_future_date_is_refused_with_a_message(client, w: World, language, message) -> None:  # type: ignore[no-untyped-def]
    client.force_login(w.prosecutor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = client.get(reverse("publicity:new"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in page  # the date picker stops at today
    response = client.post(
        reverse("publicity:new"), _post(w, held_on=tomorrow), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and f'value="{tomorrow}"' in page and "湾沚区司法局会议室" in page
    assert not PublicityEvent.objects.exists()
    event = recorded(w)
    data = _post(w, held_on=tomorrow)
    data.pop("organiser")
    response = client.post(reverse("publicity:edit", args=[event.pk]), data)
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.held_on == date(2022, 1, 10)
