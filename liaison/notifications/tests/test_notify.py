"""``notify``: inbox rows and outbox rows in the caller's transaction, sending after commit."""

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from liaison.notifications import sms
from liaison.notifications.actions import notify
from liaison.notifications.models import Delivery, Notification

from .helpers import make_user

pytestmark = pytest.mark.django_db

TEXT = "%(actor)s sent you the notice %(title)s."


def _notify(**overrides: Any) -> list[Notification]:
    kwargs: dict[str, Any] = {
        "recipients": [],
        "event": "notices.notice.send",
        "text": TEXT,
        "params": {"actor": "张检察官", "title": "关于执行案件信息共享的通报"},
    }
    kwargs.update(overrides)
    return notify(**kwargs)


def test_one_inbox_entry_per_distinct_recipient_never_the_actor() -> None:
    actor, judge, clerk = make_user(), make_user(), make_user()
    notifications = _notify(recipients=[judge, clerk, judge, actor], actor=actor)
    assert sorted(n.recipient_id for n in notifications) == sorted([judge.pk, clerk.pk])
    assert Notification.objects.count() == 2
    assert not Notification.objects.filter(recipient=actor).exists()
    entry = Notification.objects.get(recipient=judge)
    assert entry.actor == actor
    assert entry.event == "notices.notice.send"
    assert entry.read_at is None
    assert entry.message == "张检察官 sent you the notice 关于执行案件信息共享的通报."


def test_a_delivery_per_channel_where_the_recipient_has_an_address(
    django_capture_on_commit_callbacks,
) -> None:
    both = make_user(email="both@example.cn", mobile="13900000001")
    email_only = make_user(email="mail@example.cn", mobile="")
    neither = make_user(email="", mobile="")
    with django_capture_on_commit_callbacks():
        _notify(recipients=[both, email_only, neither])
    rows = set(Delivery.objects.values_list("notification__recipient", "channel", "address"))
    assert rows == {
        (both.pk, "email", "both@example.cn"),
        (both.pk, "sms", "13900000001"),
        (email_only.pk, "email", "mail@example.cn"),
    }
    assert Notification.objects.filter(recipient=neither).exists()  # the inbox still has it


def test_channels_can_be_narrowed(django_capture_on_commit_callbacks) -> None:
    person = make_user()
    with django_capture_on_commit_callbacks():
        _notify(recipients=[person], channels=["sms"])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["sms"]


def test_unknown_channel_is_refused() -> None:
    with pytest.raises(ValueError, match="wechat"):
        _notify(recipients=[make_user()], channels=["wechat"])


def test_inactive_people_get_nothing() -> None:
    assert _notify(recipients=[make_user(is_active=False)]) == []
    assert not Notification.objects.exists()


def test_params_are_stored_as_strings() -> None:
    person = make_user()
    (entry,) = _notify(recipients=[person], params={"count": 3, "title": "案"})
    entry.refresh_from_db()
    assert entry.params == {"count": "3", "title": "案"}


def test_nothing_is_sent_before_commit(django_capture_on_commit_callbacks) -> None:
    person = make_user(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(recipients=[person])
    assert len(callbacks) == 1
    assert mail.outbox == [] and sms.outbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}

    callbacks[0]()  # the commit
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_rolled_back_transition_leaves_no_trace(django_capture_on_commit_callbacks) -> None:
    person = make_user()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _notify(recipients=[person])
        raise RuntimeError("the transition failed after notifying")
    assert callbacks == []
    assert not Notification.objects.exists() and not Delivery.objects.exists()
    assert mail.outbox == [] and sms.outbox == []


def test_email_and_sms_in_each_recipients_language(django_capture_on_commit_callbacks) -> None:
    english = make_user(language="en", name="Li Ming", email="en@example.cn")
    chinese = make_user(language="zh-hans", name="王芳", email="zh@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        _notify(recipients=[english, chinese])
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"en@example.cn", "zh@example.cn"}
    en, zh = by_address["en@example.cn"], by_address["zh@example.cn"]
    assert en.subject.startswith("[Liaison] 张检察官 sent you the notice")
    assert "Dear Li Ming," in en.body
    assert "王芳，您好：" in zh.body
    assert zh.subject.endswith("张检察官 sent you the notice 关于执行案件信息共享的通报.")
    assert {s.mobile for s in sms.outbox} == {english.mobile, chinese.mobile}
    assert all("关于执行案件信息共享的通报" in s.text for s in sms.outbox)


def test_message_survives_a_missing_parameter() -> None:
    (entry,) = _notify(recipients=[make_user()], params={"actor": "张检察官"})
    assert entry.message == "张检察官 sent you the notice ."
    entry.text = "Broken %(title)d placeholder with 100% certainty"
    assert entry.message == entry.text


def test_a_lazy_text_is_stored_as_its_english_msgid() -> None:
    with translation.override("zh-hans"):
        (entry,) = _notify(recipients=[make_user()], text=gettext_lazy("Mark as read"))
    assert entry.text == "Mark as read"
    with translation.override("zh-hans"):
        assert entry.message == "标为已读"


@pytest.fixture
def database_queue(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.usefixtures("database_queue")
def test_the_database_queue_takes_the_task_in_the_changes_own_transaction(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    """The task row is the outbox: written with the change (one commit, not two), seen by a
    worker only once the change commits."""
    from django_tasks_db.models import DBTaskResult

    from liaison.notifications.actions import queue_commits_with_the_change

    assert queue_commits_with_the_change()
    with django_capture_on_commit_callbacks() as after_commit:
        _notify(recipients=[make_user(email="judge@example.cn")])
    assert after_commit == []
    assert DBTaskResult.objects.count() == 1


@pytest.mark.usefixtures("database_queue")
def test_a_change_rolled_back_leaves_no_task_in_the_database_queue() -> None:
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(recipients=[make_user(email="judge@example.cn")])
        raise RuntimeError("the step failed after notifying")
    assert not DBTaskResult.objects.exists() and not Delivery.objects.exists()


def test_a_queue_that_runs_at_once_is_handed_the_deliveries_after_commit(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    from liaison.notifications.actions import queue_commits_with_the_change

    assert not queue_commits_with_the_change()  # the tests' immediate queue
    with django_capture_on_commit_callbacks() as after_commit:
        _notify(recipients=[make_user(email="judge@example.cn")])
    assert len(after_commit) == 1
