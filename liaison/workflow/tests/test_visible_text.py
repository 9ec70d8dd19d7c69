"""A notice and a comment that say nothing are refused with a message, nothing stored."""

import pytest
from django.urls import reverse

from liaison.workflow.models import Clock, Matter, TimelineEvent

from . import test_views

pytestmark = pytest.mark.django_db

setup = test_views.setup  # a procuratorate's notice sent to a court

ZERO_WIDTH = "\u200b" * 30
MESSAGE = "这里只有空格或看不见的字符，请写出文字。"


def test_a_notice_whose_body_is_invisible_is_refused(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, _judge = setup
    client.force_login(prosecutor)
    recipient = notice.parties.get(relation="partner_org").organisation
    response = client.post(
        reverse("notices:new"),
        {
            "sender": notice.owner_id,
            "recipient": recipient.pk,
            "title": "新通报",
            "body": ZERO_WIDTH,
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert not Matter.objects.filter(title="新通报").exists()


def test_a_notice_whose_title_is_invisible_is_refused(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, _judge = setup
    client.force_login(prosecutor)
    recipient = notice.parties.get(relation="partner_org").organisation
    response = client.post(
        reverse("notices:new"),
        {
            "sender": notice.owner_id,
            "recipient": recipient.pk,
            "title": "\u2060\ufeff",
            "body": "内容",
        },
    )
    assert response.status_code == 400
    assert Matter.objects.count() == 1


def test_a_comment_of_zero_width_spaces_is_refused(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    before = TimelineEvent.objects.count()
    response = client.post(
        reverse("workspace:comment", args=[notice.pk]),
        {"text": ZERO_WIDTH},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert TimelineEvent.objects.count() == before


def test_a_comment_is_stored_without_a_bidi_override(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, _prosecutor, judge = setup
    client.force_login(judge)
    client.post(reverse("workspace:comment", args=[notice.pk]), {"text": "已电话\u202e联系"})
    assert TimelineEvent.objects.filter(note="已电话联系").exists()


def test_a_clocks_resume_reason_read_without_a_form_is_normalised(client, setup) -> None:  # type: ignore[no-untyped-def]
    notice, prosecutor, _judge = setup
    clock = Clock.objects.get(matter=notice)
    client.force_login(prosecutor)
    client.post(reverse("workspace:clock", args=[clock.pk, "pause"]), {"reason": "等待材料"})
    client.post(
        reverse("workspace:clock", args=[clock.pk, "resume"]), {"reason": "材料\u202e已到\u200b"}
    )
    assert Clock.objects.get(pk=clock.pk).state == Clock.State.RUNNING
    assert TimelineEvent.objects.filter(note="材料已到").exists()
