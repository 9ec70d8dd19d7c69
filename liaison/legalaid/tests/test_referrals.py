"""A referral's steps both ways: sent with its decision clock, accepted or declined with
reasons, withdrawn, an aid lawyer assigned (a party of the referral and, as lawyer of record, of
the matter it arose from), the aid ended; who may take each step; bad input changing nothing."""

from datetime import timedelta

import pytest

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.deadlines.calculator import clock_due
from liaison.deadlines.calendar import current_calendar
from liaison.identities.reveal import RevealRefused, identity_reveal, subject_for
from liaison.lawyers.models import CaseCounsel
from liaison.lawyers.selectors import cases_for_lawyer
from liaison.lawyers.tests import factories as lawyer_factories
from liaison.legalaid.models import LegalAidReferral
from liaison.notifications.models import Notification
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import Clock, Matter, MatterParty, Relation
from liaison.workflow.reminders import send_deadline_reminders, take_expiry_steps
from liaison.workflow.selectors import matters_visible_to, sees

from . import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def w() -> f.World:
    return f.world()


def _state(matter: Matter) -> str:
    matter.refresh_from_db()
    return matter.state


# -- sending and the clock ----------------------------------------------------------------------


def test_a_prosecutor_refers_a_person_to_the_centre_which_is_told(w) -> None:
    made = f.referral(w)
    assert made.state == "sent" and made.matter_type == "legalaid.to_centre"
    assert "援转" in (made.case_number or "")
    assert MatterParty.objects.filter(
        matter=made, relation=Relation.PARTNER_ORG, organisation=w.centre
    ).exists()
    assert Notification.objects.filter(recipient=w.aid_officer, matter=made).exists()
    assert sees(access_for(w.aid_officer), made)
    assert not sees(access_for(w.other_officer), made)
    assert not sees(access_for(w.stranger), made)


def test_the_centre_decides_within_seven_days_under_article_43(w) -> None:
    made = f.referral(w)
    clock = Clock.objects.get(matter=made, name="answer")
    assert clock.period_code == "legalaid.centre_decision"
    assert clock.due_on == clock_due(clock.started_on, 7, "days", current_calendar())


def test_the_centre_is_reminded_before_and_told_when_missed(w) -> None:
    made = f.referral(w)
    clock = Clock.objects.get(matter=made, name="answer")
    before = Notification.objects.filter(recipient=w.aid_officer).count()
    assert send_deadline_reminders(today=clock.due_on - timedelta(days=2)).reminded == 1
    assert send_deadline_reminders(today=clock.due_on + timedelta(days=1)).overdue == 1
    assert Notification.objects.filter(recipient=w.aid_officer).count() == before + 2


def test_a_missed_decision_tells_the_referrer_once_and_may_still_be_taken_late(w) -> None:
    made = f.referral(w)
    clock = Clock.objects.get(matter=made, name="answer")
    assert take_expiry_steps(today=clock.due_on + timedelta(days=1)) == 1
    assert take_expiry_steps(today=clock.due_on + timedelta(days=2)) == 0
    assert _state(made) == "overdue"
    told = Notification.objects.filter(recipient=w.prosecutor, matter=made)
    assert told.filter(event="legalaid.to_centre.lapse").count() == 1
    assert not Notification.objects.filter(recipient=w.colleague, matter=made).exists()
    transition(matter=made, name="accept", access=access_for(w.aid_officer), data={})
    assert _state(made) == "accepted"
    assert Clock.objects.get(pk=clock.pk).state == Clock.State.STOPPED


def test_the_procuratorate_decides_on_a_centres_case_on_its_own_clock(w) -> None:
    made = f.from_centre(w)
    assert made.matter_type == "legalaid.to_procuratorate" and made.owner == w.centre
    clock = Clock.objects.get(matter=made, name="answer")
    assert clock.period_code == "legalaid.procuratorate_decision"
    assert Notification.objects.filter(recipient=w.prosecutor, matter=made).exists()


