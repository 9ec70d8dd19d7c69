"""The referral figures for the figures page: sent and received per organisation subtree and
period, answered in time or late, in one grouped query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.access import access_for
from liaison.legalaid.selectors import referral_figures
from liaison.workflow.actions import transition
from liaison.workflow.models import Clock

from . import factories as f

pytestmark = [pytest.mark.django_db]


def _answered_late(matter) -> None:  # type: ignore[no-untyped-def]
    """Move the decision clock's due day back, as if the centre had answered late."""
    Clock.objects.filter(matter=matter, name="answer").update(
        due_on=timezone.localdate() - timedelta(days=3)
    )


def test_sent_and_received_in_time_late_and_overdue_in_one_query(
    django_assert_num_queries,
) -> None:
    w = f.world()
    f.accepted(w)  # in time
    late = f.referral(w)
    _answered_late(late)
    transition(matter=late, name="decline", access=access_for(w.aid_officer), data={"note": "不符"})
    overdue = f.referral(w)
    _answered_late(overdue)
    f.referral(w)  # awaited, not yet due
    withdrawn = f.referral(w)
    transition(
        matter=withdrawn, name="withdraw", access=access_for(w.prosecutor), data={"note": "x"}
    )
    back = f.from_centre(w)
    transition(matter=back, name="accept", access=access_for(w.prosecutor), data={})

    with django_assert_num_queries(1):
        by_type = {row.matter_type: row for row in referral_figures(w.procuratorate)}
    to_centre = by_type["legalaid.to_centre"]
    assert (to_centre.sent, to_centre.sent_in_time, to_centre.sent_late) == (5, 1, 1)
    assert to_centre.received == 0 and to_centre.accepted == 1
    to_proc = by_type["legalaid.to_procuratorate"]
    assert (to_proc.sent, to_proc.received, to_proc.received_in_time) == (0, 1, 1)

    centre = {row.matter_type: row for row in referral_figures(w.centre)}["legalaid.to_centre"]
    assert (centre.received, centre.received_in_time, centre.received_late) == (5, 1, 1)
    assert centre.received_overdue == 1


def test_the_period_and_an_empty_scope() -> None:
    w = f.world()
    f.referral(w)
    tomorrow = timezone.localdate() + timedelta(days=1)
    rows = referral_figures(w.procuratorate, start=tomorrow)
    assert [row.sent for row in rows] == [0, 0]
    rows = referral_figures(w.procuratorate, end=timezone.localdate())
    assert rows[0].sent == 1
    assert all(row.sent == row.received == 0 for row in referral_figures(w.other_centre))
