"""The access policy: recipients follow the same rule as the step (the fixed reminder bug), named
acts are declared and checked, and one answer for files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Membership
from liaison.orgs.roles import OrganisationKind, Role
from liaison.publicinterest.workflows import CIVIL_CASE, CLUE
from liaison.workflow.definitions import Act, Sight, Transition, Who, Workflow
from liaison.workflow.models import Clock, Matter, Relation
from liaison.workflow.policy import policy_for
from liaison.workflow.reminders import send_deadline_reminders
from liaison.workflow.selectors import people_who_are
from liaison.workflow.shapes import HANDLING

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcing_case():  # type: ignore[no-untyped-def]
    """A civil case being announced, its announcement clock running, handled by a prosecutor."""
    procuratorate = OrganisationFactory()
    handler = member(procuratorate, Role.PROSECUTOR)
    case = Matter.objects.create(
        matter_type=CIVIL_CASE.name, state="announcing", owner=procuratorate, title="case"
    )
    case.parties.create(relation=Relation.HANDLER, person=handler)
    today = timezone.localdate()
    clock = Clock.objects.create(
        matter=case,
        name="announcement",
        period_code="pil.civil_announcement",
        amount=30,
        unit="days",
        remind_before_days=3,
        started_on=today - timedelta(days=28),
        due_on=today + timedelta(days=2),
        remind_on=today - timedelta(days=1),  # three days before it is due
    )
    return case, handler, clock


def _reminded(person, case) -> bool:  # type: ignore[no-untyped-def]
    return Notification.objects.filter(
        recipient=person, matter=case, event="workflow.clock.reminder"
    ).exists()


def test_a_handler_whose_membership_ended_gets_no_reminder(announcing_case) -> None:  # type: ignore[no-untyped-def]
    """The step refuses a handler who left the procuratorate (``HANDLING`` names roles); the
    reminder, which asks the same policy, no longer goes to them."""
    case, handler, clock = announcing_case
    Membership.objects.filter(person=handler).update(is_active=False, until=timezone.localdate())
    step = CIVIL_CASE.transition("organ_sued")
    assert not CIVIL_CASE.policy.may_take(access_for(handler), case, step)
    assert handler not in people_who_are(case, HANDLING)
    assert send_deadline_reminders(today=clock.due_on - timedelta(days=3)).reminded == 1
    assert not _reminded(handler, case)


def test_a_handler_still_in_office_is_reminded(announcing_case) -> None:  # type: ignore[no-untyped-def]
    case, handler, clock = announcing_case
    step = CIVIL_CASE.transition("organ_sued")
    assert CIVIL_CASE.policy.may_take(access_for(handler), case, step)
    send_deadline_reminders(today=clock.due_on - timedelta(days=3))
    assert _reminded(handler, case)


def test_recipients_leave_out_inactive_people_seats_and_organisations(announcing_case) -> None:  # type: ignore[no-untyped-def]
    case, handler, _clock = announcing_case
    head = member(case.owner, Role.DEPARTMENT_HEAD)
    assert set(people_who_are(case, HANDLING)) == {handler, head}
    head.is_active = False
    head.save(update_fields=["is_active"])
    assert set(people_who_are(case, HANDLING)) == {handler}
    case.owner.is_active = False
    case.owner.save(update_fields=["is_active"])
    assert not people_who_are(case, HANDLING).exists()


def test_recipients_are_only_those_who_see_the_matter_now() -> None:
    """A partner told of a step in a state its sight does not reach is not told."""
    owner, partner = OrganisationFactory(), OrganisationFactory(kind=OrganisationKind.COURT)
    judge = member(partner, Role.JUDGE)
    workflow = Workflow(
        name="tests.policy_sight",
        label="t",
        model="notices.InformationNotice",
        case_code="测",
        states={"draft": "draft", "sent": "sent"},
        initial="draft",
        final=frozenset({"sent"}),
        transitions=[Transition("send", "draft", "sent", label="s", who=(Who("owner_org"),))],
        sights=[Sight(Who(Relation.PARTNER_ORG), frozenset({"sent"}))],
    )
    matter = Matter.objects.create(matter_type="notices.notice", state="draft", owner=owner)
    matter.parties.create(relation=Relation.PARTNER_ORG, organisation=partner)
    partner_who = (Who(Relation.PARTNER_ORG),)
    assert not workflow.policy.recipients(matter, partner_who).exists()
    matter.state = "sent"
    assert list(workflow.policy.recipients(matter, partner_who)) == [judge]


def test_acts_are_checked_when_the_workflow_is_built() -> None:
    def workflow(acts):  # type: ignore[no-untyped-def]
        return Workflow(
            name="tests.acts",
            label="t",
            model="notices.InformationNotice",
            case_code="测",
            states={"draft": "draft", "sent": "sent"},
            initial="draft",
            final=frozenset({"sent"}),
            transitions=[Transition("send", "draft", "sent", label="s", who=(Who("owner_org"),))],
            sights=[Sight(Who(Relation.PARTNER_ORG), frozenset({"sent"}))],
            acts=acts,
        )

    with pytest.raises(ValueError, match="nobody may"):
        workflow({"look": ()})
    with pytest.raises(ValueError, match="unknown states"):
        workflow({"look": Act((Who("owner_org"),), frozenset({"archived"}))})
    with pytest.raises(ValueError, match="blind in"):
        workflow({"look": (Who(Relation.PARTNER_ORG),)})
    built = workflow({"look": Act((Who(Relation.PARTNER_ORG),), frozenset({"sent"}))})
    assert built.policy.act("look").states == {"sent"}
    with pytest.raises(LookupError):
        built.policy.act("jump")


def test_revealing_a_clue_s_reporter_is_the_clue_officers_act_until_transferred() -> None:
    procuratorate = OrganisationFactory()
    officer, prosecutor = member(procuratorate, Role.CLUE_OFFICER), member(procuratorate)
    clue = Matter.objects.create(matter_type=CLUE.name, state="submitted", owner=procuratorate)
    policy = policy_for(clue)
    assert policy.may(access_for(officer), clue, "see_reporter")
    assert not policy.may(access_for(prosecutor), clue, "see_reporter")
    assert policy.may(access_for(prosecutor), clue, "read_internal")
    assert policy.may(SYSTEM, clue, "see_reporter")
    clue.state = "transferred"
    assert not policy.may(access_for(officer), clue, "see_reporter")


def test_one_answer_for_files_a_partner_s_staff_see_them_all_a_reporter_their_own() -> None:
    from django.core.files.base import ContentFile

    from liaison.attachments.models import Attachment

    procuratorate, partner = OrganisationFactory(), OrganisationFactory()
    partner_staff = member(partner, Role.PROSECUTOR)
    reporter, other = UserFactory(), UserFactory()
    clue = Matter.objects.create(matter_type=CLUE.name, state="submitted", owner=procuratorate)
    clue.parties.create(relation=Relation.PARTNER_ORG, organisation=partner)
    for person in (reporter, other):
        clue.parties.create(relation=Relation.REPORTER, person=person)
    files = [
        Attachment.objects.create(
            matter=clue,
            uploaded_by=person,
            file=ContentFile(b"x", name="a.txt"),
            original_name="a.txt",
            content_type="text/plain",
            size=1,
        )
        for person in (reporter, other)
    ]
    policy = CLUE.policy
    assert set(policy.attachments_for(access_for(partner_staff), clue)) == set(files)
    assert list(policy.attachments_for(access_for(reporter), clue)) == [files[0]]
    # The download (``attachments.selectors.get_attachment_for``) asks the same reading.
    assert policy.reading(access_for(partner_staff), clue).shows_file(files[1])
    assert not policy.reading(access_for(reporter), clue).shows_file(files[1])
    assert not policy.attachments_for(access_for(UserFactory()), clue).exists()
