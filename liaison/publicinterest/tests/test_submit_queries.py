"""What one public clue submission costs the database, counted over the whole request through
the test client: session, authentication, rate limit, form, storing, and the task queued after
commit (the database queue of production, not the tests' immediate one).

The public form is the platform's busiest write, and anybody may send it: the count is held
here, for a reporter without an account and a logged-in one, with photos and without. The
request is a warm process's (the working calendar, the divisions and the portal account are
read once per process or cache, as they are in production after the first report)."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.tests.factories import UserFactory
from liaison.notifications.models import Delivery, Notification
from liaison.publicinterest.models import Clue
from liaison.workflow.models import Clock, MatterParty, TimelineEvent

from .factories import clue_officer, field, photo, procuratorate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]

REPORT = reverse("publicinterest:report")
#: The most statements one submission may cost (issue 9: "at most 15 SQL queries"), counted on
#: SQLite, where the transaction's BEGIN and COMMIT are statements too (PostgreSQL's are not).
MAX_QUERIES = 15
#: A logged-in reporter's request also reads the session and the user, asks whether they hold a
#: volunteer's seat, adds them to the clue as its reporter, and saves the session again in a
#: transaction of its own (``SESSION_SAVE_EVERY_REQUEST``, the idle timer: BEGIN, UPDATE, COMMIT).
LOGGED_IN_EXTRA = 7
ADDRESSES = [
    "内蒙古鄂尔多斯市康巴什区青春山湿地公园",
    "内蒙古鄂尔多斯市康巴什区乌兰木伦河北岸",
    "内蒙古鄂尔多斯市康巴什区北区公园东门",
]


@pytest.fixture(autouse=True)
def _database_queue(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _form(n: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": str(uuid.uuid4()),
        "field": "ecology",
        "description": f"河道旁有企业长期偷排污水，河水发黑发臭，附近居民反映强烈（第{n}次）。",
        "address": ADDRESSES[n % len(ADDRESSES)],
        "seen_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "anonymous": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@contextmanager
def _transactions() -> Iterator[list[int]]:
    """Counts the transactions begun on the default connection inside the block."""
    begun: list[int] = []
    real = connection.set_autocommit

    def counting(autocommit: bool, *args: Any, **kwargs: Any) -> None:
        if not autocommit:
            begun.append(1)
        real(autocommit, *args, **kwargs)

    connection.set_autocommit = counting  # type: ignore[method-assign]
    try:
        yield begun
    finally:
        connection.set_autocommit = real  # type: ignore[method-assign]


def _send(client, data: dict[str, Any], limit: Any = None) -> int:  # type: ignore[no-untyped-def]
    """POST the report (within ``django_assert_max_num_queries(n)`` when ``limit`` is one);
    returns how many transactions it began, and checks that it was stored."""
    before = Clue.objects.count()
    with limit or nullcontext(), _transactions() as begun:
        response = client.post(REPORT, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("publicinterest:receipt")
    assert Clue.objects.count() == before + 1
    return len(begun)


def _warm(client, **overrides: Any) -> None:  # type: ignore[no-untyped-def]
    """The process's first report reads what it keeps (calendar, divisions, portal account)."""
    client.get(REPORT)
    _send(client, _form(0, photos=[photo()], **overrides))


@pytest.fixture
def officer():  # type: ignore[no-untyped-def]
    field("ecology")
    return clue_officer(procuratorate())


@pytest.mark.parametrize("with_photos", [False, True], ids=["no files", "two photos"])
def test_an_anonymous_report_costs_at_most_fifteen_statements_in_one_transaction(
    client, officer, with_photos, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _warm(client)
    photos = [photo("a.jpg", gps=True), photo("b.jpg")] if with_photos else None
    transactions = _send(
        client, _form(1, photos=photos), django_assert_max_num_queries(MAX_QUERIES)
    )
    assert transactions == 1
    clue = Clue.objects.latest("pk")
    # Everything the report stands for is there: the lean path writes the same rows.
    assert clue.state == "submitted" and clue.anonymous and clue.query_code
    assert list(
        TimelineEvent.objects.filter(matter=clue).values_list("action", flat=True).order_by("pk")
    ) == ["publicinterest.clue.open", "publicinterest.clue.submit"]
    assert Clock.objects.filter(matter=clue, name="assessment").count() == 1
    audited = AuditRecord.objects.filter(object_id=str(clue.pk), object_type="publicinterest.clue")
    assert sorted(audited.values_list("action", flat=True)) == [
        "publicinterest.clue.open",
        "publicinterest.clue.submit",
    ]
    files = Attachment.objects.filter(matter=clue)
    assert files.count() == (2 if with_photos else 0)
    assert (
        AuditRecord.objects.filter(
            action="attachments.upload", object_id__in=[str(a.pk) for a in files]
        ).count()
        == files.count()
    )
    told = Notification.objects.filter(matter=clue, recipient=officer)
    assert told.count() == 1
    assert list(
        Delivery.objects.filter(notification__in=told).values_list("channel", flat=True)
    ) == ["email"]


@pytest.mark.parametrize("with_photos", [False, True], ids=["no files", "two photos"])
def test_a_logged_in_reporter_costs_only_what_a_login_and_a_reporter_add(
    client, officer, with_photos, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    reporter = UserFactory()
    client.force_login(reporter)
    named = {"anonymous": None, "reporter_name": "王小明", "reporter_mobile": "13912345678"}
    _warm(client, **named)
    photos = [photo("a.jpg", gps=True), photo("b.jpg")] if with_photos else None
    transactions = _send(
        client,
        _form(1, photos=photos, **named),
        django_assert_max_num_queries(MAX_QUERIES + LOGGED_IN_EXTRA),
    )
    assert transactions == 2  # the report's, and the session's own save after it
    clue = Clue.objects.latest("pk")
    assert clue.reported_by == reporter and not clue.anonymous
    assert MatterParty.objects.filter(matter=clue, person=reporter, relation="reporter").exists()
    assert Attachment.objects.filter(matter=clue, uploaded_by=reporter).count() == (
        2 if with_photos else 0
    )