# -- answering ----------------------------------------------------------------------------------


def test_the_centre_accepts_the_referrer_is_told_and_the_assignment_clock_starts(w) -> None:
    made = f.accepted(w)
    assert made.state == "accepted" and made.answered_at is not None
    clocks = {c.name: c for c in Clock.objects.filter(matter=made)}
    assert clocks["answer"].state == Clock.State.STOPPED
    assert clocks["assign"].state == Clock.State.RUNNING
    assert Notification.objects.filter(recipient=w.prosecutor, matter=made).count() >= 1


def test_declining_needs_reasons_which_the_referrer_reads(w) -> None:
    made = f.referral(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=made, name="decline", access=access_for(w.aid_officer), data={"note": " "}
        )
    assert _state(made) == "sent"
    transition(
        matter=made,
        name="decline",
        access=access_for(w.aid_officer),
        data={"note": "申请人经济状况不符合法律援助条件。"},
    )
    made = LegalAidReferral.objects.get(pk=made.pk)
    assert made.state == "declined" and made.answer == "申请人经济状况不符合法律援助条件。"
    assert Clock.objects.get(matter=made, name="answer").state == Clock.State.STOPPED


def test_the_referrer_withdraws_before_the_answer(w) -> None:
    made = f.referral(w)
    transition(
        matter=made, name="withdraw", access=access_for(w.prosecutor), data={"note": "已和解"}
    )
    assert _state(made) == "withdrawn"


def test_the_procuratorate_accepts_a_centres_case_and_it_is_recorded(w) -> None:
    made = f.from_centre(w)
    transition(matter=made, name="accept", access=access_for(w.prosecutor), data={"note": "受理"})
    made = LegalAidReferral.objects.get(pk=made.pk)
    assert made.state == "accepted" and made.is_closed
    assert Notification.objects.filter(recipient=w.aid_officer, matter=made).count() >= 1


# -- who may answer -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_officer", "stranger", "prosecutor", "colleague"])
def test_only_the_receiving_centre_answers(w, who) -> None:
    made = f.referral(w)
    with pytest.raises(TransitionForbidden):
        transition(matter=made, name="accept", access=access_for(getattr(w, who)), data={})
    assert _state(made) == "sent"


def test_the_centre_cannot_withdraw_what_it_received(w) -> None:
    made = f.referral(w)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=made, name="withdraw", access=access_for(w.aid_officer), data={"note": "x"}
        )


# -- the aid lawyer -----------------------------------------------------------------------------


def test_the_centre_assigns_an_aid_lawyer_who_is_told_and_sees_it(w) -> None:
    made = f.assigned(w)
    assert made.state == "aid_under_way" and made.aid_lawyer == w.lawyer
    assert MatterParty.objects.filter(
        matter=made, relation=Relation.PARTICIPANT, person=w.lawyer.user
    ).exists()
    assert sees(access_for(w.lawyer.user), made)
    assert not sees(access_for(w.other_lawyer.user), made)
    assert Notification.objects.filter(recipient=w.lawyer.user, matter=made).exists()
    assert Notification.objects.filter(recipient=w.prosecutor, matter=made).count() >= 2
    assert Clock.objects.get(matter=made, name="assign").state == Clock.State.STOPPED
    assert made.pk in set(
        matters_visible_to(access_for(w.lawyer.user)).values_list("pk", flat=True)
    )


def test_the_aid_lawyer_becomes_lawyer_of_record_of_the_case_it_arose_from(w) -> None:
    case = lawyer_factories.case(w.procuratorate, by=w.prosecutor)
    made = f.assigned(w, source=case)
    counsel = CaseCounsel.objects.get(case=case, lawyer=w.lawyer)
    assert counsel.client == f.PERSON and counsel.party is not None
    assert counsel.party.relation == Relation.COUNSEL
    assert list(cases_for_lawyer(w.lawyer)) == [case]
    assert made.source_id == case.pk


