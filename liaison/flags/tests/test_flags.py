"""Raising a flag, the other side's answer, the outcome, withdrawal; who sees a flag and who may
take each step; and every refusal changing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import add_parties
from liaison.workflow.selectors import matters_visible_to, sees
from liaison.workflow.tests.factories import court as court_factory

from ..actions import EVIDENCE_PURPOSE, flag_raise
from ..models import Flag
from ..selectors import may_raise
from .factories import GROUNDS, flagged, shared, world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _fresh(f: Flag) -> Flag:
    return Flag.objects.get(pk=f.pk)


def _take(flag: Flag, name: str, person: Any, **data: Any) -> Any:
    return transition(matter=_fresh(flag), name=name, access=access_for(person), data=data)


def test_the_prosecutor_flags_a_shared_matter_and_the_court_is_told(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    w = world()
    evidence = [(SimpleUploadedFile("借款合同.pdf", PDF, "application/pdf"), "application/pdf")]
    flag = flagged(w, evidence=evidence)
    assert (flag.state, flag.owner, flag.kind) == ("raised", w.procuratorate, "false_litigation")
    assert list(
        flag.parties.filter(relation="partner_org").values_list("organisation", flat=True)
    ) == [w.court.pk]
    assert Attachment.objects.get(matter=flag).purpose == EVIDENCE_PURPOSE
    assert Notification.objects.filter(recipient=w.judge, matter=flag).exists()
    assert Notification.objects.filter(recipient=w.enforcement, matter=flag).exists()


def test_the_court_flags_pension_fraud_too() -> None:
    w = world()
    flag = flagged(w, by=w.judge, kind=Flag.Kind.PENSION_FRAUD)
    assert (flag.owner, flag.kind) == (w.court, "pension_fraud")
    assert Notification.objects.filter(recipient=w.prosecutor, matter=flag).exists()


def test_the_court_acknowledges_and_the_outcome_is_recorded() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "acknowledge", w.enforcement, note="已组织合议庭审查。")
    assert (_fresh(flag).state, _fresh(flag).answer) == ("acknowledged", "acknowledged")
    assert Notification.objects.filter(recipient=w.prosecutor, matter=flag).exists()
    _take(flag, "close", w.prosecutor, outcome="reopened", note="法院已依职权再审，撤销原判决。")
    done = _fresh(flag)
    assert (done.state, done.outcome) == ("closed", "reopened")
    assert done.outcome_at is not None and "撤销" in done.outcome_note


def test_the_court_disputes_with_reasons() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "dispute", w.judge, note="借款有银行转账记录，不存在虚构债务。")
    done = _fresh(flag)
    assert (done.state, done.answer) == ("disputed", "disputed")
    assert "银行转账" in done.answer_note
    _take(flag, "close", w.prosecutor, outcome="unfounded", note="经核查，线索不成立。")
    assert _fresh(flag).outcome == "unfounded"


def test_a_dispute_without_reasons_is_refused_and_nothing_changes() -> None:
    w = world()
    flag = flagged(w)
    with pytest.raises(TransitionInvalid):
        _take(flag, "dispute", w.judge, note="  ")
    assert _fresh(flag).state == "raised" and not _fresh(flag).answer


def test_an_outcome_without_details_or_of_an_unknown_kind_is_refused() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "acknowledge", w.judge)
    with pytest.raises(TransitionInvalid):
        _take(flag, "close", w.prosecutor, outcome="reopened", note="")
    with pytest.raises(TransitionInvalid):
        _take(flag, "close", w.prosecutor, outcome="forgiven", note="不予追究。")
    assert _fresh(flag).state == "acknowledged" and not _fresh(flag).outcome


def test_the_raising_side_withdraws_with_a_reason() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "withdraw", w.prosecutor, note="申请执行人已撤回执行申请。")
    assert _fresh(flag).state == "withdrawn"


def test_only_the_other_side_answers_and_only_the_raising_side_closes() -> None:
    w = world()
    flag = flagged(w)
    with pytest.raises(TransitionForbidden):
        _take(flag, "acknowledge", w.prosecutor)
    with pytest.raises(TransitionForbidden):
        _take(flag, "withdraw", w.judge, note="不应撤回。")
    _take(flag, "acknowledge", w.judge)
    with pytest.raises(TransitionForbidden):
        _take(flag, "close", w.judge, outcome="unfounded", note="自行认定。")
    assert _fresh(flag).state == "acknowledged"


def test_an_answer_after_withdrawal_is_refused() -> None:
    w = world()
    flag = flagged(w)
    _take(flag, "withdraw", w.prosecutor, note="误报。")
    with pytest.raises(WorkflowError):
        _take(flag, "acknowledge", w.judge)
    assert _fresh(flag).state == "withdrawn" and not _fresh(flag).answer


def test_grounds_and_kind_are_required_and_nothing_is_stored() -> None:
    w = world()
    subject = shared(w)
    with pytest.raises(WorkflowError):
        flag_raise(access=access_for(w.prosecutor), subject=subject, kind="fraud", grounds="x")
    with pytest.raises(WorkflowError):
        flag_raise(
            access=access_for(w.prosecutor),
            subject=subject,
            kind=Flag.Kind.FALSE_LITIGATION,
            grounds="   ",
        )
    assert not Flag.objects.exists()


def test_an_officer_of_another_court_may_not_flag_it() -> None:
    w = world()
    subject = shared(w)
    stranger = member(court_factory(name="东胜区人民法院"), Role.JUDGE)
    assert not may_raise(access_for(stranger), subject)
    with pytest.raises(TransitionForbidden):
        flag_raise(
            access=access_for(stranger), subject=subject, kind="false_litigation", grounds=GROUNDS
        )
    assert not Flag.objects.exists()


def test_a_matter_no_two_organisations_share_is_not_flagged() -> None:
    from liaison.retrials.tests import factories as retrials

    w = retrials.world()
    draft = retrials.drafted(w)  # a retrial case not yet served: the court is no party
    assert not may_raise(access_for(w.prosecutor), draft)
    with pytest.raises(TransitionForbidden):
        flag_raise(
            access=access_for(w.prosecutor), subject=draft, kind="pension_fraud", grounds=GROUNDS
        )


def test_the_other_side_must_share_the_matter() -> None:
    w = world()
    subject = shared(w)
    elsewhere = court_factory(name="城西区人民法院")
    with pytest.raises(WorkflowError):
        flag_raise(
            access=access_for(w.prosecutor),
            subject=subject,
            kind="false_litigation",
            grounds=GROUNDS,
            against=elsewhere,
        )
    assert not Flag.objects.exists()


def test_a_liaison_person_or_administrator_does_not_flag() -> None:
    w = world()
    subject = shared(w)
    for role in (Role.LIAISON, Role.ADMINISTRATOR):
        assert not may_raise(access_for(member(w.court, role)), subject)


def test_only_the_two_organisations_case_staff_see_the_flag() -> None:
    w = world()
    subject = shared(w)
    agency: Organisation = OrganisationFactory(
        name="城中区人社局", kind=OrganisationKind.ADMINISTRATIVE_AGENCY
    )
    officer = member(agency, Role.AGENCY_OFFICER)
    add_parties(matter=subject, partners=[agency])  # a third organisation shares the matter
    flag = flagged(
        w, subject=Matter.objects.get(pk=subject.pk), by=w.judge, against=w.procuratorate
    )
    assert flag.owner == w.court
    assert sees(access_for(officer), subject)
    assert not sees(access_for(officer), flag)
    assert not matters_visible_to(access_for(officer)).filter(pk=flag.pk).exists()
    for person in (w.prosecutor, w.head, w.judge, w.enforcement):
        assert sees(access_for(person), flag)
    for role in (Role.LIAISON, Role.ADMINISTRATOR):
        assert not sees(access_for(member(w.court, role)), flag)
    assert not sees(access_for(member(court_factory(name="东胜区人民法院"), Role.JUDGE)), flag)
