"""Information exchange between a court and a procuratorate that cooperate (seed 001's
"channels for information exchange and feedback", seed 003's information sharing) runs on the
information notice: each sends the other one from the notice form, and the other side's staff
acknowledge and answer it; a court they do not cooperate with is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.access import access_for
from liaison.courts.tests.factories import world
from liaison.notices.models import InformationNotice
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.tests.factories import court as court_factory

from ..actions import notice_send

pytestmark = pytest.mark.django_db


def _send(client: Any, person: Any, sender: Any, recipient: Any, title: str) -> Any:
    client.force_login(person)
    return client.post(
        reverse("notices:new"),
        {
            "sender": sender.pk,
            "recipient": recipient.pk,
            "title": title,
            "body": "请提供本季度终结本次执行程序案件清单。",
        },
    )


def test_the_court_sends_the_procuratorate_a_notice_and_the_prosecutor_answers(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    response = _send(client, w.enforcement, w.court, w.procuratorate, "执行案件信息共享通报")
    notice = InformationNotice.objects.get()
    assert response.status_code == 302 and (notice.owner, notice.state) == (w.court, "sent")
    transition(matter=notice, name="acknowledge", access=access_for(w.prosecutor))
    notice = InformationNotice.objects.get(pk=notice.pk)
    transition(
        matter=notice,
        name="answer",
        access=access_for(w.prosecutor),
        data={"answer": "已收悉，将对其中三件开展监督。"},
    )
    assert InformationNotice.objects.get(pk=notice.pk).state == "answered"


def test_the_procuratorate_sends_the_court_a_notice_and_the_court_answers(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    response = _send(client, w.prosecutor, w.procuratorate, w.court, "执行监督信息通报")
    notice = InformationNotice.objects.get()
    assert response.status_code == 302 and notice.owner == w.procuratorate
    for person in (w.judge, w.enforcement):
        client.force_login(person)
        assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 200
    transition(
        matter=notice,
        name="answer",
        access=access_for(w.enforcement),
        data={"answer": "已整理终本案件清单共42件，随附件报送。"},
    )
    answered = InformationNotice.objects.get(pk=notice.pk)
    assert (answered.state, answered.answer) == (
        "answered",
        "已整理终本案件清单共42件，随附件报送。",
    )


def test_a_court_the_procuratorate_does_not_cooperate_with_is_refused() -> None:
    w = world()
    stranger = court_factory(name="东胜区人民法院")
    with pytest.raises(TransitionForbidden):
        notice_send(
            access=access_for(w.prosecutor),
            sender=w.procuratorate,
            recipient=stranger,
            title="通报",
            body="内容",
        )
    assert not InformationNotice.objects.exists()
