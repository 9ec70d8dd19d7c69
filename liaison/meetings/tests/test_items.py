"""Action items: done with evidence, progress notes, reminded and, when missed, carried onto the
agenda of the agreement's next joint meeting automatically."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.notifications.models import Notification
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Clock, TimelineEvent
from liaison.workflow.reminders import send_deadline_reminders, take_expiry_steps

from ..actions import action_item_progress
from ..models import EVIDENCE_PURPOSE, ActionItem, AgendaItem
from .factories import held, item_of, resolved, scheduled, today, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():  # type: ignore[no-untyped-def]
    return world()


@pytest.fixture
def item(w):  # type: ignore[no-untyped-def]
    return item_of(resolved(w, held(w)))


def _png() -> SimpleUploadedFile:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "PNG")
    return SimpleUploadedFile("反馈.png", out.getvalue(), "image/png")


def test_the_owner_marks_it_done_with_evidence(w, item) -> None:
    transition(
        matter=item,
        name="done",
        access=access_for(w.zhou),
        data={"note": "已书面反馈。"},
        files={"evidence": [_png()]},
    )
    item = ActionItem.objects.get(pk=item.pk)
    assert item.state == "done" and item.done_on == today() and item.done_note == "已书面反馈。"
    assert Attachment.objects.filter(matter=item, purpose=EVIDENCE_PURPOSE).count() == 1
    assert Clock.objects.get(matter=item).state == Clock.State.STOPPED
    # the other party is told
    assert Notification.objects.filter(recipient=w.luo, matter=item).exists()


def test_the_other_side_may_not_mark_it_done(w, item) -> None:
    with pytest.raises(TransitionForbidden):
        transition(matter=item, name="done", access=access_for(w.luo), data={"note": "x"})


def test_progress_notes_by_the_owner_only(w, item) -> None:
    action_item_progress(access=access_for(w.zhou), item=item, note="已召开专题会。")
    assert TimelineEvent.objects.filter(matter=item, action="meetings.item.progress").count() == 1
    with pytest.raises(TransitionForbidden):
        action_item_progress(access=access_for(w.luo), item=item, note="x")
    with pytest.raises(WorkflowError):
        action_item_progress(access=access_for(w.zhou), item=item, note="  ")


def test_reminded_before_it_falls_due(w, item) -> None:
    clock = Clock.objects.get(matter=item)
    run = send_deadline_reminders(today=clock.due_on - timedelta(days=2))
    assert run.reminded == 1
    assert Notification.objects.filter(recipient=w.zhou, matter=item).count() >= 2


def test_missed_it_is_carried_onto_the_next_scheduled_meeting(w, item) -> None:
    nxt = scheduled(w, days_ahead=60)
    clock = Clock.objects.get(matter=item)
    taken = take_expiry_steps(today=clock.due_on + timedelta(days=1))
    assert taken == 1
    item = ActionItem.objects.get(pk=item.pk)
    assert item.state == "overdue"
    agenda = AgendaItem.objects.get(meeting=nxt, carried=item)
    assert [m.pk for m in agenda.matters.all()] == [item.pk]
    # done late, still possible
    transition(matter=item, name="done", access=access_for(w.zhou), data={"note": "补办"})
    assert ActionItem.objects.get(pk=item.pk).state == "done"


def test_missed_with_no_meeting_scheduled_it_is_carried_when_one_is(w, item) -> None:
    clock = Clock.objects.get(matter=item)
    take_expiry_steps(today=clock.due_on + timedelta(days=1))
    assert not AgendaItem.objects.filter(carried=item).exists()
    nxt = scheduled(w, days_ahead=5)
    assert AgendaItem.objects.filter(meeting=nxt, carried=item).count() == 1


def test_told_again_when_missed(w, item) -> None:
    clock = Clock.objects.get(matter=item)
    run = send_deadline_reminders(today=clock.due_on + timedelta(days=1))
    assert run.overdue == 1
    assert Clock.objects.get(pk=clock.pk).overdue_notified_on == clock.due_on + timedelta(days=1)
