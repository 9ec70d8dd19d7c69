"""Registering through a public form and the code texted to the mobile number, for the tests of
each registration page (volunteers, lawyers): ``finish`` posts the form and then the code."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from liaison.notifications import sms

Post = Callable[..., Any]


@pytest.fixture
def texts(django_capture_on_commit_callbacks: Any) -> Iterator[Post]:
    """Post to a page as the browser would, running what waits for the commit (the text with
    the code is sent then); the text messages sent are in ``sms.outbox``."""
    sms.outbox.clear()

    def post(client: Client, url: str, data: dict[str, Any], **headers: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **headers)

    yield post
    sms.outbox.clear()


def code_texted_to(mobile: str) -> str | None:
    """The registration code last texted to ``mobile``, if any."""
    for message in reversed(sms.outbox):
        found = re.search(r"\b(\d{6})\b", message.text)
        if message.mobile == mobile and found:
            return found.group(1)
    return None


def finish(post: Post, client: Client, url: str, data: dict[str, Any], mobile: str) -> Any:
    """Post the registration form, then the code texted to ``mobile``; the last answer."""
    started = post(client, url, data)
    assert started.status_code == 302, started.content.decode()
    code = code_texted_to(mobile)
    assert code is not None, sms.outbox
    return post(client, started["Location"], {"code": code})


def confirm_in_browser(page: Any, mobile: str) -> None:
    """On the confirmation page a registration leads to, type the code texted to ``mobile``
    (the live server's text messages are in this process's ``sms.outbox``)."""
    page.get_by_test_id("confirm-mobile").wait_for()
    code = code_texted_to(mobile)
    assert code is not None, sms.outbox
    page.get_by_label("短信验证码").fill(code)
    page.get_by_role("button", name="完成注册").click()
