"""Reactions (another app's effect on a step, in the step's transaction), a mechanism's own
timeline events, and the participant relation."""

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from django.core import checks

from liaison.audit.models import AuditRecord
from liaison.core.access import Access, access_for
from liaison.core.tests.factories import UserFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import record_event, transition
from liaison.workflow.definitions import Who
from liaison.workflow.errors import WorkflowError
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.registry import check_reactions, react, reactions_to, unreact
from liaison.workflow.selectors import matters_visible_to, people_who_are, timeline_of

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db

seen: list[tuple[int, str, dict[str, Any]]] = []


def remember(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    seen.append((matter.pk, matter.state, dict(data)))


def refuse(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    raise WorkflowError("refused by a reaction")


@pytest.fixture
def reaction() -> Iterator[None]:
    seen.clear()
    react("notices.notice", ["answer", "acknowledge"], remember)
    react("notices.notice", "answer", remember)  # again: still once
    yield
    unreact("notices.notice", "answer", remember)
    unreact("notices.notice", "acknowledge", remember)


def _notice_and_judge() -> tuple[Matter, Any]:
    the_court = court()
    return sent_notice(recipient=the_court), member(the_court, Role.JUDGE)


@pytest.mark.usefixtures("reaction")
def test_a_reaction_runs_once_after_the_steps_effect_with_its_input() -> None:
    notice, judge = _notice_and_judge()
    transition(matter=notice, name="answer", access=access_for(judge), data={"answer": "好"})
    assert seen == [(notice.pk, "answered", {"answer": "好"})]
    assert reactions_to("notices.notice", "answer") == [remember]
    assert reactions_to("notices.notice", "withdraw") == []


def test_a_refusing_reaction_rolls_the_step_back() -> None:
    notice, judge = _notice_and_judge()
    react("notices.notice", "acknowledge", refuse)
    try:
        with pytest.raises(WorkflowError):
            transition(matter=notice, name="acknowledge", access=access_for(judge))
    finally:
        unreact("notices.notice", "acknowledge", refuse)
    notice.refresh_from_db()
    assert notice.state == "sent"
    assert not notice.timeline.filter(transition="acknowledge").exists()


def test_a_reaction_to_a_step_that_does_not_exist_fails_the_system_check() -> None:
    assert check_reactions() == []
    react("notices.notice", "approve", remember)
    try:
        errors = check_reactions()
    finally:
        unreact("notices.notice", "approve", remember)
    assert [e.id for e in errors] == ["workflow.E001"]
    assert all(isinstance(e, checks.Error) for e in errors)


def test_a_declared_event_goes_on_the_timeline_with_its_label_and_is_audited(monkeypatch) -> None:
    notice = sent_notice()
    monkeypatch.setattr(notice.workflow, "events", {"notices.test.poke": "Poked"})
    author = notice.created_by
    record_event(matter=notice, access=access_for(author), action="notices.test.poke", note="x")
    entry = timeline_of(notice)[-1]
    assert (entry.label, entry.event.note, entry.event.actor) == ("Poked", "x", author)
    assert AuditRecord.objects.filter(action="notices.test.poke").exists()


def test_an_undeclared_event_is_refused() -> None:
    notice = sent_notice()
    with pytest.raises(ValueError):
        record_event(matter=notice, access=access_for(notice.created_by), action="notices.nope")


def test_a_participant_sees_the_matter_and_can_be_notified() -> None:
    notice, guest = sent_notice(), UserFactory()
    assert not matters_visible_to(access_for(guest)).filter(pk=notice.pk).exists()
    MatterParty.objects.create(matter=notice, relation=Relation.PARTICIPANT, person=guest)
    assert matters_visible_to(access_for(guest)).filter(pk=notice.pk).exists()
    assert list(people_who_are(notice, [Who(Relation.PARTICIPANT)])) == [guest]
