"""A public-interest suit reaches the court: the chief procurator approves the suit (and ending a
case without one), the court named becomes a partner and is told, registers the suit under its
own case number, records hearing days and the judgment; the procuratorate's case follows. The
wrong court, registering twice and a judgment before the registration are refused, changing
nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import member
from liaison.notifications.models import Notification
from liaison.orgs.roles import Role
from liaison.publicinterest.models import CourtHearing, PILCase
from liaison.publicinterest.suit_actions import JUDGMENT_PURPOSE
from liaison.publicinterest.workflows import ADMIN_CASE, CIVIL_CASE
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.errors import (
    TransitionConflict,
    TransitionForbidden,
    TransitionInvalid,
    WorkflowError,
)
from liaison.workflow.models import Clock, MatterParty, Relation
from liaison.workflow.selectors import my_work, sees

from .factories import (
    announced_case,
    court,
    filed_case,
    followed_up_case,
    judgment_pdf,
    procuratorate,
    prosecutor,
    sued_case,
)

pytestmark = pytest.mark.django_db

NUMBER = "（2026）晋02民初123号"


@pytest.fixture
def datong():  # type: ignore[no-untyped-def]
    return procuratorate(name="大同市人民检察院", abbreviation="同检")


@pytest.fixture
def handler(datong):  # type: ignore[no-untyped-def]
    return prosecutor(datong, name="罗伟民")


@pytest.fixture
def bench():  # type: ignore[no-untyped-def]
    return court()


@pytest.fixture
def judge(bench):  # type: ignore[no-untyped-def]
    return member(bench, Role.JUDGE, name="王法官")


def _register(case, person, number=NUMBER, day=None):  # type: ignore[no-untyped-def]
    return transition(
        matter=case,
        name="register",
        access=access_for(person),
        data={"court_case_number": number, "registered_on": day or timezone.localdate()},
    )


def _judgment(case, person, **data):  # type: ignore[no-untyped-def]
    return transition(
        matter=case,
        name="record_judgment",
        access=access_for(person),
        data={
            "judgment_outcome": "partly_upheld",
            "judgment_on": timezone.localdate(),
            "judgment_summary": "判令被告赔偿生态修复费用。",
        }
        | data,
        files={"document": judgment_pdf()},
    )


def test_suing_awaits_the_chief_procurator_then_the_court_receives_it(  # type: ignore[no-untyped-def]
    handler, bench, judge
) -> None:
    case = announced_case(by=handler)
    data = {"court": bench.pk, "suit_filed_on": timezone.localdate(), "claims": "停止侵害。"}
    transition(matter=case, name="sue", access=access_for(handler), data=data)
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "announced" and case.awaiting_approval
    assert not MatterParty.objects.filter(matter=case, relation=Relation.PARTNER_ORG).exists()
    assert not sees(access_for(judge), case)
    head = member(case.owner, Role.DEPARTMENT_HEAD)
    with pytest.raises(WorkflowError):  # the chief procurator approves, not the head
        approval_approve(matter=case, access=access_for(head))
    chief = member(case.owner, Role.CHIEF_PROCURATOR)
    approval_approve(matter=case, access=access_for(chief))
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "litigation" and case.court == bench and case.claims == "停止侵害。"
    assert MatterParty.objects.filter(
        matter=case, relation=Relation.PARTNER_ORG, organisation=bench
    ).exists()
    assert sees(access_for(judge), case)
    told = Notification.objects.get(recipient=judge, matter=case)
    assert told.event == "publicinterest.civil_case.sue"
    assert case.pk in {m.pk for m in my_work(access_for(judge))}


def test_every_way_of_ending_a_case_without_suing_awaits_the_chief_procurator() -> None:
    """Issue 11: terminating, closing as rectified and closing because an entitled organ sued
    each end a case without a suit, so each needs the chief procurator's approval, as suing."""
    for workflow, step in (
        (ADMIN_CASE, "terminate"),
        (ADMIN_CASE, "close_rectified"),
        (CIVIL_CASE, "terminate"),
        (CIVIL_CASE, "organ_sued"),
    ):
        approval = workflow.transition(step).approval
        assert approval is not None, step
        assert approval.default_approvers == (Role.CHIEF_PROCURATOR,), step


