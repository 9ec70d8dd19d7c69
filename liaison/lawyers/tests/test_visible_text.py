"""A lawyer's opinion that says nothing is refused, and one too long is answered in plain
words in both languages; nothing is recorded (``core/forms.py: VisibleCharField``)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.lawyers import actions
from liaison.lawyers.models import PleaSigning
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition

from .factories import bureau, case, lawyer, procuratorate, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def signing():  # type: ignore[no-untyped-def]
    org = procuratorate()
    prosecutor = staff(org, Role.PROSECUTOR)
    the_case = case(org, by=prosecutor)
    duty = lawyer(at=org)
    officer = staff(bureau(org), Role.BUREAU_OFFICER)
    today = timezone.localdate()
    actions.duty_assign(access=access_for(officer), procuratorate=org, day=today, lawyer=duty)
    signed_at = timezone.localtime().replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")
    data = {
        "signed_at": signed_at,
        "lawyer": duty.pk,
        "prosecutor": prosecutor.pk,
        "recommendation": "判处有期徒刑一年，缓刑一年",
    }
    transition(matter=the_case, name="record_plea", access=access_for(prosecutor), data=data)
    return PleaSigning.objects.get()


def _give(client, signing, opinion: str, language: str = "zh-hans"):  # type: ignore[no-untyped-def]
    client.force_login(signing.lawyer.user)
    return client.post(
        reverse("lawyers:opinion", args=[signing.pk]),
        {"position": "partly", "opinion": opinion},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_opinion_of_zero_width_spaces_is_refused(client, signing) -> None:  # type: ignore[no-untyped-def]
    response = _give(client, signing, "\u200b" * 30)
    assert response.status_code == 400
    assert "这里只有空格或看不见的字符，请写出文字。" in response.content.decode()
    signing.refresh_from_db()
    assert signing.opinion_at is None


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Please keep this to at most 10,000 characters; you wrote 10,312."),
        ("zh-hans", "请控制在 10,000 字以内；您写了 10,312 字。"),
    ],
)
def test_an_opinion_too_long_is_refused_in_plain_words(  # type: ignore[no-untyped-def]
    client, signing, language, message
) -> None:
    typed = "建" * 10312
    response = _give(client, signing, typed, language)
    page = response.content.decode()
    assert response.status_code == 400 and message in page and typed in page
    signing.refresh_from_db()
    assert signing.opinion_at is None
