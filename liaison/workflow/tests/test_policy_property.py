"""The policy's three readings of a ``Who`` agree, whatever the organisations and people.

For generated worlds (organisations in a tree, some inactive; people, some inactive, holding
roles in them through memberships that may have ended; a matter of any registered type in any
state, with partner organisations and people in every relation), and for every ``Who`` any
registered workflow declares (steps, clocks, notifications, acts, sights) and every sight:

- the queryset answer (``Holding.matters``, ``Policy.visible``, ``matters_visible_to``),
- the one-matter answer (``Holding.holds``, ``Reading.sees``), and
- the recipients (``Holding.people``, ``Policy.seers``, ``Policy.recipients``)

say the same about every person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.definitions import Who, Workflow
from liaison.workflow.models import OUTSIDE_RELATIONS, PERSONAL_RELATIONS, Matter, Relation
from liaison.workflow.policy import Holding, party_rows
from liaison.workflow.registry import all_workflows
from liaison.workflow.selectors import matters_visible_to

#: Roles people hold in the generated organisations: the staff roles the declarations name,
#: and two that are not staff (a lawyer, a volunteer).
ROLES = sorted(
    {
        Role.PROSECUTOR,
        Role.CLUE_OFFICER,
        Role.DEPARTMENT_HEAD,
        Role.CHIEF_PROCURATOR,
        Role.CASE_MANAGEMENT,
        Role.AGENCY_OFFICER,
        Role.BUREAU_OFFICER,
        Role.LAWYER,
        Role.VOLUNTEER,
    }
)
PEOPLE_RELATIONS = [*PERSONAL_RELATIONS, *OUTSIDE_RELATIONS]
WORKFLOWS = sorted(all_workflows(), key=lambda w: w.name)


def declared_whos(workflow: Workflow) -> set[Who]:
    """Every ``Who`` the workflow names anywhere."""
    whos: set[Who] = {s.who for s in workflow.sight_rules}
    for t in workflow.transitions:
        whos.update(t.who)
        for rule in t.notifies:
            whos.update(rule.who)
    for spec in workflow.clocks.values():
        whos.update(spec.owed_by)
    for act in workflow.named_acts.values():
        whos.update(act.who)
    return whos


@dataclass
class World:
    organisations: int
    parents: list[int | None]
    inactive_organisations: set[int]
    people: int
    inactive_people: set[int]
    #: (person, organisation, role, still active)
    memberships: list[tuple[int, int, str, bool]]
    workflow: int
    state: int
    owner: int
    partners: set[int]
    #: (relation, person)
    parties: set[tuple[str, int]]


@st.composite
def worlds(draw: st.DrawFn) -> World:
    n_orgs = draw(st.integers(2, 4))
    parents = [None] + [draw(st.none() | st.integers(0, i - 1)) for i in range(1, n_orgs)]
    n_people = draw(st.integers(1, 5))
    membership = st.tuples(
        st.integers(0, n_people - 1),
        st.integers(0, n_orgs - 1),
        st.sampled_from(ROLES),
        st.booleans(),
    )
    memberships = draw(st.lists(membership, max_size=8, unique_by=lambda m: (m[0], m[1], m[2])))
    workflow = draw(st.integers(0, len(WORKFLOWS) - 1))
    return World(
        organisations=n_orgs,
        parents=parents,
        inactive_organisations=draw(st.sets(st.integers(0, n_orgs - 1), max_size=1)),
        people=n_people,
        inactive_people=draw(st.sets(st.integers(0, n_people - 1), max_size=1)),
        memberships=memberships,
        workflow=workflow,
        state=draw(st.integers(0, len(WORKFLOWS[workflow].states) - 1)),
        owner=draw(st.integers(0, n_orgs - 1)),
        partners=draw(st.sets(st.integers(0, n_orgs - 1), max_size=2)),
        parties=draw(
            st.sets(
                st.tuples(st.sampled_from(PEOPLE_RELATIONS), st.integers(0, n_people - 1)),
                max_size=5,
            )
        ),
    )


def build(world: World) -> tuple[Workflow, Matter, list[User]]:
    kinds = [OrganisationKind.PROCURATORATE, OrganisationKind.ADMINISTRATIVE_AGENCY]
    orgs: list[Organisation] = []
    for i, parent in enumerate(world.parents):
        orgs.append(
            OrganisationFactory(
                kind=kinds[i % 2],
                parent=orgs[parent] if parent is not None else None,
                is_active=i not in world.inactive_organisations,
            )
        )
    people = [UserFactory(is_active=i not in world.inactive_people) for i in range(world.people)]
    for person, org, role, active in world.memberships:
        Membership.objects.create(
            person=people[person],
            organisation=orgs[org],
            role=role,
            is_active=active,
            until=None if active else date(2025, 1, 1),
        )
    workflow = WORKFLOWS[world.workflow]
    matter = Matter.objects.create(
        matter_type=workflow.name,
        state=list(workflow.states)[world.state],
        owner=orgs[world.owner],
        title="generated",
    )
    for org in world.partners:
        matter.parties.create(relation=Relation.PARTNER_ORG, organisation=orgs[org])
    for relation, person in world.parties:
        matter.parties.create(relation=relation, person=people[person])
    return workflow, matter, people


class PolicyReadingsAgree(TestCase):
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(worlds())
    def test_every_who_and_every_sight_is_read_alike_three_ways(self, world: World) -> None:
        workflow, matter, people = build(world)
        policy = workflow.policy
        accesses = {p.pk: access_for(p) for p in people}
        active = {p.pk for p in people if p.is_active}
        one_matter = Matter.objects.filter(pk=matter.pk)
        everyone = User.objects.filter(pk__in=[p.pk for p in people])

        def rows_of(pk: int):  # type: ignore[no-untyped-def]
            loaded = party_rows(accesses[pk], matter)
            return lambda: loaded

        rows = {pk: rows_of(pk) for pk in accesses}
        for who in declared_whos(workflow):
            holding = Holding.of(who)
            people_q = set(everyone.filter(holding.people(matter)).values_list("pk", flat=True))
            for pk, access in accesses.items():
                listed = one_matter.filter(holding.matters(access)).exists()
                held = holding.holds(access, matter, rows[pk])
                assert listed == held, (who, pk, "queryset and one matter")
                assert (pk in people_q) == held, (who, pk, "people and one matter")
            seeing = {pk for pk, a in accesses.items() if policy.sees(a, matter)}
            held_by = {pk for pk, a in accesses.items() if holding.holds(a, matter, rows[pk])}
            expected = held_by & active
            if who.relation not in OUTSIDE_RELATIONS:
                expected &= seeing
            told = policy.recipients(matter, [who]).filter(pk__in=accesses)
            recipients = set(told.values_list("pk", flat=True))
            assert recipients == expected, (who, "recipients")

        seers = set(everyone.filter(policy.seers(matter)).values_list("pk", flat=True))
        for pk, access in accesses.items():
            sees = policy.sees(access, matter)
            assert one_matter.filter(policy.visible(access)).exists() == sees, (pk, "visible")
            assert matters_visible_to(access).filter(pk=matter.pk).exists() == sees, pk
            assert (pk in seers) == sees, (pk, "seers")
            for sight in policy.sights:
                holding = Holding.of(sight.who)
                in_state = sight.allows("states", matter.state)
                held = holding.holds(access, matter, rows[pk])
                listed = one_matter.filter(holding.matters(access)).exists()
                assert listed == held
                if held and in_state:
                    assert sees, (sight, pk, "a sight held in its state is seen")
            reading = policy.reading(access, matter)
            if not sees:
                assert not reading.may_comment() and not reading.may_attach()
                assert not reading.attachments().exists()
