"""A clue that says nothing is refused, and one too long is answered in plain words, with what
was typed kept and nothing stored (``core/forms.py: VisibleCharField``)."""

import pytest

from liaison.publicinterest.models import Clue

from .factories import procuratorate
from .test_public_views import REPORT, _form

pytestmark = pytest.mark.django_db

ZERO_WIDTH = "\u200b" * 30


def test_a_description_of_zero_width_spaces_is_refused_and_nothing_stored(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    response = client.post(REPORT, _form(description=ZERO_WIDTH), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "这里只有空格或看不见的字符，请写出文字。" in response.content.decode()
    assert not Clue.objects.exists()


def test_invisible_characters_do_not_count_towards_the_least_length(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    response = client.post(REPORT, _form(description="太脏了" + ZERO_WIDTH))
    assert response.status_code == 400 and not Clue.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Please keep this to at most 5,000 characters; you wrote 5,312."),
        ("zh-hans", "请控制在 5,000 字以内；您写了 5,312 字。"),
    ],
)
def test_a_description_too_long_is_refused_in_plain_words_and_kept(  # type: ignore[no-untyped-def]
    client, language, message
) -> None:
    procuratorate()
    typed = ("河道旁有企业偷排污水。" * 483)[:5312]
    assert len(typed) == 5312
    response = client.post(REPORT, _form(description=typed), HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert typed in page  # the whole text, not cut at 5,000
    assert 'maxlength="5000"' not in page and 'data-text-limit="5000"' in page
    assert "Ensure this value" not in page and "该变量" not in page
    assert not Clue.objects.exists()


def test_a_description_is_stored_without_its_invisible_characters(client) -> None:  # type: ignore[no-untyped-def]
    procuratorate()
    typed = "\ufeff河道旁有企业\u200b长期偷排污水，\u202e河水发黑发臭。\u2066 "
    response = client.post(REPORT, _form(description=typed))
    assert response.status_code == 302
    assert Clue.objects.get().description == "河道旁有企业长期偷排污水，河水发黑发臭。"