def test_an_entitled_organ_suing_closes_the_case_once_the_chief_approves(handler) -> None:  # type: ignore[no-untyped-def]
    case = announced_case(by=handler)
    note = {"note": "中华环保联合会已向大同市中级人民法院提起诉讼。"}
    transition(matter=case, name="organ_sued", access=access_for(handler), data=note)
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "announced" and case.awaiting_approval
    with pytest.raises(WorkflowError):  # the handler does not approve their own step
        approval_approve(matter=case, access=access_for(handler))
    approval_approve(matter=case, access=access_for(member(case.owner, Role.CHIEF_PROCURATOR)))
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "organ_sued" and case.conclusion == note["note"]


def test_terminating_awaits_the_chief_procurator(handler) -> None:  # type: ignore[no-untyped-def]
    case = filed_case(by=handler)
    transition(matter=case, name="terminate", access=access_for(handler), data={"note": "已整改。"})
    assert PILCase.objects.get(pk=case.pk).state == "investigating"
    approval_approve(matter=case, access=access_for(member(case.owner, Role.CHIEF_PROCURATOR)))
    assert PILCase.objects.get(pk=case.pk).state == "terminated"


def test_the_court_registers_records_hearings_and_the_judgment(handler, bench, judge) -> None:  # type: ignore[no-untyped-def]
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    today = timezone.localdate()
    _register(case, judge, number="(2026)晋02民初123号")  # ASCII brackets are normalised
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "registered" and case.judgment_number == NUMBER
    assert case.registered_on == today
    assert Notification.objects.filter(recipient=handler, event__endswith=".register").exists()
    transition(
        matter=case,
        name="record_hearing",
        access=access_for(judge),
        data={"held_on": today + timedelta(days=20), "note": "第一次开庭"},
    )
    transition(
        matter=case, name="record_hearing", access=access_for(judge), data={"held_on": today}
    )
    assert list(CourtHearing.objects.filter(case=case).values_list("held_on", flat=True)) == [
        today,
        today + timedelta(days=20),
    ]
    assert PILCase.objects.get(pk=case.pk).state == "registered"
    _judgment(PILCase.objects.get(pk=case.pk), judge)
    case = PILCase.objects.get(pk=case.pk)
    assert case.state == "judged" and case.judgment_outcome == "partly_upheld"
    document = Attachment.objects.get(purpose=JUDGMENT_PURPOSE)
    assert case.judgment_document == document and document.matter_id == case.pk
    assert Notification.objects.filter(
        recipient=handler, event__endswith=".record_judgment"
    ).exists()


def test_a_court_officer_of_another_court_is_refused(handler, bench) -> None:  # type: ignore[no-untyped-def]
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    stranger = member(court(name="另一人民法院"), Role.JUDGE)
    with pytest.raises(TransitionForbidden):
        _register(case, stranger)
    assert PILCase.objects.get(pk=case.pk).state == "litigation"
    enforcement = member(bench, Role.ENFORCEMENT_OFFICER)
    with pytest.raises(TransitionForbidden):  # judges and the president register
        _register(case, enforcement)
    with pytest.raises(TransitionForbidden):  # the prosecutor no longer records the court's acts
        _register(case, handler)
    assert PILCase.objects.get(pk=case.pk).judgment_number == ""


def test_registering_twice_and_a_judgment_before_registration_are_refused(  # type: ignore[no-untyped-def]
    handler, bench, judge
) -> None:
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    with pytest.raises(TransitionConflict):
        _judgment(case, judge)
    assert not Attachment.objects.filter(purpose=JUDGMENT_PURPOSE).exists()
    _register(case, judge)
    with pytest.raises(TransitionConflict):
        _register(PILCase.objects.get(pk=case.pk), judge, number="（2026）晋02民初124号")
    assert PILCase.objects.get(pk=case.pk).judgment_number == NUMBER


