"""What the engine grew for volunteer supervisors of rectification: a personal relation that
gives no sight of the matter's page (the person follows it from a page of the mechanism's own),
removing a party, an effect when a matter closes, and reactions to a mechanism's own events."""

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from django.core import checks
from django.urls import reverse

from liaison.core.access import Access, access_for
from liaison.core.tests.factories import UserFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.actions import record_event, transition
from liaison.workflow.definitions import Who, Workflow
from liaison.workflow.models import Matter, MatterParty, Relation
from liaison.workflow.opening import add_parties, remove_parties
from liaison.workflow.registry import check_reactions, react, unreact
from liaison.workflow.selectors import (
    matters_visible_to,
    outside_page_for,
    people_who_are,
    stands_as,
)

from .factories import court, sent_notice

pytestmark = pytest.mark.django_db

SUPERVISOR = Who(Relation.SUPERVISOR)
POKE = "notices.test.poke"
seen: list[tuple[str, int, dict[str, Any]]] = []


def remember(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    seen.append((matter.state, matter.pk, dict(data)))


@pytest.fixture
def notice_workflow(monkeypatch: pytest.MonkeyPatch) -> Iterator[Workflow]:
    """The information notice's workflow, with a declared event, an outside page for its
    supervisors and an effect when it closes (all put back afterwards)."""
    notice = sent_notice()
    workflow = notice.workflow
    monkeypatch.setattr(workflow, "events", {POKE: "Poked"})
    monkeypatch.setattr(workflow, "outside_pages", {Relation.SUPERVISOR: "workspace:api-matter"})
    monkeypatch.setattr(workflow, "on_close", remember)
    seen.clear()
    yield workflow


def test_a_supervisor_does_not_see_the_matter_but_stands_to_it_and_is_told() -> None:
    notice, volunteer = sent_notice(), UserFactory()
    add_parties(matter=notice, supervisors=[volunteer])
    add_parties(matter=notice, supervisors=[volunteer])  # again: still one
    access = access_for(volunteer)
    assert MatterParty.objects.filter(matter=notice, relation=Relation.SUPERVISOR).count() == 1
    assert not matters_visible_to(access).filter(pk=notice.pk).exists()
    assert stands_as(access, notice, [SUPERVISOR])
    assert not stands_as(access_for(UserFactory()), notice, [SUPERVISOR])
    assert list(people_who_are(notice, [SUPERVISOR])) == [volunteer]


def test_removing_a_supervisor_leaves_the_others() -> None:
    notice, one, other = sent_notice(), UserFactory(), UserFactory()
    add_parties(matter=notice, supervisors=[one, other])
    assert remove_parties(matter=notice, relation=Relation.SUPERVISOR, people=[one]) == 1
    assert remove_parties(matter=notice, relation=Relation.SUPERVISOR, people=[one]) == 0
    assert list(people_who_are(notice, [SUPERVISOR])) == [other]
    with pytest.raises(ValueError, match="not a personal relation"):
        remove_parties(matter=notice, relation=Relation.PARTNER_ORG, people=[other])


def test_only_an_outside_relation_has_a_page_of_its_own() -> None:
    with pytest.raises(ValueError, match="sees the matter's own page"):
        Workflow(
            name="test.outside",
            label="outside",
            model="notices.InformationNotice",
            case_code="测",
            states={"a": "a"},
            initial="a",
            final=frozenset({"a"}),
            transitions=[],
            outside_pages={Relation.PARTICIPANT: "workspace:matter"},
        )


def test_the_matter_page_sends_a_supervisor_to_the_outside_page_and_others_get_404(
    client: Any, notice_workflow: Workflow
) -> None:
    notice, volunteer, stranger = sent_notice(), UserFactory(), UserFactory()
    add_parties(matter=notice, supervisors=[volunteer])
    outside = reverse("workspace:api-matter", args=[notice.pk])
    assert outside_page_for(access_for(volunteer), notice.pk) == outside
    assert outside_page_for(access_for(stranger), notice.pk) is None
    client.force_login(volunteer)
    response = client.get(reverse("workspace:matter", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == outside
    client.force_login(stranger)
    assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 404


def test_without_an_outside_page_a_supervisor_gets_404(client: Any) -> None:
    notice, volunteer = sent_notice(), UserFactory()
    add_parties(matter=notice, supervisors=[volunteer])
    client.force_login(volunteer)
    assert client.get(reverse("workspace:matter", args=[notice.pk])).status_code == 404


def test_on_close_runs_when_a_step_reaches_a_final_state_only(notice_workflow: Workflow) -> None:
    the_court = court()
    notice = sent_notice(recipient=the_court)
    judge = access_for(member(the_court, Role.JUDGE))
    transition(matter=notice, name="acknowledge", access=judge)
    assert seen == []
    transition(matter=notice, name="answer", access=judge, data={"answer": "已收悉。"})
    assert seen == [("answered", notice.pk, {"answer": "已收悉。"})]


def test_a_reaction_to_a_declared_event_runs_with_its_data(notice_workflow: Workflow) -> None:
    notice = sent_notice()
    react(notice.matter_type, POKE, remember)
    try:
        assert check_reactions() == []
        record_event(
            matter=notice,
            access=access_for(notice.created_by),
            action=POKE,
            data={"observation": 7, "who": notice.created_by},
        )
    finally:
        unreact(notice.matter_type, POKE, remember)
    assert seen == [("sent", notice.pk, {"observation": 7, "who": notice.created_by})]


def test_a_reaction_to_an_undeclared_event_fails_the_system_check() -> None:
    react("notices.notice", "notices.test.never", remember)
    try:
        errors = check_reactions()
    finally:
        unreact("notices.notice", "notices.test.never", remember)
    assert [e.id for e in errors] == ["workflow.E001"]
    assert all(isinstance(e, checks.Error) for e in errors)
