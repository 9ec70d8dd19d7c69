"""Public notices: published by a procuratorate's prosecutors for a date range, readable by
anyone without logging in while shown and after, never before or once withdrawn."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liaison.announcements.actions import public_notice_publish, public_notice_withdraw
from liaison.announcements.models import NoticeKind
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.errors import TransitionForbidden

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def _publish(publisher, starts, ends, title="关于某煤场扬尘污染的民事公益诉讼公告", access=SYSTEM):  # type: ignore[no-untyped-def]
    return public_notice_publish(
        access=access,
        publisher=publisher,
        kind=NoticeKind.CIVIL_ANNOUNCEMENT,
        title=title,
        body="依法公告，公告期三十日。",
        starts_on=starts,
        ends_on=ends,
    )


def test_anyone_reads_current_and_past_notices_but_not_future_or_withdrawn(client) -> None:
    org, today = OrganisationFactory(), timezone.localdate()
    current = _publish(org, today, today + 30 * DAY, title="当前公告")
    future = _publish(org, today + 2 * DAY, today + 30 * DAY, title="将来公告")
    withdrawn = _publish(org, today, today + DAY, title="撤回公告")
    public_notice_withdraw(access=SYSTEM, notice=withdrawn, reason="听证取消")
    page = client.get(reverse("announcements:list")).content.decode()
    assert "当前公告" in page and "将来公告" not in page and "撤回公告" not in page
    assert client.get(reverse("announcements:detail", args=[current.pk])).status_code == 200
    for hidden in (future, withdrawn):
        assert client.get(reverse("announcements:detail", args=[hidden.pk])).status_code == 404
    assert "当前公告" not in client.get(reverse("announcements:list") + "?past=1").content.decode()


def test_only_a_procuratorates_prosecutors_publish() -> None:
    org, today = OrganisationFactory(), timezone.localdate()
    with pytest.raises(TransitionForbidden):
        _publish(org, today, today, access=access_for(member(org, Role.CLUE_OFFICER)))
    _publish(org, today, today, access=access_for(member(org, Role.PROSECUTOR)))
    court = OrganisationFactory(kind=OrganisationKind.COURT)
    with pytest.raises(TransitionForbidden):
        _publish(court, today, today)


def test_a_notice_is_never_backdated_and_never_ends_before_it_starts() -> None:
    org, today = OrganisationFactory(), timezone.localdate()
    with pytest.raises(ValidationError):
        _publish(org, today - DAY, today)
    with pytest.raises(ValidationError):
        _publish(org, today + DAY, today)


def test_the_list_takes_the_same_queries_for_many_notices(
    client, django_assert_max_num_queries
) -> None:
    org, today = OrganisationFactory(), timezone.localdate()
    for n in range(15):
        _publish(org, today, today + DAY, title=f"公告{n}")
    with django_assert_max_num_queries(4):
        client.get(reverse("announcements:list"))