@pytest.mark.parametrize(
    "number",
    ["2026晋02民初123号", "（2026）晋02执123号", "（2026）晋02行初123号", "（26）晋02民初1号", ""],
)
def test_a_bad_case_number_is_refused(handler, bench, judge, number) -> None:  # type: ignore[no-untyped-def]
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    with pytest.raises(TransitionInvalid) as refused:
        _register(case, judge, number=number)
    assert "court_case_number" in refused.value.form.errors
    assert PILCase.objects.get(pk=case.pk).state == "litigation"


def test_an_administrative_suit_is_registered_as_an_administrative_case(  # type: ignore[no-untyped-def]
    handler, bench, judge
) -> None:
    case = sued_case(followed_up_case(filed_case(by=handler)), by=handler, before=bench)
    with pytest.raises(TransitionInvalid):
        _register(case, judge)  # 民初
    _register(case, judge, number="（2026）晋02行初7号")
    assert PILCase.objects.get(pk=case.pk).state == "registered"


def test_days_out_of_order_are_refused(handler, bench, judge) -> None:  # type: ignore[no-untyped-def]
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    today = timezone.localdate()
    with pytest.raises(TransitionInvalid):
        _register(case, judge, day=today + timedelta(days=1))
    with pytest.raises(TransitionInvalid):
        _register(case, judge, day=today - timedelta(days=1))  # before the suit was filed
    _register(case, judge)
    case = PILCase.objects.get(pk=case.pk)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="record_hearing",
            access=access_for(judge),
            data={"held_on": today - timedelta(days=1)},
        )
    with pytest.raises(TransitionInvalid):
        _judgment(case, judge, judgment_on=today + timedelta(days=1))
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="record_judgment",
            access=access_for(judge),
            data={"judgment_outcome": "upheld", "judgment_on": today, "judgment_summary": "x"},
        )  # no document
    assert PILCase.objects.get(pk=case.pk).state == "registered"


def test_the_decision_to_sue_runs_on_its_clock(handler) -> None:  # type: ignore[no-untyped-def]
    case = followed_up_case(filed_case(by=handler))
    clock = Clock.objects.get(matter=case, name="decide_to_sue")
    assert clock.state == Clock.State.RUNNING and clock.period_code == "pil.decide_to_sue"
    assert (clock.amount, clock.unit) == (2, "months")
    sued_case(case, by=handler, before=court())
    assert Clock.objects.get(pk=clock.pk).state == Clock.State.STOPPED


def test_the_court_sees_a_case_only_from_the_suit_on() -> None:
    for workflow in (ADMIN_CASE, CIVIL_CASE):
        assert workflow.transition("sue").approval is not None
        assert workflow.transition("terminate").approval is not None
        assert workflow.transition("sue").approval.default_approvers == (Role.CHIEF_PROCURATOR,)
        seen = {
            state
            for state in workflow.states
            if any(
                s.who.relation == Relation.PARTNER_ORG and state in s.states
                for s in workflow.sight_rules
            )
        }
        assert seen == {"litigation", "registered", "judged", "concluded"}


def test_the_court_adds_nothing_to_the_procuratorates_file(handler, bench, judge) -> None:  # type: ignore[no-untyped-def]
    from liaison.workflow.selectors import may_attach, may_comment

    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    assert sees(access_for(judge), case)
    assert not may_attach(access_for(judge), case) and not may_comment(access_for(judge), case)
    assert may_attach(access_for(handler), case)


def test_the_case_page_offers_the_court_its_step_and_hides_it_from_another_court(  # type: ignore[no-untyped-def]
    client, handler, bench, judge
) -> None:
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    client.force_login(judge)
    page = client.get(f"/matters/{case.pk}/")
    assert page.status_code == 200
    assert f"/matters/{case.pk}/steps/register/" in page.content.decode()
    client.force_login(member(court(name="另一人民法院"), Role.JUDGE))
    assert client.get(f"/matters/{case.pk}/").status_code == 404
    refused = client.post(
        f"/matters/{case.pk}/steps/register/",
        {"court_case_number": NUMBER, "registered_on": timezone.localdate().isoformat()},
    )
    assert refused.status_code == 404
    assert PILCase.objects.get(pk=case.pk).state == "litigation"


