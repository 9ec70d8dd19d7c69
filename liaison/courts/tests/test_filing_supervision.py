"""The procuratorate's supervision of a referral the public security organ did not file (立案监督):
"not filed" is no longer the end; the handler accepts the organ's decision or asks it to explain
why (seven days), then accepts the reasons or notifies it to file (fifteen days), and the organ
files. Each period lapses into an overdue state that tells the handler, and the organ may still
answer. Only the procuratorate asks and notifies; only the organ referred to answers."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from liaison.attachments.models import Attachment
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, division, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, TransitionInvalid
from liaison.workflow.models import Clock, Matter
from liaison.workflow.policy import policy_for
from liaison.workflow.reminders import send_deadline_reminders, take_expiry_steps
from liaison.workflow.selectors import my_work

from ..models import EXPLANATION_PURPOSE, SupervisionCase
from ..workflows import (
    ENFORCEMENT,
    FINAL,
    NOTIFIED_FILING,
    READ_FILING_SUPERVISION,
    REASONS,
)
from .factories import (
    World,
    declined,
    explained,
    notified_to_file,
    reasons_asked,
    referred,
    world,
)

pytestmark = pytest.mark.django_db

ASK = {"reasons": "被执行人转移财产逾百万元，情节严重，应当立案。"}
EXPLAIN = {"reasons": "经审查，被执行人已履行大部分义务，不认为是犯罪。"}
NOTIFY = {"reasons": "被执行人仅履行一成，其余财产已转移，不立案理由不能成立。"}


def _state(case: SupervisionCase) -> str:
    return SupervisionCase.objects.get(pk=case.pk).state


def _clock(case: SupervisionCase, name: str) -> Clock:
    return Clock.objects.get(matter=case, name=name)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("不立案理由说明书.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")


def _outsiders(w: World) -> dict[str, object]:
    """Those who may not take the filing supervision's steps: the court, another organ's police
    officer, a stranger."""
    other = OrganisationFactory(
        name="大通县公安局", kind=OrganisationKind.PUBLIC_SECURITY, division=division()
    )
    return {
        "court": w.judge,
        "other police": member(other, Role.POLICE_OFFICER),
        "stranger": UserFactory(),
    }


def _told(case: SupervisionCase, step: str) -> set[object]:
    event = f"courts.enforcement.{step}"
    return {n.recipient for n in Notification.objects.filter(matter=case, event=event)}


def test_not_filed_is_no_longer_final_and_the_handler_has_it_in_their_work() -> None:
    assert "not_filed" not in FINAL and "not_filed" not in ENFORCEMENT.final_states
    assert "not_filing_accepted" in ENFORCEMENT.final_states
    w = world()
    case = declined(w)
    assert case.state == "not_filed" and case.closed_at is None
    assert case.pk in {m.pk for m in my_work(access_for(w.prosecutor))}
    assert case.pk not in {m.pk for m in my_work(access_for(w.officer))}


def test_the_handler_asks_the_organ_for_its_reasons_on_a_seven_day_clock() -> None:
    w = world()
    case = reasons_asked(w)
    assert case.state == "reasons_requested"
    assert case.reasons_request.startswith("被执行人转移财产")
    clock = _clock(case, REASONS)
    assert clock.state == Clock.State.RUNNING
    assert (clock.amount, clock.unit, clock.period_code) == (7, "days", "courts.police_reasons")
    assert _told(case, "ask_reasons") == {w.officer}
    assert case.pk in {m.pk for m in my_work(access_for(w.officer))}


def test_asking_needs_the_reasons() -> None:
    w = world()
    case = declined(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case, name="ask_reasons", access=access_for(w.prosecutor), data={"reasons": ""}
        )
    assert _state(case) == "not_filed"


def test_only_the_procuratorate_asks_for_the_reasons() -> None:
    w = world()
    case = declined(w)
    for who, user in {**_outsiders(w), "the organ": w.officer}.items():
        with pytest.raises(TransitionForbidden):
            transition(matter=case, name="ask_reasons", access=access_for(user), data=ASK)
        assert _state(case) == "not_filed", who
    transition(matter=case, name="ask_reasons", access=access_for(w.chief), data=ASK)
    assert _state(case) == "reasons_requested"


def test_the_organ_explains_with_its_documents_and_the_handler_is_told() -> None:
    w = world()
    case = reasons_asked(w)
    transition(
        matter=case,
        name="police_explain",
        access=access_for(w.officer),
        data=EXPLAIN,
        files={"documents": [_pdf()]},
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "reasons_given" and case.police_explanation == EXPLAIN["reasons"]
    assert _clock(case, REASONS).state == Clock.State.STOPPED
    stored = Attachment.objects.get(matter=case)
    assert stored.purpose == EXPLANATION_PURPOSE and stored.uploaded_by == w.officer
    assert w.prosecutor in _told(case, "police_explain")


def test_only_the_organ_referred_to_explains() -> None:
    w = world()
    case = reasons_asked(w)
    for who, user in {**_outsiders(w), "the procuratorate": w.prosecutor}.items():
        with pytest.raises(TransitionForbidden):
            transition(matter=case, name="police_explain", access=access_for(user), data=EXPLAIN)
        assert _state(case) == "reasons_requested", who


def test_an_explanation_needs_the_reasons() -> None:
    w = world()
    case = reasons_asked(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="police_explain",
            access=access_for(w.officer),
            data={"reasons": "  "},
            files={"documents": [_pdf()]},
        )
    assert _state(case) == "reasons_requested"
    assert not Attachment.objects.filter(matter=case).exists()


def test_the_organ_is_reminded_and_a_lapse_tells_the_handler_and_the_organ_may_answer_late() -> (
    None
):
    w = world()
    case = reasons_asked(w)
    clock = _clock(case, REASONS)
    Notification.objects.all().delete()
    assert send_deadline_reminders(today=clock.due_on - timedelta(days=1)).reminded == 1
    reminded = Notification.objects.filter(matter=case, event="workflow.clock.reminder")
    assert {n.recipient for n in reminded} == {w.officer}
    assert take_expiry_steps(today=clock.due_on) == 0
    assert take_expiry_steps(today=clock.due_on + timedelta(days=1)) == 1
    assert take_expiry_steps(today=clock.due_on + timedelta(days=2)) == 0
    assert _state(case) == "reasons_overdue"
    assert _told(case, "reasons_lapse") == {w.prosecutor}
    assert send_deadline_reminders(today=clock.due_on + timedelta(days=1)).overdue == 1
    overdue = Notification.objects.filter(matter=case, event="workflow.clock.overdue")
    assert {n.recipient for n in overdue} == {w.officer}
    case = SupervisionCase.objects.get(pk=case.pk)
    transition(matter=case, name="police_explain", access=access_for(w.officer), data=EXPLAIN)
    assert _state(case) == "reasons_given"
    assert _clock(case, REASONS).state == Clock.State.STOPPED


def test_the_handler_may_notify_filing_when_the_organ_never_explains() -> None:
    w = world()
    case = reasons_asked(w)
    clock = _clock(case, REASONS)
    take_expiry_steps(today=clock.due_on + timedelta(days=1))
    case = SupervisionCase.objects.get(pk=case.pk)
    with pytest.raises(TransitionConflict):
        transition(matter=case, name="accept_not_filing", access=access_for(w.prosecutor), data=ASK)
    transition(matter=case, name="notify_filing", access=access_for(w.prosecutor), data=NOTIFY)
    approval_approve(matter=SupervisionCase.objects.get(pk=case.pk), access=access_for(w.chief))
    assert _state(case) == "filing_notified"
    assert _clock(case, REASONS).state == Clock.State.STOPPED


def test_the_handler_accepts_the_reasons_and_the_matter_ends() -> None:
    w = world()
    case = explained(w)
    transition(
        matter=case,
        name="accept_not_filing",
        access=access_for(w.prosecutor),
        data={"reasons": "公安机关不立案理由成立。"},
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "not_filing_accepted" and case.closed_at is not None
    assert case.filing_review == "公安机关不立案理由成立。"
    told = _told(case, "accept_not_filing")
    assert {w.officer, w.judge} <= told


def test_the_handler_may_accept_the_decision_without_asking() -> None:
    w = world()
    case = declined(w)
    transition(
        matter=case,
        name="accept_not_filing",
        access=access_for(w.prosecutor),
        data={"reasons": "不立案决定并无不当。"},
    )
    assert _state(case) == "not_filing_accepted"


def test_only_the_procuratorate_accepts_or_notifies() -> None:
    w = world()
    case = explained(w)
    for who, user in {**_outsiders(w), "the organ": w.officer}.items():
        for step, data in (("accept_not_filing", ASK), ("notify_filing", NOTIFY)):
            with pytest.raises(TransitionForbidden):
                transition(matter=case, name=step, access=access_for(user), data=data)
        assert _state(case) == "reasons_given", who


def test_the_notice_to_file_takes_effect_once_the_chief_procurator_approves() -> None:
    w = world()
    case = explained(w)
    transition(matter=case, name="notify_filing", access=access_for(w.prosecutor), data=NOTIFY)
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "reasons_given" and case.awaiting_approval
    assert not Clock.objects.filter(matter=case, name=NOTIFIED_FILING).exists()
    assert not _told(case, "notify_filing")
    with pytest.raises(TransitionForbidden):
        approval_approve(matter=case, access=access_for(w.prosecutor))
    approval_approve(matter=case, access=access_for(w.chief))
    assert _state(case) == "filing_notified"
    assert _told(case, "notify_filing") == {w.officer}


def test_notifying_to_file_runs_fifteen_days_on_the_organ() -> None:
    w = world()
    case = notified_to_file(w)
    assert case.state == "filing_notified" and case.filing_review.startswith("被执行人仅履行")
    clock = _clock(case, NOTIFIED_FILING)
    assert clock.state == Clock.State.RUNNING
    assert (clock.amount, clock.unit) == (15, "days")
    assert _told(case, "notify_filing") == {w.officer}


def test_notifying_needs_the_reasons() -> None:
    w = world()
    case = explained(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="notify_filing",
            access=access_for(w.prosecutor),
            data={"reasons": ""},
        )
    assert _state(case) == "reasons_given"


def test_the_organ_files_after_the_notice() -> None:
    w = world()
    case = notified_to_file(w)
    for who, user in {**_outsiders(w), "the procuratorate": w.prosecutor}.items():
        with pytest.raises(TransitionForbidden):
            transition(
                matter=case,
                name="police_file",
                access=access_for(user),
                data={"filed_on": timezone.localdate().isoformat()},
            )
        assert _state(case) == "filing_notified", who
    transition(
        matter=case,
        name="police_file",
        access=access_for(w.officer),
        data={
            "filed_on": timezone.localdate().isoformat(),
            "police_case_number": "城公刑立字〔2026〕21号",
        },
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "filed" and case.closed_at is not None
    assert case.police_case_number == "城公刑立字〔2026〕21号"
    assert _clock(case, NOTIFIED_FILING).state == Clock.State.STOPPED
    assert {w.prosecutor, w.judge} <= _told(case, "police_file")


def test_a_lapsed_notice_tells_the_handler_and_the_organ_may_still_file() -> None:
    w = world()
    case = notified_to_file(w)
    clock = _clock(case, NOTIFIED_FILING)
    assert take_expiry_steps(today=clock.due_on + timedelta(days=1)) == 1
    assert _state(case) == "filing_overdue"
    assert _told(case, "filing_lapse") == {w.prosecutor}
    case = SupervisionCase.objects.get(pk=case.pk)
    transition(
        matter=case,
        name="police_file",
        access=access_for(w.officer),
        data={"filed_on": timezone.localdate().isoformat()},
    )
    assert _state(case) == "filed"


def test_once_the_reasons_are_accepted_nothing_follows() -> None:
    w = world()
    case = declined(w)
    transition(
        matter=case,
        name="accept_not_filing",
        access=access_for(w.prosecutor),
        data={"reasons": "理由成立。"},
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    for step, data in (("ask_reasons", ASK), ("notify_filing", NOTIFY)):
        with pytest.raises(TransitionConflict):
            transition(matter=case, name=step, access=access_for(w.prosecutor), data=data)


def test_the_follow_up_waits_for_the_organs_decision() -> None:
    w = world()
    case = referred(w)
    for step, data in (("ask_reasons", ASK), ("accept_not_filing", ASK)):
        with pytest.raises(TransitionConflict):
            transition(matter=case, name=step, access=access_for(w.prosecutor), data=data)
    assert _state(case) == "referred"


def test_the_court_reads_how_it_ended_not_the_exchange() -> None:
    w = world()
    case = notified_to_file(w)
    rules = policy_for(case)
    assert rules.may(access_for(w.prosecutor), case, READ_FILING_SUPERVISION)
    assert rules.may(access_for(w.officer), case, READ_FILING_SUPERVISION)
    assert not rules.may(access_for(w.judge), case, READ_FILING_SUPERVISION)
    client = Client()
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert "不认为是犯罪" not in page and "不立案理由不能成立" not in page
    client.force_login(w.officer)
    page = client.get(reverse("workspace:matter", args=[case.pk])).content.decode()
    assert "不认为是犯罪" in page and "不立案理由不能成立" in page


def test_the_court_does_not_see_the_organs_explanation_file() -> None:
    w = world()
    case = reasons_asked(w)
    transition(
        matter=case,
        name="police_explain",
        access=access_for(w.officer),
        data=EXPLAIN,
        files={"documents": [_pdf()]},
    )
    stored = Attachment.objects.get(matter=case)
    rules = policy_for(case)
    assert stored not in rules.attachments_for(access_for(w.judge), case)
    assert stored in rules.attachments_for(access_for(w.prosecutor), case)
    assert stored in rules.attachments_for(access_for(w.officer), case)


def test_referrals_not_filed_before_are_open_again() -> None:
    w = world()
    case = declined(w)
    Matter.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    migration = importlib.import_module("liaison.courts.migrations.0005_filing_supervision")
    editor = type("Editor", (), {"connection": connection})()
    migration.reopen(apps, editor)
    assert Matter.objects.get(pk=case.pk).closed_at is None
    migration.close_again(apps, editor)
    assert Matter.objects.get(pk=case.pk).closed_at is not None
