"""Raising a dispute, the joint office putting it on the next meeting's agenda, the resolution
recorded at the meeting, withdrawal; and every refusal changing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.meetings.models import AgendaItem
from liaison.meetings.tests.factories import make_it_the_day, scheduled, world
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError
from liaison.workflow.models import TimelineEvent
from liaison.workflow.tests.factories import court as court_factory
from liaison.workflow.tests.factories import sent_notice

from ..actions import dispute_raise
from ..models import Dispute
from ..selectors import NO_AGREEMENT
from .factories import GROUNDS, notice, raised, recommendation

pytestmark = pytest.mark.django_db


def _fresh(d: Dispute) -> Dispute:
    return Dispute.objects.get(pk=d.pk)


def _take(dispute: Dispute, name: str, person: Any, **data: Any) -> Any:
    return transition(matter=dispute, name=name, access=access_for(person), data=data)


def test_the_court_raises_a_dispute_that_goes_to_the_joint_office() -> None:
    w = world()
    dispute = raised(w)
    assert dispute.state == "raised"
    assert dispute.owner == w.s.court
    assert dispute.under_agreement == w.agreement
    assert set(
        dispute.parties.filter(relation="partner_org").values_list("organisation", flat=True)
    ) == {w.s.procuratorate.pk}
    office = set(dispute.parties.filter(relation="participant").values_list("person", flat=True))
    assert office == {w.luo.pk, w.zhou.pk}
    # the other side and the joint office are told
    assert Notification.objects.filter(recipient=w.s.prosecutor).exists()
    assert Notification.objects.filter(recipient=w.luo).exists()


def test_the_court_disputes_a_recommendation_served_on_it() -> None:
    w = world()
    served = recommendation(w)
    dispute = raised(w, subject=served)
    assert dispute.subject_id == served.pk and dispute.owner == w.s.court
    assert dispute.state == "raised"


def test_the_procuratorate_raises_one_too() -> None:
    w = world()
    dispute = raised(w, by=w.s.prosecutor)
    assert dispute.owner == w.s.procuratorate and dispute.state == "raised"


def test_no_grounds_is_refused_and_nothing_is_stored() -> None:
    w = world()
    subject = notice(w)
    with pytest.raises(WorkflowError):
        dispute_raise(access=access_for(w.s.judge), subject=subject, grounds="   ")
    assert not Dispute.objects.exists()


def test_a_user_of_another_court_is_refused() -> None:
    w = world()
    subject = notice(w)
    other_court = court_factory(name="东胜区人民法院")
    stranger = member(other_court, Role.JUDGE)
    with pytest.raises(TransitionForbidden):
        dispute_raise(access=access_for(stranger), subject=subject, grounds=GROUNDS)
    assert not Dispute.objects.exists()


def test_a_matter_the_user_does_not_see_is_refused() -> None:
    w = world()
    from liaison.notices.workflows import NOTICE
    from liaison.workflow.opening import matter_open

    unsent = matter_open(
        workflow=NOTICE,
        owner=w.s.procuratorate,
        access=access_for(w.s.prosecutor),
        fields={"title": "草稿", "body": "未发送"},
        partners=[w.s.court],
        handlers=[w.s.prosecutor],
    )
    with pytest.raises(TransitionForbidden):
        dispute_raise(access=access_for(w.s.judge), subject=unsent, grounds=GROUNDS)
    assert not Dispute.objects.exists()


def test_without_an_agreement_in_force_binding_both_sides_it_is_refused() -> None:
    w = world()
    other_court = court_factory(name="东胜区人民法院")
    judge = member(other_court, Role.JUDGE)
    subject = sent_notice(sender=w.s.procuratorate, recipient=other_court, author=w.s.prosecutor)
    with pytest.raises(WorkflowError) as refusal:
        dispute_raise(access=access_for(judge), subject=subject, grounds=GROUNDS)
    assert refusal.value.message == NO_AGREEMENT
    assert not Dispute.objects.exists()


def test_awaiting_a_meeting_until_one_is_scheduled() -> None:
    w = world()
    dispute = raised(w)
    with pytest.raises(WorkflowError):
        transition(matter=dispute, name="agenda", access=access_for(w.luo))
    assert _fresh(dispute).state == "raised"
    meeting = scheduled(w)
    transition(matter=_fresh(dispute), name="agenda", access=access_for(w.luo))
    dispute = _fresh(dispute)
    assert dispute.state == "on_agenda" and dispute.meeting == meeting
    item = AgendaItem.objects.get(meeting=meeting)
    assert set(item.matters.values_list("pk", flat=True)) == {dispute.pk, dispute.subject_id}
    assert TimelineEvent.objects.filter(matter=meeting, action="meetings.agenda.add").exists()


def test_only_the_joint_office_puts_it_on_the_agenda() -> None:
    w = world()
    dispute = raised(w)
    scheduled(w)
    for person in (w.s.judge, w.s.prosecutor, w.clerk):
        with pytest.raises(TransitionForbidden):
            transition(matter=_fresh(dispute), name="agenda", access=access_for(person))
    assert _fresh(dispute).state == "raised"
    transition(matter=_fresh(dispute), name="agenda", access=access_for(w.zhou))
    assert _fresh(dispute).state == "on_agenda"


def _on_agenda(w):  # type: ignore[no-untyped-def]
    dispute = raised(w)
    meeting = scheduled(w)
    transition(matter=_fresh(dispute), name="agenda", access=access_for(w.luo))
    return _fresh(dispute), meeting


def test_resolved_at_the_meeting_once_it_is_held() -> None:
    w = world()
    dispute, meeting = _on_agenda(w)
    with pytest.raises(WorkflowError):
        transition(
            matter=dispute,
            name="resolve",
            access=access_for(w.luo),
            data={"resolution": "恢复执行"},
        )
    assert _fresh(dispute).state == "on_agenda"
    meeting = make_it_the_day(meeting)
    transition(matter=meeting, name="hold", access=access_for(w.luo), data={})
    transition(
        matter=_fresh(dispute),
        name="resolve",
        access=access_for(w.zhou),
        data={"resolution": "双方一致同意由法院恢复执行。"},
    )
    dispute = _fresh(dispute)
    assert dispute.state == "resolved"
    assert dispute.resolution == "双方一致同意由法院恢复执行。" and dispute.resolved_at
    assert TimelineEvent.objects.filter(matter=meeting, action="meetings.resolution.add").exists()


def test_resolving_twice_is_refused() -> None:
    w = world()
    dispute, meeting = _on_agenda(w)
    transition(matter=make_it_the_day(meeting), name="hold", access=access_for(w.luo), data={})
    transition(matter=dispute, name="resolve", access=access_for(w.luo), data={"resolution": "一"})
    with pytest.raises(TransitionConflict):
        transition(
            matter=_fresh(dispute),
            name="resolve",
            access=access_for(w.zhou),
            data={"resolution": "二"},
        )
    assert _fresh(dispute).resolution == "一"


def test_a_resolution_needs_its_text() -> None:
    w = world()
    dispute, meeting = _on_agenda(w)
    transition(matter=make_it_the_day(meeting), name="hold", access=access_for(w.luo), data={})
    from liaison.workflow.errors import TransitionInvalid

    with pytest.raises(TransitionInvalid):
        transition(
            matter=dispute, name="resolve", access=access_for(w.luo), data={"resolution": ""}
        )
    assert _fresh(dispute).state == "on_agenda"


def test_withdrawn_by_the_raising_side_only() -> None:
    w = world()
    dispute = raised(w)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=dispute, name="withdraw", access=access_for(w.s.prosecutor), data={"note": "x"}
        )
    transition(
        matter=_fresh(dispute),
        name="withdraw",
        access=access_for(w.s.judge),
        data={"note": "已协商一致"},
    )
    assert _fresh(dispute).state == "withdrawn"


def test_a_cancelled_meeting_sends_the_dispute_back_to_wait() -> None:
    w = world()
    dispute, meeting = _on_agenda(w)
    transition(matter=meeting, name="cancel", access=access_for(w.luo), data={"note": "改期"})
    dispute = _fresh(dispute)
    assert dispute.state == "raised" and dispute.meeting is None


def test_both_sides_see_an_unresolved_dispute_and_outsiders_do_not() -> None:
    from ..selectors import disputes_visible_to

    w = world()
    dispute = raised(w)
    for person in (w.s.judge, w.s.prosecutor, w.luo, w.zhou, w.s.chief):
        assert list(disputes_visible_to(access_for(person))) == [dispute], person
    assert not disputes_visible_to(access_for(w.s.outsider_staff)).exists()
    stranger = member(OrganisationFactory(kind=OrganisationKind.COURT), Role.JUDGE)
    assert not disputes_visible_to(access_for(stranger)).exists()


def test_the_joint_office_follows_a_new_liaison_person() -> None:
    from liaison.agreements.actions import liaison_person_name

    w = world()
    dispute = raised(w)
    scheduled(w)
    newcomer = member(w.s.court, Role.ENFORCEMENT_OFFICER, name="许亮")
    liaison_person_name(
        agreement=w.agreement, organisation=w.s.court, person=newcomer, access=access_for(w.zhou)
    )
    with pytest.raises(TransitionForbidden):
        _take(_fresh(dispute), "agenda", w.zhou)
    _take(_fresh(dispute), "agenda", newcomer)
    assert _fresh(dispute).state == "on_agenda"
