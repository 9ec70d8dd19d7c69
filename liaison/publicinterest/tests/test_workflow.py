"""The clue's steps: who may take each, what each requires, and what each changes."""

import pytest

from liaison.attachments.models import Attachment
from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.publicinterest.clue_forms import TransferForm
from liaison.publicinterest.models import Clue
from liaison.publicinterest.selectors import progress_for_code
from liaison.publicinterest.workflows import CLUE
from liaison.workflow.actions import transition
from liaison.workflow.errors import (
    TransitionConflict,
    TransitionForbidden,
    TransitionInvalid,
    WorkflowError,
)
from liaison.workflow.models import Clock, MatterParty, TimelineEvent

from .factories import CIVIL, ORDOS, clue_officer, photo, procuratorate, reported_clue

pytestmark = pytest.mark.django_db


@pytest.fixture
def kangbashi() -> Organisation:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


@pytest.fixture
def officer(kangbashi: Organisation):  # type: ignore[no-untyped-def]
    return clue_officer(kangbashi, name="王晓燕")


def _clock(clue: Clue) -> Clock:
    return Clock.objects.get(matter=clue, name="assessment")


def test_the_workflow_is_declared_as_data() -> None:
    assert CLUE.initial == "new"
    assert {t.name for t in CLUE.transitions_from("submitted")} == {
        "accept",
        "reject",
        "transfer",
        "merge",
    }
    assert CLUE.final_states == {"accepted", "rejected", "transferred", "merged"}
    assert CLUE.clocks["assessment"].period == "pil.clue_assessment"


def test_a_clue_officer_accepts_and_the_clock_stops(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    citizen = UserFactory()
    clue = reported_clue(anonymous=False, reporter=citizen)
    transition(matter=clue, name="accept", access=access_for(officer), data=CIVIL)
    clue.refresh_from_db()
    assert clue.state == "accepted" and clue.closed_at is not None
    assert _clock(clue).state == Clock.State.STOPPED
    assert Notification.objects.filter(recipient=citizen, matter=clue).count() == 1
    assert AuditRecord.objects.filter(action="publicinterest.clue.accept").exists()
    progress = progress_for_code(clue.query_code)
    assert progress is not None and progress.state == "accepted"


@pytest.mark.parametrize(
    "role", [Role.PROSECUTOR, Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR, Role.CASE_MANAGEMENT]
)
def test_only_clue_officers_take_the_steps(kangbashi, role) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    colleague = member(kangbashi, role)
    for step, data in (("accept", None), ("reject", {"note": "x"})):
        with pytest.raises(TransitionForbidden):
            transition(matter=clue, name=step, access=access_for(colleague), data=data)
    clue.refresh_from_db()
    assert clue.state == "submitted"


def test_a_clue_officer_of_another_procuratorate_may_not_act(kangbashi) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    elsewhere = clue_officer(procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL))
    with pytest.raises(TransitionForbidden):
        transition(matter=clue, name="accept", access=access_for(elsewhere), data=CIVIL)


def test_the_reporter_may_not_accept_their_own_clue(kangbashi) -> None:  # type: ignore[no-untyped-def]
    citizen = UserFactory()
    clue = reported_clue(anonymous=False, reporter=citizen)
    with pytest.raises(TransitionForbidden):
        transition(matter=clue, name="accept", access=access_for(citizen), data=CIVIL)


