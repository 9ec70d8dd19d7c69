"""The court whose enforcement case is supervised follows the supervision as its partner: its
judges and enforcement officers see it from the opening and read its steps, not the
procuratorate's drafts and comments; they are told when it is accepted and how it ended, and
take none of its steps. Another court, a lawyer and a stranger see nothing of it."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, UserFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import matter_comment, transition
from liaison.workflow.errors import TransitionForbidden
from liaison.workflow.models import MatterParty, Relation
from liaison.workflow.selectors import sees

from ..models import SupervisionCase
from .factories import supervision, world

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "关于执行款发放的检察建议",
    "facts": "事实。",
    "opinion": "意见。",
    "measures": "措施。",
}


def _page(user, case: SupervisionCase) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    response = client.get(reverse("workspace:matter", args=[case.pk]))
    return response.status_code, response.content.decode()


def test_the_courts_judge_and_enforcement_officer_see_the_supervision() -> None:
    w = world()
    case = supervision(w)
    matter_comment(matter=case, access=access_for(w.prosecutor), text="内部意见：先调卷。")
    transition(matter=case, name="recommend", access=access_for(w.prosecutor), data=TEXT)
    for person in (w.judge, w.enforcement):
        assert sees(access_for(person), case)
        status, page = _page(person, SupervisionCase.objects.get(pk=case.pk))
        assert status == 200
        assert case.enforcement_case.case_number in page
        assert "内部意见" not in page  # the procuratorate's comment
        assert "关于执行款发放的检察建议" not in page  # the draft, not yet served
    status, page = _page(w.prosecutor, case)
    assert status == 200 and "内部意见" in page


def test_another_court_a_lawyer_and_a_stranger_do_not_see_it() -> None:
    w = world()
    case = supervision(w)
    other = world(name="大通县人民法院")
    firm = OrganisationFactory(name="青海某律师事务所", kind=OrganisationKind.LAW_FIRM)
    lawyer = member(firm, Role.LAWYER)
    stranger = UserFactory()
    for person in (other.judge, other.enforcement, lawyer, stranger):
        assert not sees(access_for(person), case)
        assert _page(person, case)[0] == 404


def test_the_court_takes_none_of_the_procuratorates_steps() -> None:
    w = world()
    case = supervision(w)
    for step, data in (("close", {"reasons": "无。"}), ("recommend", TEXT)):
        with pytest.raises(TransitionForbidden):
            transition(matter=case, name=step, access=access_for(w.judge), data=data)
    assert SupervisionCase.objects.get(pk=case.pk).state == "handling"
    client = Client()
    client.force_login(w.enforcement)
    response = client.post(
        reverse("workspace:transition", args=[case.pk, "close"]), {"reasons": "无。"}
    )
    assert response.status_code in (302, 403, 404)
    assert SupervisionCase.objects.get(pk=case.pk).state == "handling"


def test_the_court_is_told_when_it_is_opened_and_how_it_ended() -> None:
    w = world()
    case = supervision(w)
    opened = Notification.objects.filter(matter=case, event="courts.enforcement.accept")
    assert {n.recipient for n in opened} == {w.judge, w.enforcement}
    transition(
        matter=case, name="close", access=access_for(w.prosecutor), data={"reasons": "无不当。"}
    )
    ended = Notification.objects.filter(matter=case, event="courts.enforcement.close")
    assert {n.recipient for n in ended} == {w.judge, w.enforcement}


def test_supervisions_opened_before_make_the_court_a_partner() -> None:
    w = world()
    case = supervision(w)
    MatterParty.objects.filter(matter=case, relation=Relation.PARTNER_ORG).delete()
    assert not sees(access_for(w.judge), SupervisionCase.objects.get(pk=case.pk))
    migration = importlib.import_module(
        "liaison.courts.migrations.0002_court_partner_of_supervision"
    )
    editor = type("Editor", (), {"connection": connection})()
    migration.courts_become_partners(apps, editor)
    migration.courts_become_partners(apps, editor)  # once only
    assert MatterParty.objects.filter(matter=case, organisation=w.court).count() == 1
    assert sees(access_for(w.judge), SupervisionCase.objects.get(pk=case.pk))
