"""Sights: which relation sees a matter in which state, and may comment and attach there.

The visibility queryset (lists, the API, exports, "my work") and the one-matter answers
(``sees``, the page's 404) read the same declarations; the table test below holds them equal for
every relation and state of every registered workflow.
"""

import pytest

from liaison.core.access import NOBODY, SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.orgs.roles import STAFF_ROLES, OrganisationKind, Role
from liaison.workflow.definitions import Sight, Transition, Who, Workflow
from liaison.workflow.models import OUTSIDE_RELATIONS, PERSONAL_RELATIONS, Matter, Relation
from liaison.workflow.parts import DEFAULT_SIGHTS
from liaison.workflow.registry import all_workflows
from liaison.workflow.selectors import matters_visible_to, may_attach, may_comment, sees

pytestmark = pytest.mark.django_db


def _workflow(**extra):  # type: ignore[no-untyped-def]
    extra.setdefault(
        "transitions", [Transition("send", "draft", "sent", label="send", who=(Who("owner_org"),))]
    )
    return Workflow(
        name="tests.sight",
        label="sight",
        model="notices.InformationNotice",
        case_code="测",
        states={"draft": "draft", "sent": "sent"},
        initial="draft",
        final=frozenset({"sent"}),
        **extra,
    )


def test_a_sight_of_an_unknown_state_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown states"):
        _workflow(sights=[Sight(Who(Relation.PARTNER_ORG), frozenset({"delivered"}))])


def test_a_sight_never_widens() -> None:
    with pytest.raises(ValueError, match="only staff"):
        Sight(Who(Relation.PARTNER_ORG, {Role.LAWYER}), frozenset({"sent"}))
    with pytest.raises(ValueError, match="outside"):
        Sight(Who(Relation.SUPERVISOR), frozenset({"sent"}))
    with pytest.raises(ValueError, match="not seen"):
        Sight(Who(Relation.PARTNER_ORG), frozenset({"sent"}), comments=frozenset({"draft"}))
    assert Sight(Who(Relation.PARTNER_ORG), frozenset()).who.roles == STAFF_ROLES


def test_undeclared_relations_keep_the_default_in_every_state() -> None:
    workflow = _workflow(sights=[Sight(Who(Relation.PARTNER_ORG), frozenset({"sent"}))])
    rules = {s.who: s for s in workflow.sight_rules}
    assert rules[Who(Relation.PARTNER_ORG, STAFF_ROLES)].states == {"sent"}
    for who in DEFAULT_SIGHTS:
        if who.relation != Relation.PARTNER_ORG:
            assert rules[who].states == {"draft", "sent"}
            assert rules[who].comments == rules[who].attachments == {"draft", "sent"}


def test_the_declarations_of_the_mechanisms() -> None:
    """Drafts and matters in preparation are not shown to the partner or invitee yet."""
    hidden = {
        "notices.notice": (Relation.PARTNER_ORG, {"draft"}),
        "publicinterest.recommendation": (Relation.PARTNER_ORG, {"draft", "withdrawn"}),
        "recommendations.recommendation": (Relation.PARTNER_ORG, {"draft", "withdrawn"}),
        "lawyers.registration": (Relation.PARTNER_ORG, {"new"}),
        "hearings.hearing": (Relation.PARTICIPANT, {"new"}),
        "petitions.petition": (Relation.PARTICIPANT, {"new", "received", "accepted"}),
    }
    by_name = {w.name: w for w in all_workflows()}
    for name, (relation, states) in hidden.items():
        rules = [s for s in by_name[name].sight_rules if s.who.relation == relation]
        assert rules, name
        for rule in rules:
            assert not (rule.states & states), (name, rule)


# -- the table: queryset and one-matter answer agree ---------------------------------------------


@pytest.fixture
def table():  # type: ignore[no-untyped-def]
    """A matter of every registered type in every state, owned by one procuratorate with one
    partner, each with a person in every personal and outside relation; and a user for each
    staff role in the owner and in the partner, for each personal relation (one of them also
    staff of the owner), and an outsider."""
    owner = OrganisationFactory()
    partner = OrganisationFactory(kind=OrganisationKind.ADMINISTRATIVE_AGENCY)
    users = {f"owner:{r}": member(owner, r) for r in sorted(STAFF_ROLES)}
    users |= {f"partner:{r}": member(partner, r) for r in sorted(STAFF_ROLES)}
    relations = [*PERSONAL_RELATIONS, *OUTSIDE_RELATIONS]
    users |= {f"person:{r}": UserFactory() for r in relations}
    users["person:handler+prosecutor"] = member(owner, Role.PROSECUTOR)
    users["outsider"] = member(OrganisationFactory(), Role.PROSECUTOR)
    lawyer_of_partner = member(partner, Role.LAWYER)
    users["partner:lawyer"] = lawyer_of_partner
    matters = []
    for workflow in all_workflows():
        for state in workflow.states:
            matter = Matter.objects.create(
                matter_type=workflow.name, state=state, owner=owner, title=state
            )
            matter.parties.create(relation=Relation.PARTNER_ORG, organisation=partner)
            for relation in relations:
                matter.parties.create(relation=relation, person=users[f"person:{relation}"])
            matter.parties.create(
                relation=Relation.HANDLER, person=users["person:handler+prosecutor"]
            )
            matters.append(matter)
    return users, matters


