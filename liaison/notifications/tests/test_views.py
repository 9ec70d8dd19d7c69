"""The inbox pages: own notifications only, unread highlighted, marked read by POST."""

import pytest
from django.urls import reverse

from liaison.notifications.actions import notify
from liaison.notifications.models import Delivery, Notification
from liaison.notifications.selectors import inbox_for, unread_count
from liaison.notifications.views import PAGE_SIZE

from .helpers import make_user

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")


def _entries(person, count=1, **fields):
    return [
        notify(
            recipients=[person],
            event="test.event",
            text="Clue %(number)s was accepted.",
            params={"number": f"康检线〔2025〕{n}号"},
            channels=(),
            **fields,
        )[0]
        for n in range(1, count + 1)
    ]


@pytest.fixture
def person(client):
    user = make_user(language="en")
    client.force_login(user)
    return user


def test_inbox_needs_a_login(client) -> None:
    response = client.get(INBOX)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_inbox_shows_only_my_notifications_unread_highlighted(client, person) -> None:
    read, unread = _entries(person, 2)
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    _entries(make_user())  # someone else's
    response = client.get(INBOX)
    assert response.status_code == 200
    page = list(response.context["page"].object_list)
    assert [n.pk for n in page] == [unread.pk, read.pk]  # newest first
    html = response.content.decode()
    assert html.count("notification-unread") == 1
    assert "康检线〔2025〕2号" in html and "康检线〔2025〕1号" in html
    assert response.context["unread_notifications"] == 1


def test_inbox_is_paginated_and_can_show_unread_only(client, person) -> None:
    _entries(person, PAGE_SIZE + 3)
    first = client.get(INBOX)
    assert len(first.context["page"].object_list) == PAGE_SIZE
    second = client.get(INBOX, {"page": 2})
    assert len(second.context["page"].object_list) == 3
    Notification.objects.filter(recipient=person).exclude(
        pk=Notification.objects.filter(recipient=person).order_by("pk").first().pk  # type: ignore[union-attr]
    ).update(read_at=first.context["page"].object_list[0].created_at)
    unread = client.get(INBOX, {"unread": "1"})
    assert len(unread.context["page"].object_list) == 1


def test_mark_read_and_return(client, person) -> None:
    (entry,) = _entries(person)
    url = reverse("notifications:mark-read", args=[entry.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": f"{INBOX}?page=1"})
    assert response.status_code == 302 and response["Location"] == f"{INBOX}?page=1"
    entry.refresh_from_db()
    assert entry.read_at is not None
    assert unread_count(person) == 0


def test_mark_read_refuses_foreign_redirects(client, person) -> None:
    (entry,) = _entries(person)
    response = client.post(
        reverse("notifications:mark-read", args=[entry.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == INBOX


def test_someone_elses_notification_is_not_found(client, person) -> None:
    (theirs,) = _entries(make_user())
    response = client.post(reverse("notifications:mark-read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_mine(client, person) -> None:
    _entries(person, 3)
    (theirs,) = _entries(make_user())
    response = client.post(reverse("notifications:mark-all-read"))
    assert response.status_code == 302
    assert unread_count(person) == 0
    assert unread_count(theirs.recipient) == 1


def test_inbox_links_to_the_matter_and_opening_marks_it_read(client, person) -> None:
    from liaison.workflow.tests.factories import sent_notice

    matter = sent_notice()
    (entry,) = _entries(person, matter=matter)
    matter_url = reverse("workspace:matter", args=[matter.pk])
    html = client.get(INBOX).content.decode()
    assert f'value="{matter_url}"' in html
    response = client.post(
        reverse("notifications:mark-read", args=[entry.pk]), {"next": matter_url}
    )
    assert response["Location"] == matter_url
    assert inbox_for(person).get(pk=entry.pk).read_at is not None


def test_unread_count_in_the_navigation(client, person) -> None:
    _entries(person, 2)
    response = client.get(INBOX)
    assert response.context["unread_notifications"] == 2


def test_admin_lists_and_retries_deliveries(client, django_capture_on_commit_callbacks) -> None:
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    recipient = make_user()
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[recipient], event="e.x", text="Hello", params={})
    Delivery.objects.update(status=Delivery.Status.ABANDONED, attempts=6)
    changelist = reverse("admin:notifications_delivery_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:notifications_notification_changelist")).status_code == 200
    delivery = Delivery.objects.filter(channel="email").get()
    change = reverse("admin:notifications_delivery_change", args=[delivery.pk])
    assert client.get(change).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {
                "action": "retry_now",
                "_selected_action": list(Delivery.objects.values_list("pk", flat=True)),
            },
        )
    assert response.status_code == 302
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
