"""Shared events (``registry.add_shared_event``): an event another mechanism records on a matter
of any type, named on its timeline, read by a relation whose sight names what it reads; any
other undeclared event is still refused."""

import pytest

from liaison.core.access import access_for
from liaison.workflow.actions import record_event
from liaison.workflow.registry import add_shared_event, shared_events
from liaison.workflow.selectors import timeline_of

from .factories import sent_notice

pytestmark = pytest.mark.django_db


def test_a_shared_event_goes_on_any_matters_timeline_with_its_label() -> None:
    assert add_shared_event("tests.shared", "Shared test event") == "tests.shared"
    assert add_shared_event("tests.shared", "another label") == "tests.shared"  # unchanged
    assert shared_events()["tests.shared"] == "Shared test event"
    notice = sent_notice()
    author = notice.parties.get(relation="handler").person
    event = record_event(matter=notice, access=access_for(author), action="tests.shared", note="x")
    labels = {e.event.pk: e.label for e in timeline_of(notice)}
    assert labels[event.pk] == "Shared test event"
    with pytest.raises(ValueError):
        record_event(matter=notice, access=access_for(author), action="tests.undeclared")