def test_the_queryset_and_the_one_matter_answer_agree(table) -> None:  # type: ignore[no-untyped-def]
    users, matters = table
    for key, user in users.items():
        access = access_for(user)
        listed = set(matters_visible_to(access).values_list("pk", flat=True))
        for matter in matters:
            seen = sees(access, matter)
            assert (matter.pk in listed) == seen, (key, matter.matter_type, matter.state)
            if not seen:
                assert not may_comment(access, matter) and not may_attach(access, matter)
    for access in (SYSTEM, NOBODY):
        listed = set(matters_visible_to(access).values_list("pk", flat=True))
        assert all((m.pk in listed) == sees(access, m) for m in matters)


def test_the_table_follows_the_declarations(table) -> None:  # type: ignore[no-untyped-def]
    users, matters = table
    by_state = {(m.matter_type, m.state): m for m in matters}
    agency = access_for(users["partner:agency_officer"])
    assert not sees(agency, by_state[("notices.notice", "draft")])
    assert sees(agency, by_state[("notices.notice", "sent")])
    assert not sees(agency, by_state[("publicinterest.recommendation", "draft")])
    assert sees(agency, by_state[("publicinterest.recommendation", "served")])
    colleague = access_for(users["owner:prosecutor"])
    assert not sees(colleague, by_state[("notices.notice", "draft")])
    assert sees(access_for(users["owner:chief_procurator"]), by_state[("notices.notice", "draft")])
    assert sees(access_for(users["person:handler"]), by_state[("notices.notice", "draft")])
    invitee = access_for(users["person:participant"])
    assert not sees(invitee, by_state[("petitions.petition", "accepted")])
    assert sees(invitee, by_state[("petitions.petition", "lawyer_invited")])
    for key in ("outsider", "person:supervisor", "partner:lawyer"):
        assert not matters_visible_to(access_for(users[key])).exists(), key


# -- one rule: whoever is given a step or owes a clock sees the matter there ---------------------


def test_a_step_given_to_a_relation_blind_in_its_source_is_refused() -> None:
    """A partner whose sight starts at "sent" cannot be handed a step in "draft"."""
    partner_sees_sent = [Sight(Who(Relation.PARTNER_ORG), frozenset({"sent"}))]
    with pytest.raises(ValueError, match=r"does not see it in \{'draft'\}"):
        Workflow(
            name="tests.blind_step",
            label="blind",
            model="notices.InformationNotice",
            case_code="测",
            states={"draft": "draft", "sent": "sent", "done": "done"},
            initial="draft",
            final=frozenset({"done"}),
            transitions=[
                Transition("send", "draft", "sent", label="send", who=(Who("owner_org"),)),
                Transition(
                    "withdraw", ("draft", "sent"), "done", label="w", who=(Who("partner_org"),)
                ),
            ],
            sights=partner_sees_sent,
        )


def test_a_clock_owed_by_a_relation_blind_where_it_runs_is_refused() -> None:
    from liaison.workflow.definitions import ClockSpec

    def workflow(sees: set[str]) -> Workflow:
        return Workflow(
            name="tests.blind_clock",
            label="blind",
            model="notices.InformationNotice",
            case_code="测",
            states={"draft": "draft", "checked": "checked", "sent": "sent"},
            initial="draft",
            final=frozenset({"sent"}),
            clocks={"c": ClockSpec("c", period="notices.answer", owed_by=(Who("partner_org"),))},
            transitions=[
                Transition(
                    "check", "draft", "checked", label="c", who=(Who("owner_org"),), starts=("c",)
                ),
                Transition("send", "checked", "sent", label="s", who=(Who("owner_org"),)),
            ],
            sights=[Sight(Who(Relation.PARTNER_ORG), frozenset(sees))],
        )

    with pytest.raises(ValueError, match="clock 'c' owed by"):
        workflow({"sent"})
    assert workflow({"checked", "sent"}).clock_states("c") == {"checked", "sent"}


def test_a_personal_relation_seen_only_with_a_role_is_not_enough_for_anyone() -> None:
    handler_with_role = Sight(Who(Relation.HANDLER, {Role.PROSECUTOR}), frozenset({"draft"}))
    with pytest.raises(ValueError, match="does not see it"):
        _workflow(
            sights=[handler_with_role],
            transitions=[Transition("send", "draft", "sent", label="s", who=(Who("handler"),))],
        )
    assert _workflow(
        sights=[handler_with_role],
        transitions=[
            Transition("send", "draft", "sent", label="s", who=(Who("handler", {"prosecutor"}),))
        ],
    )


def test_every_registered_workflow_keeps_the_rule() -> None:
    for workflow in all_workflows():
        for t in workflow.transitions:
            for who in t.who:
                assert not workflow.unseen_states(who, t.source_states), (workflow.name, t.name)
