"""A petition's steps: recorded with its reply clocks counted from receipt, accepted with a
reply of receipt, a verified lawyer invited, joining or declining, recording their work, and the
petition resolved or closed; who may take each step; bad input changing nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.access import access_for
from liaison.deadlines.calculator import clock_due
from liaison.deadlines.calendar import current_calendar
from liaison.lawyers.tests.factories import lawyer
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.petitions.actions import petition_receive
from liaison.petitions.models import Petition, PetitionLawyer
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import Clock, MatterParty, Relation
from liaison.workflow.selectors import matters_visible_to, my_work

from .factories import accepted, invited, joined, petition, procuratorate, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    org = procuratorate(abbreviation="康检")
    return {
        "org": org,
        "prosecutor": staff(org, Role.PROSECUTOR, name="李建国"),
        "head": staff(org, Role.DEPARTMENT_HEAD, name="王海"),
        "lawyer": lawyer(at=org, name="高文博"),
    }


def _state(matter: Petition) -> str:
    matter.refresh_from_db()
    return matter.state


# -- recording and its clocks -------------------------------------------------------------------


def test_a_petition_is_received_with_both_reply_clocks_counted_from_its_receipt(world) -> None:
    received_on = timezone.localdate() - timedelta(days=3)
    made = petition(world["org"], by=world["prosecutor"], received_on=received_on)
    assert made.state == "received" and made.case_number.startswith("康检信〔")
    clocks = {c.name: c for c in Clock.objects.filter(matter=made)}
    assert set(clocks) == {"receipt", "result"}
    assert {c.started_on for c in clocks.values()} == {received_on}
    calendar = current_calendar()
    assert clocks["receipt"].due_on == clock_due(received_on, 7, "days", calendar)
    assert clocks["result"].due_on == clock_due(received_on, 3, "months", calendar)
    assert MatterParty.objects.filter(
        matter=made, relation=Relation.HANDLER, person=world["prosecutor"]
    ).exists()


def test_the_reply_periods_are_data_marked_to_be_confirmed() -> None:
    from liaison.deadlines.models import Period

    receipt = Period.objects.get(code="petitions.receipt_reply")
    result = Period.objects.get(code="petitions.result_reply")
    assert (receipt.amount, receipt.unit, receipt.needs_confirmation) == (7, "days", True)
    assert (result.amount, result.unit, result.needs_confirmation) == (3, "months", True)


def test_a_petition_received_in_the_future_is_refused_and_nothing_is_stored(world) -> None:
    with pytest.raises(WorkflowError, match="future"):
        petition(
            world["org"],
            by=world["prosecutor"],
            received_on=timezone.localdate() + timedelta(days=1),
        )
    assert not Petition.objects.exists()


def test_only_the_procuratorates_staff_record_its_petitions(world) -> None:
    with pytest.raises(TransitionForbidden):
        petition(world["org"], by=world["lawyer"].user)
    with pytest.raises(TransitionForbidden):
        petition(world["org"], by=staff(procuratorate(), Role.PROSECUTOR))
    clue_officer = staff(world["org"], Role.CLUE_OFFICER)
    with pytest.raises(TransitionForbidden):
        petition(world["org"], by=clue_officer)
    assert not Petition.objects.exists()


def test_a_bad_mobile_number_is_refused(world) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        petition_receive(
            access=access_for(world["prosecutor"]),
            owner=world["org"],
            petitioner_name="王秀兰",
            petitioner_mobile="12345",
            title="申请监督",
            details="……",
            received_on=timezone.localdate(),
            channel="letter",
        )
    assert "petitioner_mobile" in refused.value.message_dict
    assert not Petition.objects.exists()


# -- accepting ----------------------------------------------------------------------------------


def test_accepting_records_the_reply_of_receipt_and_stops_its_clock(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    assert made.state == "accepted"
    made.refresh_from_db()
    assert made.receipt_reply.startswith("已受理") and made.receipt_replied_at is not None
    receipt = Clock.objects.get(matter=made, name="receipt")
    assert receipt.state == Clock.State.STOPPED and receipt.met_in_time
    assert Clock.objects.get(matter=made, name="result").state == Clock.State.RUNNING


def test_accepting_without_saying_what_the_petitioner_was_told_is_refused(world) -> None:
    made = petition(world["org"], by=world["prosecutor"])
    with pytest.raises(TransitionInvalid) as refused:
        transition(
            matter=made, name="accept", access=access_for(world["prosecutor"]), data={"note": " "}
        )
    assert "note" in refused.value.form.errors
    assert _state(made) == "received"


# -- inviting a lawyer --------------------------------------------------------------------------


def test_staff_invite_a_verified_lawyer_who_is_told_and_then_sees_the_petition(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    counsel = world["lawyer"]
    assert not matters_visible_to(access_for(counsel.user)).filter(pk=made.pk).exists()
    invited(made, counsel, by=world["prosecutor"])
    assert made.state == "lawyer_invited"
    invitation = PetitionLawyer.objects.get(petition=made)
    assert invitation.lawyer == counsel and invitation.invitation.state == "invited"
    assert matters_visible_to(access_for(counsel.user)).filter(pk=made.pk).exists()
    assert my_work(access_for(counsel.user)).filter(pk=made.pk).exists()
    told = Notification.objects.get(
        recipient=counsel.user, event="petitions.petition.invite_lawyer"
    )
    assert made.case_number in told.message


def test_an_unverified_lawyer_cannot_be_invited(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    waiting = lawyer(at=world["org"], verified=False)
    with pytest.raises(TransitionInvalid) as refused:
        invited(made, waiting, by=world["prosecutor"])
    assert "lawyer" in refused.value.form.errors
    assert _state(made) == "accepted" and not PetitionLawyer.objects.exists()
    assert not matters_visible_to(access_for(waiting.user)).filter(pk=made.pk).exists()


def test_a_lawyer_outside_the_procuratorates_area_is_not_offered(world) -> None:
    from liaison.core.tests.factories import division

    elsewhere = procuratorate(division=division("630103"))  # Xining, Qinghai
    far = lawyer(at=elsewhere)
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    with pytest.raises(TransitionInvalid):
        invited(made, far, by=world["prosecutor"])
    assert _state(made) == "accepted"


def test_only_staff_invite_and_only_once_accepted(world) -> None:
    made = petition(world["org"], by=world["prosecutor"])
    with pytest.raises(WorkflowError):  # still only received
        invited(made, world["lawyer"], by=world["prosecutor"])
    accepted(made, by=world["prosecutor"])
    with pytest.raises(TransitionForbidden):
        invited(made, world["lawyer"], by=world["lawyer"].user)
    assert _state(made) == "accepted"


# -- the lawyer's answer and part ---------------------------------------------------------------


def test_the_lawyer_joins_records_their_work_and_the_handler_is_told(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    counsel = world["lawyer"]
    invited(made, counsel, by=world["prosecutor"])
    joined(made, counsel)
    assert made.state == "lawyer_taking_part"
    transition(
        matter=made,
        name="record_work",
        access=access_for(counsel.user),
        data={"opinion": "已向信访人释明再审申请期限与证据规则，建议依法申请民事再审。"},
    )
    invitation = PetitionLawyer.objects.get(petition=made)
    assert invitation.invitation.state == "accepted"
    assert invitation.invitation.answered_at is not None
    assert invitation.opinion.startswith("已向信访人释明") and invitation.opinion_at is not None
    events = set(
        Notification.objects.filter(recipient=world["prosecutor"]).values_list("event", flat=True)
    )
    assert {"petitions.petition.join", "petitions.petition.record_work"} <= events


def test_an_empty_record_of_work_is_refused(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    joined(invited(made, world["lawyer"], by=world["prosecutor"]), world["lawyer"])
    with pytest.raises(TransitionInvalid):
        transition(
            matter=made,
            name="record_work",
            access=access_for(world["lawyer"].user),
            data={"opinion": ""},
        )
    assert PetitionLawyer.objects.get(petition=made).opinion == ""


def test_only_the_invited_lawyer_answers(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    invited(made, world["lawyer"], by=world["prosecutor"])
    other = lawyer(at=world["org"])
    for person in (other.user, world["prosecutor"]):
        with pytest.raises(TransitionForbidden):
            transition(matter=made, name="join", access=access_for(person))
    assert _state(made) == "lawyer_invited"
    joined(made, world["lawyer"])
    with pytest.raises(TransitionForbidden):
        transition(
            matter=made, name="record_work", access=access_for(other.user), data={"opinion": "x"}
        )
    assert PetitionLawyer.objects.get(petition=made).opinion == ""


def test_a_lawyer_who_declines_no_longer_sees_it_and_another_may_be_invited(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    first, second = world["lawyer"], lawyer(at=world["org"])
    invited(made, first, by=world["prosecutor"])
    transition(
        matter=made, name="decline", access=access_for(first.user), data={"note": "利益冲突"}
    )
    assert made.state == "accepted"
    assert PetitionLawyer.objects.get(lawyer=first).invitation.state == "declined"
    assert not matters_visible_to(access_for(first.user)).filter(pk=made.pk).exists()
    with pytest.raises(TransitionInvalid) as refused:  # asked once already
        invited(made, first, by=world["prosecutor"])
    assert "already asked" in str(refused.value.form.errors["lawyer"])
    invited(made, second, by=world["prosecutor"])
    assert made.state == "lawyer_invited"


def test_staff_withdraw_an_unanswered_invitation_and_the_lawyer_is_told(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    counsel = world["lawyer"]
    invited(made, counsel, by=world["prosecutor"])
    with pytest.raises(TransitionInvalid):  # a reason is needed
        transition(
            matter=made,
            name="withdraw_invitation",
            access=access_for(world["prosecutor"]),
            data={"note": ""},
        )
    transition(
        matter=made,
        name="withdraw_invitation",
        access=access_for(world["prosecutor"]),
        data={"note": "律师未答复"},
    )
    assert made.state == "accepted"
    assert PetitionLawyer.objects.get(petition=made).invitation.state == "withdrawn"
    assert Notification.objects.filter(
        recipient=counsel.user, event="petitions.petition.withdraw_invitation"
    ).exists()
    assert not matters_visible_to(access_for(counsel.user)).filter(pk=made.pk).exists()


# -- the outcome --------------------------------------------------------------------------------


def test_staff_resolve_the_petition_and_the_lawyer_is_told(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    counsel = world["lawyer"]
    joined(invited(made, counsel, by=world["prosecutor"]), counsel)
    transition(
        matter=made,
        name="resolve",
        access=access_for(world["prosecutor"]),
        data={"outcome": "信访人接受释法说理，已依法申请再审，息诉罢访。"},
    )
    made.refresh_from_db()
    assert made.state == "resolved" and made.closed_at is not None
    assert made.outcome.startswith("信访人接受")
    assert Clock.objects.get(matter=made, name="result").state == Clock.State.STOPPED
    assert Notification.objects.filter(
        recipient=counsel.user, event="petitions.petition.resolve"
    ).exists()
    # The lawyer who took part still sees the petition, now closed.
    assert matters_visible_to(access_for(counsel.user)).filter(pk=made.pk).exists()


def test_resolving_needs_the_outcome_and_waits_for_the_lawyers_answer(world) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    with pytest.raises(TransitionInvalid):
        transition(matter=made, name="resolve", access=access_for(world["prosecutor"]), data={})
    invited(made, world["lawyer"], by=world["prosecutor"])
    with pytest.raises(WorkflowError):
        transition(
            matter=made,
            name="resolve",
            access=access_for(world["prosecutor"]),
            data={"outcome": "已化解"},
        )
    assert _state(made) == "lawyer_invited"


def test_closing_unresolved_is_for_a_department_head_and_withdraws_a_pending_invitation(
    world,
) -> None:
    made = accepted(petition(world["org"], by=world["prosecutor"]), by=world["prosecutor"])
    invited(made, world["lawyer"], by=world["prosecutor"])
    outcome = {"outcome": "信访人诉求缺乏法律依据，已答复，信访人不接受。"}
    with pytest.raises(TransitionForbidden):
        transition(
            matter=made,
            name="close_unresolved",
            access=access_for(world["prosecutor"]),
            data=outcome,
        )
    transition(matter=made, name="close_unresolved", access=access_for(world["head"]), data=outcome)
    made.refresh_from_db()
    assert made.state == "closed_unresolved" and made.outcome == outcome["outcome"]
    assert PetitionLawyer.objects.get(petition=made).invitation.state == "withdrawn"
    # the lawyer whose invitation the closing withdrew is told so, not that they took part
    told = Notification.objects.filter(
        recipient=world["lawyer"].user, event="petitions.petition.close_unresolved"
    )
    assert [n.text for n in told] == [
        "The invitation to take part in resolving petition %(number)s was withdrawn."
    ]
    assert not Clock.objects.filter(matter=made).exclude(state=Clock.State.STOPPED).exists()


def test_a_closed_petition_takes_no_more_steps(world) -> None:
    made = petition(world["org"], by=world["prosecutor"])
    transition(
        matter=made,
        name="close_unresolved",
        access=access_for(world["head"]),
        data={"outcome": "不属于本院管辖，已告知信访人向有管辖权的机关反映。"},
    )
    with pytest.raises(WorkflowError):
        accepted(made, by=world["prosecutor"])