def test_the_court_reads_the_suits_steps_and_not_the_procuratorates_notes(  # type: ignore[no-untyped-def]
    client, handler, bench, judge
) -> None:
    """``COURT_SIGHT.reads``: the case page's timeline shows the court the suit and its own
    steps; a prosecutor's note, and the steps before the suit, stay the procuratorate's."""
    from liaison.workflow.actions import matter_comment

    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    matter_comment(matter=case, access=access_for(handler), text="内部意见：证据链尚需补强")
    _register(case, judge)
    client.force_login(judge)
    court_page = client.get(f"/matters/{case.pk}/").content.decode()
    assert "内部意见" not in court_page
    entries = court_page.count("<li data-action=")
    client.force_login(handler)
    handler_page = client.get(f"/matters/{case.pk}/").content.decode()
    assert "内部意见" in handler_page
    assert handler_page.count("<li data-action=") > entries >= 2  # sued, registered


def test_a_suit_brought_before_gets_its_court_as_a_partner(handler, bench, judge) -> None:  # type: ignore[no-untyped-def]
    """Migration 0009: a case sued before the court took part keeps its court and number, and
    the court becomes its partner (once, however often the migration's function runs)."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    MatterParty.objects.filter(matter=case, relation=Relation.PARTNER_ORG).delete()
    assert not sees(access_for(judge), case)
    migration = import_module("liaison.publicinterest.migrations.0009_courts_of_earlier_suits")
    editor = SimpleNamespace(connection=connection)
    migration.courts_become_partners(apps, editor)
    migration.courts_become_partners(apps, editor)
    assert MatterParty.objects.filter(matter=case, relation=Relation.PARTNER_ORG).count() == 1
    assert sees(access_for(judge), case)


def test_the_court_sees_the_suits_files_and_never_the_investigation_file(  # type: ignore[no-untyped-def]
    client, settings, tmp_path, handler, bench, judge
) -> None:
    """``COURT_SIGHT.files``: the court before which a case is sued sees and fetches the suit
    document, the evidence submitted with it and the judgment; the rest of the procuratorate's
    file stays the procuratorate's, on the page and at the download."""
    from django.http import Http404
    from django.urls import reverse

    from liaison.attachments.actions import attachment_add_to_matter
    from liaison.attachments.selectors import get_attachment_for
    from liaison.publicinterest.models import EvidenceKind
    from liaison.workflow.selectors import attachments_for

    settings.MEDIA_ROOT = tmp_path
    case = sued_case(announced_case(by=handler), by=handler, before=bench)
    act = access_for(handler)
    files = {
        kind: attachment_add_to_matter(
            matter=case, access=act, file=judgment_pdf(f"{kind}.pdf"), purpose=kind
        )
        for kind in (EvidenceKind.SITE, EvidenceKind.SUIT, EvidenceKind.SUIT_EVIDENCE)
    }
    internal = files[EvidenceKind.SITE]
    _register(case, judge)
    _judgment(PILCase.objects.get(pk=case.pk), judge)
    case = PILCase.objects.get(pk=case.pk)
    seen = set(attachments_for(access_for(judge), case).values_list("purpose", flat=True))
    assert seen == {EvidenceKind.SUIT, EvidenceKind.SUIT_EVIDENCE, JUDGMENT_PURPOSE}
    with pytest.raises(Http404):
        get_attachment_for(access_for(judge), internal.pk)
    assert get_attachment_for(access_for(judge), files[EvidenceKind.SUIT].pk)
    assert get_attachment_for(access_for(judge), case.judgment_document_id)
    assert internal in attachments_for(act, case)  # the procuratorate keeps its whole file
    client.force_login(judge)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert "suit_document.pdf" in page and "suit_evidence.pdf" in page
    assert "evidence_site.pdf" not in page
    download = reverse("attachments:download", args=[internal.pk])
    assert client.get(download).status_code == 404
