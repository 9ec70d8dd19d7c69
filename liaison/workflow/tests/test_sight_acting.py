"""One rule for seeing and acting: nobody takes a step on a matter they do not see in its
present state, however the request reaches the engine (a button, a posted form, an action)."""

from collections.abc import Iterator

import pytest

from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow import registry
from liaison.workflow.actions import transition
from liaison.workflow.definitions import Sight, Transition, Who, Workflow
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.models import Matter, Relation
from liaison.workflow.opening import matter_open
from liaison.workflow.selectors import available_transitions, may_take

pytestmark = pytest.mark.django_db

#: Anyone of the partner organisation may close it (``roles`` None): a lawyer seated there too,
#: though through an organisation only staff see a matter.
ANYONE_OF_PARTNER = Who(Relation.PARTNER_ORG)
LETTER = Workflow(
    name="tests.letter",
    label="letter",
    model="notices.InformationNotice",
    case_code="测",
    opened_by=frozenset({Role.PROSECUTOR}),
    states={"draft": "draft", "sent": "sent", "closed": "closed"},
    initial="draft",
    final=frozenset({"closed"}),
    transitions=[
        Transition("send", "draft", "sent", label="Send", who=(Who(Relation.OWNER_ORG),)),
        Transition("close", "sent", "closed", label="Close", who=(ANYONE_OF_PARTNER,)),
        Transition("lapse", "sent", "closed", label="Lapse", who=(), automatic=True),
    ],
    sights=[Sight(ANYONE_OF_PARTNER, frozenset({"sent", "closed"}))],
)


@pytest.fixture(autouse=True)
def letter_registered() -> Iterator[None]:
    registry.register(LETTER)
    yield
    registry._WORKFLOWS.pop(LETTER.name, None)


@pytest.fixture
def letter():  # type: ignore[no-untyped-def]
    owner = OrganisationFactory()
    partner: Organisation = OrganisationFactory(kind=OrganisationKind.BAR_ASSOCIATION)
    prosecutor = member(owner, Role.PROSECUTOR)
    matter = matter_open(
        workflow=LETTER,
        owner=owner,
        access=access_for(prosecutor),
        fields={"title": "函", "body": "请协助。"},
        partners=[partner],
        start="send",
    )
    return matter, member(partner, Role.BAR_OFFICER), member(partner, Role.LAWYER)


def test_one_who_does_not_see_the_matter_may_not_take_its_step(letter) -> None:  # type: ignore[no-untyped-def]
    matter, _officer, lawyer = letter
    access = access_for(lawyer)
    assert not may_take(access, matter, LETTER.transition("close"))
    assert available_transitions(access, matter) == []
    with pytest.raises(TransitionForbidden):
        transition(matter=matter, name="close", access=access)
    assert Matter.objects.get(pk=matter.pk).state == "sent"


def test_one_who_sees_it_takes_it_and_the_system_takes_its_own(letter) -> None:  # type: ignore[no-untyped-def]
    matter, officer, _lawyer = letter
    assert [t.name for t in available_transitions(access_for(officer), matter)] == ["close"]
    transition(matter=matter, name="close", access=access_for(officer))
    assert Matter.objects.get(pk=matter.pk).state == "closed"


def test_the_system_is_not_asked_for_sight(letter) -> None:  # type: ignore[no-untyped-def]
    matter, _officer, _lawyer = letter
    transition(matter=matter, name="lapse", access=SYSTEM)
    assert Matter.objects.get(pk=matter.pk).state == "closed"


def test_a_posted_step_on_an_unseen_matter_changes_nothing(client, letter) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    matter, _officer, lawyer = letter
    client.force_login(lawyer)
    response = client.post(reverse("workspace:transition", args=[matter.pk, "close"]))
    assert response.status_code == 404
    assert Matter.objects.get(pk=matter.pk).state == "sent"
