"""The public pages, through the real request cycle, without logging in."""

import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.publicinterest.models import Clue
from liaison.workflow.actions import transition

from .factories import KANGBASHI, ORDOS, clue_officer, photo, procuratorate, reported_clue

pytestmark = pytest.mark.django_db

REPORT = reverse("publicinterest:report")
ADDRESS = "内蒙古鄂尔多斯市康巴什区青春山湿地公园"


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "field": "ecology",
        "description": "河道旁有企业长期偷排污水，河水发黑发臭，附近居民反映强烈。",
        "address": ADDRESS,
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_intro_lists_the_fields_from_the_table(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("publicinterest:intro"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    html = page.content.decode()
    assert page.status_code == 200
    for name in ("生态环境和资源保护", "国有土地使用权出让", "无障碍环境建设", "反电信网络诈骗"):
        assert name in html
    assert reverse("publicinterest:report") in html


def test_the_report_form_offers_active_fields_and_a_fresh_key(client) -> None:  # type: ignore[no-untyped-def]
    from liaison.publicinterest.models import Field

    Field.objects.filter(code="anti_monopoly").update(active=False)
    html = client.get(REPORT).content.decode()
    assert 'value="ecology"' in html and 'value="anti_monopoly"' not in html
    assert 'name="submission_key"' in html
    assert 'value="150000"' in html  # the province list, for choosing the place


def test_report_anonymously_then_see_the_receipt(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate(name="鄂尔多斯市康巴什区人民检察院")
    response = client.post(REPORT, _form(photos=[photo(gps=True), photo("b.jpg")]))
    assert response.status_code == 302 and response["Location"] == reverse("publicinterest:receipt")
    clue = Clue.objects.get()
    assert clue.anonymous and clue.division_id == KANGBASHI
    assert Attachment.objects.filter(matter=clue).count() == 2
    receipt = client.get(response["Location"]).content.decode()
    assert clue.query_code_display in receipt
    assert "鄂尔多斯市康巴什区人民检察院" in receipt
    assert clue.query_code not in client.get(REPORT).content.decode()


def test_the_receipt_is_only_this_browsers(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    reported_clue()
    response = client.get(reverse("publicinterest:receipt"))
    assert response.status_code == 302 and response["Location"] == REPORT


def test_a_retried_or_double_tapped_submission_is_stored_once(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    data = _form()
    first = client.post(REPORT, data)
    second = client.post(REPORT, {**data, "description": ""})  # even a garbled retry
    assert first.status_code == second.status_code == 302
    assert Clue.objects.count() == 1
    other_phone = client_class_post(data)
    assert other_phone == Clue.objects.get().query_code_display


def client_class_post(data: dict[str, object]) -> str:
    """The same submission arriving from a fresh session (a retry after the cookie was lost)."""
    from django.test import Client

    phone = Client()
    phone.post(REPORT, data)
    return str(phone.get(reverse("publicinterest:receipt")).context["clue"].query_code_display)


def test_a_named_report_keeps_the_name_and_normalised_mobile(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    response = client.post(
        REPORT,
        _form(anonymous=None, reporter_name=" 王 小明 ", reporter_mobile="+86 139-1234-5678"),
    )
    assert response.status_code == 302
    clue = Clue.objects.get()
    assert (clue.reporter_name, clue.reporter_mobile) == ("王 小明", "13912345678")


def test_an_anonymous_report_drops_a_typed_identity(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    client.post(REPORT, _form(reporter_name="王小明", reporter_mobile="13912345678"))
    clue = Clue.objects.get()
    assert clue.reporter_name == "" and clue.reporter_mobile == ""


def _refused(client, data, field: str, message: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post(REPORT, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html, html[html.find("invalid-feedback") - 200 :][:1500]
    assert f'data-testid="error-{field}"' in html
    assert not Clue.objects.exists() and not Attachment.objects.exists()
    return html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "   "}, "description", "请描述"),
        ({"description": "太脏了"}, "description", "至少 10 个字"),
        ({"field": ""}, "field", "请选择"),
        ({"seen_on": "2999-01-01"}, "seen_on", "日期在未来"),
        ({"address": ""}, "address", "请说明地点"),
        ({"address": "火星基地第三号坑"}, "address", "无法判断"),
        ({"anonymous": None}, "reporter_name", "请填写您的姓名"),
        (
            {"anonymous": None, "reporter_name": "王小明", "reporter_mobile": "1234"},
            "reporter_mobile",
            "手机号码",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_what_was_typed_is_kept(
    client,  # type: ignore[no-untyped-def]
    overrides,
    field,
    message,
) -> None:
    procuratorate()
    data = _form(**overrides)
    html = _refused(client, data, field, message)
    if data.get("description", "").strip():
        assert str(data["description"]) in html
    assert str(data["submission_key"]) in html  # the retry key survives the round trip


def test_a_fake_image_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    fake = SimpleUploadedFile("现场.jpg", b"MZ\x90\x00 this is a program", "image/jpeg")
    html = _refused(client, _form(photos=[fake]), "photos", "现场.jpg")
    assert "偷排污水" in html


def test_an_oversized_image_is_refused(client, settings) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    settings.LIAISON_MAX_UPLOAD_BYTES = 200
    _refused(client, _form(photos=[photo(size=(64, 64))]), "photos", "现场.jpg")


def test_a_pdf_is_not_a_photo(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    _refused(client, _form(photos=[pdf]), "photos", "a.pdf")


def test_more_than_nine_photos_are_refused(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    photos = [photo(f"{i}.jpg") for i in range(10)]
    _refused(client, _form(photos=photos), "photos", "最多 9 个文件")


def test_a_place_outside_every_jurisdiction_is_refused_and_the_address_kept(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    address = "山西省大同市平城区御河西路"
    html = _refused(client, _form(address=address), "address", "大同市")
    assert address in html and "12309" in html


def test_the_place_can_be_chosen_from_the_lists(client) -> None:  # type: ignore[no-untyped-def]
    ordos = procuratorate(ORDOS, level="municipal")
    response = client.post(
        REPORT, _form(address="", province="150000", prefecture="150600", county="")
    )
    assert response.status_code == 302
    assert Clue.objects.get().owner == ordos


def test_the_lists_win_over_the_address(client) -> None:  # type: ignore[no-untyped-def]
    kangbashi = procuratorate()
    procuratorate(ORDOS, level="municipal")
    client.post(
        REPORT,
        _form(address="东胜区某小区", province="150000", prefecture="150600", county="150603"),
    )
    assert Clue.objects.get().owner == kangbashi


def test_without_javascript_choosing_a_province_reloads_its_cities(client) -> None:  # type: ignore[no-untyped-def]
    html = client.post(REPORT, _form(address="", province="150000")).content.decode()
    assert 'value="150600"' in html and "鄂尔多斯市" in html


def test_the_places_endpoint_gives_the_next_list(client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("publicinterest:places")
    cities = client.get(url, {"province": "150000"}).content.decode()
    assert 'value="150600"' in cities and 'hx-swap-oob="innerHTML"' in cities
    counties = client.get(url, {"prefecture": "150600"}).content.decode()
    assert 'value="150603"' in counties and "hx-swap-oob" not in counties
    assert 'value="' not in client.get(url, {"province": "x' OR 1=1"}).content.decode().replace(
        'value=""', ""
    )


def test_progress_by_code_shows_state_and_reason_and_nothing_else(client) -> None:  # type: ignore[no-untyped-def]
    org = procuratorate(name="鄂尔多斯市康巴什区人民检察院")
    clue = reported_clue(anonymous=False)
    url = reverse("publicinterest:progress")
    html = client.get(url, {"code": clue.query_code_display.lower()}).content.decode()
    assert 'data-testid="progress-state"' in html and "已提交" in html
    transition(
        matter=clue, name="reject", access=access_for(clue_officer(org)), data={"note": "不属实"}
    )
    html = client.get(url, {"code": clue.query_code}).content.decode()
    assert "不予受理" in html and "不属实" in html and "鄂尔多斯市康巴什区人民检察院" in html
    for private in (clue.description, clue.reporter_name, clue.reporter_mobile, clue.case_number):
        assert private not in html


@pytest.mark.parametrize(("code", "message"), [("ABC", "10 位"), ("K7M2Q9XPRT", "没有查询到")])
def test_a_wrong_code_gets_a_clear_message(client, code, message) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("publicinterest:progress"), {"code": code}).content.decode()
    assert message in html and 'data-testid="progress"' not in html
    assert f'value="{code}"' in html


def test_the_public_pages_follow_the_browsers_language(client) -> None:  # type: ignore[no-untyped-def]
    english = client.get(reverse("publicinterest:intro"), HTTP_ACCEPT_LANGUAGE="en").content
    html = english.decode()
    assert "Public-interest litigation" in html and "Barrier-free environment" in html
    assert "公益诉讼" not in html
    form = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Report anonymously" in form and "匿名举报" not in form


def _fields_of(html: str) -> str:
    return html.split('name="nearby_seen"')[1].split("</form>")[0]


def test_the_empty_form_is_kept_per_language_and_follows_the_fields(client) -> None:  # type: ignore[no-untyped-def]
    """The report page keeps the empty form's markup (``ReportForm.markup_key``): the same as
    rendered afresh, in the reader's language, and a field switched off leaves it at once."""
    from liaison.publicinterest.models import Field

    first = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    again = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    english = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "生态环境和资源保护" in first and "生态环境和资源保护" in again
    assert "Ecological environment" in english and "生态环境和资源保护" not in english
    # after the key, the token and the hidden "seen" mark, the same markup
    assert _fields_of(first) == _fields_of(again)
    monopoly = Field.objects.get(code="anti_monopoly")
    assert 'value="anti_monopoly"' in first
    monopoly.active = False
    monopoly.save()
    assert 'value="anti_monopoly"' not in client.get(REPORT).content.decode()


def test_a_form_sent_back_with_its_errors_is_never_the_kept_empty_one(client) -> None:  # type: ignore[no-untyped-def]
    client.get(REPORT)  # the empty form kept
    response = client.post(REPORT, _form(description="", address="别处"))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-description"' in html and 'value="别处"' in html