def test_not_accepting_needs_a_reason_which_the_reporter_reads(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    with pytest.raises(TransitionInvalid) as refusal:
        transition(matter=clue, name="reject", access=access_for(officer), data={"note": "  "})
    assert "note" in refusal.value.form.errors
    assert Clue.objects.get(pk=clue.pk).state == "submitted"
    reason = "经核实，该河段排污口已由生态环境部门依法查处，不属于检察公益诉讼受案范围。"
    transition(matter=clue, name="reject", access=access_for(officer), data={"note": reason})
    clue.refresh_from_db()
    assert clue.state == "rejected" and clue.public_reason == reason
    assert _clock(clue).state == Clock.State.STOPPED
    progress = progress_for_code(clue.query_code)
    assert progress is not None and progress.reason == reason
    assert TimelineEvent.objects.filter(matter=clue, transition="reject").get().note == reason


def test_two_officers_accepting_at_once_exactly_one_wins(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    colleague = clue_officer(kangbashi)
    stale = Clue.objects.get(pk=clue.pk)
    transition(matter=clue, name="accept", access=access_for(officer), data=CIVIL)
    with pytest.raises(TransitionConflict):
        transition(matter=stale, name="accept", access=access_for(colleague), data=CIVIL)
    with pytest.raises(TransitionConflict):
        transition(matter=stale, name="reject", access=access_for(colleague), data={"note": "x"})
    assert TimelineEvent.objects.filter(matter=clue, transition="accept").count() == 1


def test_transfer_opens_the_clue_at_the_other_procuratorate(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    ordos = procuratorate(
        ORDOS, level=Organisation.Level.MUNICIPAL, name="鄂尔多斯市人民检察院", abbreviation="鄂检"
    )
    ordos_officer = clue_officer(ordos)
    citizen = UserFactory(name="王小明")
    clue = reported_clue(anonymous=False, reporter=citizen, photos=[photo(), photo("b.png", "PNG")])
    transition(
        matter=clue,
        name="transfer",
        access=access_for(officer),
        data={"target": ordos.pk, "note": "涉及跨区县流域，由市院办理。"},
    )
    clue.refresh_from_db()
    assert clue.state == "transferred" and clue.owner == kangbashi
    assert _clock(clue).state == Clock.State.STOPPED
    moved = Clue.objects.get(transferred_from=clue)
    assert moved.owner == ordos and moved.state == "submitted"
    assert moved.case_number is not None and moved.case_number.startswith("鄂检公线〔")
    assert moved.query_code != clue.query_code
    assert (moved.description, moved.division, moved.field) == (
        clue.description,
        clue.division,
        clue.field,
    )
    assert moved.reporter_name == "王小明"
    assert MatterParty.objects.filter(matter=moved, relation="reporter", person=citizen).exists()
    assert _clock(moved).state == Clock.State.RUNNING
    assert Attachment.objects.filter(matter=moved, purpose="clue_photo").count() == 2
    assert Notification.objects.filter(recipient=ordos_officer, matter=moved).exists()
    submit = TimelineEvent.objects.get(matter=moved, transition="submit")
    assert submit.note == "涉及跨区县流域，由市院办理。"
    # the reporter's code follows the clue to where it is handled now
    progress = progress_for_code(clue.query_code)
    assert progress is not None
    assert (progress.state, progress.procuratorate, progress.transferred) == (
        "submitted",
        "鄂尔多斯市人民检察院",
        True,
    )
    assert progress.query_code == clue.query_code_display


def test_transfer_offers_and_accepts_only_other_procuratorates(kangbashi, officer) -> None:  # type: ignore[no-untyped-def]
    clue = reported_clue()
    court = OrganisationFactory(kind=OrganisationKind.COURT, name="法院")
    other = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL)
    form = TransferForm(matter=clue)
    offered = set(form.fields["target"].queryset)
    assert other in offered and kangbashi not in offered and court not in offered
    for target in (kangbashi, court):
        with pytest.raises(TransitionInvalid):
            transition(
                matter=clue, name="transfer", access=access_for(officer), data={"target": target.pk}
            )
    assert Clue.objects.get(pk=clue.pk).state == "submitted"
    assert Clue.objects.count() == 1


def test_the_transfer_effect_refuses_an_inactive_procuratorate_and_rolls_back(
    kangbashi,
    officer,  # type: ignore[no-untyped-def]
) -> None:
    from liaison.publicinterest.clue_actions import open_transferred_clue

    clue = reported_clue()
    closed = procuratorate(ORDOS, level=Organisation.Level.MUNICIPAL, is_active=False)
    with pytest.raises(WorkflowError):
        open_transferred_clue(clue=clue, target=closed)
    with pytest.raises(WorkflowError):
        open_transferred_clue(clue=clue, target=kangbashi)
    assert Clue.objects.count() == 1