def test_on_any_other_source_the_aid_lawyer_is_a_counsel_party(w) -> None:
    first = f.referral(w)
    made = f.assigned(w, source=first)
    assert MatterParty.objects.filter(
        matter=first, relation=Relation.COUNSEL, person=w.lawyer.user
    ).exists()
    assert made.source_id == first.pk


def test_an_aid_lawyer_must_be_a_lawyer(w) -> None:
    made = f.accepted(w)
    for value in (str(w.prosecutor.pk + 10_000), "", "abc"):
        with pytest.raises(TransitionInvalid):
            transition(
                matter=made,
                name="assign_lawyer",
                access=access_for(w.aid_officer),
                data={"lawyer": value},
            )
    unverified = lawyer_factories.lawyer(at=w.procuratorate, verified=False)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=made,
            name="assign_lawyer",
            access=access_for(w.aid_officer),
            data={"lawyer": str(unverified.pk)},
        )
    assert _state(made) == "accepted"
    assert not MatterParty.objects.filter(matter=made, relation=Relation.PARTICIPANT).exists()


def test_the_referrer_cannot_assign_the_lawyer(w) -> None:
    made = f.accepted(w)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=made,
            name="assign_lawyer",
            access=access_for(w.prosecutor),
            data={"lawyer": str(w.lawyer.pk)},
        )


def test_the_centre_records_the_end_of_the_aid(w) -> None:
    made = f.assigned(w)
    with pytest.raises(TransitionInvalid):
        transition(matter=made, name="close", access=access_for(w.aid_officer), data={})
    with pytest.raises(TransitionForbidden):
        transition(
            matter=made, name="close", access=access_for(w.lawyer.user), data={"outcome": "x"}
        )
    transition(
        matter=made,
        name="close",
        access=access_for(w.aid_officer),
        data={"outcome": "经调解，用人单位支付工资三万元。"},
    )
    made = LegalAidReferral.objects.get(pk=made.pk)
    assert made.state == "closed" and made.outcome == "经调解，用人单位支付工资三万元。"
    assert Notification.objects.filter(recipient=w.lawyer.user, matter=made).count() >= 2


# -- who the person is --------------------------------------------------------------------------


def test_the_person_is_revealed_to_handling_staff_only_and_every_look_audited(w) -> None:
    made = f.assigned(w)
    subject = subject_for(made, "person")
    for person in (w.prosecutor, w.aid_officer):
        shown = identity_reveal(access=access_for(person), matter=made, subject=subject)
        assert shown.name == f.PERSON and shown.id_number == f.PERSON_ID
    for person in (w.colleague, w.lawyer.user, w.other_officer, w.stranger):
        with pytest.raises(RevealRefused):
            identity_reveal(access=access_for(person), matter=made, subject=subject)
    assert AuditRecord.objects.filter(action="legalaid.person.view").count() == 2
    assert AuditRecord.objects.filter(action="legalaid.person.refused").count() == 4


# -- bad input on sending -----------------------------------------------------------------------


@pytest.mark.parametrize("receiver", ["bureau", "procuratorate", "other_centre"])
def test_referral_to_anything_but_a_partner_centre_is_refused(w, receiver) -> None:
    with pytest.raises(WorkflowError):
        f.referral(w, receiver=getattr(w, receiver))
    assert not LegalAidReferral.objects.exists() and not Clock.objects.exists()


def test_a_centre_refers_only_to_a_procuratorate(w) -> None:
    with pytest.raises(WorkflowError):
        f.referral(w, by=w.aid_officer, sender=w.centre, receiver=w.bureau)
    assert not LegalAidReferral.objects.exists()


def test_the_procuratorates_accept_is_a_step_another_app_may_react_to() -> None:
    """The support-prosecution case is opened by a reaction to this step (after the merge)."""
    from liaison.legalaid.workflows import TO_PROCURATORATE

    accept = TO_PROCURATORATE.transition("accept")
    assert not accept.automatic and accept.target == "accepted"
    assert "accepted" in TO_PROCURATORATE.final
