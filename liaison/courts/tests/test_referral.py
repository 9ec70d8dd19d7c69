"""A suspected refusal to execute a judgment referred to a public security organ the
procuratorate works with: the organ becomes a partner from the referral on, is told, reads the
supervision's steps (not the procuratorate's comments), and answers within thirty days, filed
for investigation or not filed with its reasons. Referrals typed before are kept."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import matter_comment, transition
from liaison.workflow.errors import TransitionForbidden, TransitionInvalid
from liaison.workflow.models import Clock, Matter, MatterParty, Relation
from liaison.workflow.reminders import send_deadline_reminders
from liaison.workflow.selectors import sees

from ..models import SupervisionCase
from ..workflows import FILING, REVIEW
from .factories import referred, supervision, world

pytestmark = pytest.mark.django_db


def _other_police() -> tuple[object, object]:
    organ = OrganisationFactory(
        name="大通县公安局", kind=OrganisationKind.PUBLIC_SECURITY, division=division()
    )
    return organ, member(organ, Role.POLICE_OFFICER)


def test_the_referral_makes_the_organ_a_partner_and_tells_it() -> None:
    w = world()
    case = supervision(w)
    assert not sees(access_for(w.officer), case)
    case = referred(w, case=case)
    assert MatterParty.objects.filter(
        matter=case, relation=Relation.PARTNER_ORG, organisation=w.police
    ).exists()
    assert Clock.objects.get(matter=case, name=REVIEW).state == Clock.State.STOPPED
    assert Clock.objects.get(matter=case, name=FILING).state == Clock.State.RUNNING
    told = Notification.objects.filter(matter=case, event="courts.enforcement.refer")
    assert w.officer in {n.recipient for n in told}
    assert w.judge in {n.recipient for n in told}


def test_only_an_organ_the_procuratorate_works_with_is_accepted() -> None:
    w = world()
    case = supervision(w)
    stranger, _officer = _other_police()
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="refer",
            access=access_for(w.prosecutor),
            data={"police": str(stranger.pk), "reasons": "拒不履行。"},  # type: ignore[attr-defined]
        )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "handling" and case.police is None


def test_the_organ_reads_the_steps_not_the_procuratorates_comments() -> None:
    w = world()
    case = supervision(w)
    matter_comment(matter=case, access=access_for(w.prosecutor), text="内部意见：证据尚需补强。")
    case = referred(w, case=case)
    client = Client()
    client.force_login(w.officer)
    page = client.get(reverse("workspace:matter", args=[case.pk]))
    assert page.status_code == 200
    assert "内部意见" not in page.content.decode()
    assert "被执行人有能力履行而拒不履行" in page.content.decode()
    _organ, other_officer = _other_police()
    assert not sees(access_for(other_officer), case)
    with pytest.raises(TransitionForbidden):
        matter_comment(matter=case, access=access_for(w.officer), text="收到。")


def test_the_organ_files_the_case_and_the_handler_is_told() -> None:
    w = world()
    case = referred(w)
    with pytest.raises(TransitionForbidden):
        transition(
            matter=case,
            name="police_file",
            access=access_for(w.prosecutor),
            data={"filed_on": timezone.localdate().isoformat()},
        )
    transition(
        matter=case,
        name="police_file",
        access=access_for(w.officer),
        data={
            "filed_on": timezone.localdate().isoformat(),
            "police_case_number": "城公刑立字〔2026〕18号",
        },
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "filed" and case.police_filed_on == timezone.localdate()
    assert case.police_case_number == "城公刑立字〔2026〕18号" and case.closed_at is not None
    assert Clock.objects.get(matter=case, name=FILING).state == Clock.State.STOPPED
    told = Notification.objects.filter(matter=case, event="courts.enforcement.police_file")
    assert {w.prosecutor, w.judge} <= {n.recipient for n in told}


def test_not_filing_needs_the_reasons() -> None:
    w = world()
    case = referred(w)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case, name="police_decline", access=access_for(w.officer), data={"reasons": ""}
        )
    assert SupervisionCase.objects.get(pk=case.pk).state == "referred"
    transition(
        matter=case,
        name="police_decline",
        access=access_for(w.officer),
        data={"reasons": "被执行人已履行完毕，不构成犯罪。"},
    )
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "not_filed" and case.police_answer.startswith("被执行人已履行")


def test_a_filing_day_in_the_future_is_refused() -> None:
    w = world()
    case = referred(w)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(TransitionInvalid):
        transition(
            matter=case,
            name="police_file",
            access=access_for(w.officer),
            data={"filed_on": tomorrow.isoformat()},
        )


def test_the_organ_is_reminded_of_its_thirty_days() -> None:
    w = world()
    case = referred(w)
    clock = Clock.objects.get(matter=case, name=FILING)
    assert (clock.amount, clock.unit) == (30, "days")
    Notification.objects.all().delete()
    assert send_deadline_reminders(today=clock.due_on - timedelta(days=1)).reminded == 1
    reminded = Notification.objects.filter(matter=case, event="workflow.clock.reminder")
    assert {n.recipient for n in reminded} == {w.officer}


def test_referrals_typed_before_are_kept() -> None:
    w = world()
    case = supervision(w)
    Matter.objects.filter(pk=case.pk).update(state="referred")
    SupervisionCase.objects.filter(pk=case.pk).update(referred_to="西宁市公安局城中分局")
    migration = importlib.import_module("liaison.courts.migrations.0004_referrals_recorded_before")
    migration.carry_over(apps, type("Editor", (), {"connection": connection})())
    case = SupervisionCase.objects.get(pk=case.pk)
    assert case.state == "referred_outside" and case.referred_to == "西宁市公安局城中分局"
    assert "referred_outside" in case.workflow.final_states
