"""The retrials' world through the real actions: the Chengzhong procuratorate and court (seed
001) that cooperate, their people, a retrial case drafted with its evidence, served, registered,
its evidence decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.courts.tests.factories import free_abbreviation
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.tests.factories import court as court_factory

from .. import actions
from ..models import NewEvidence, RetrialCase

ORIGINAL = "（2025）青0103民初456号"
RETRIAL_NUMBER = "（2026）青0103民再12号"


@dataclass
class World:
    procuratorate: Organisation
    court: Organisation
    prosecutor: User
    head: User
    chief: User
    judge: User


def world() -> World:
    procuratorate = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation=free_abbreviation("城检"), division=division()
    )
    court = court_factory(name="西宁市城中区人民法院", division=division())
    prosecutor = member(procuratorate, Role.PROSECUTOR, name="刘晓明")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    return World(
        procuratorate=procuratorate,
        court=court,
        prosecutor=prosecutor,
        head=member(procuratorate, Role.DEPARTMENT_HEAD),
        chief=member(procuratorate, Role.CHIEF_PROCURATOR),
        judge=member(court, Role.JUDGE, name="沈浩"),
    )


def pdf(name: str = "证据.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF", "application/pdf"
    )


def drafted(w: World, kind: str = "recommendation", items: int = 2) -> RetrialCase:
    case = actions.retrial_open(
        access=access_for(w.prosecutor),
        owner=w.procuratorate,
        kind=kind,
        court=w.court,
        original_judgment=ORIGINAL,
        title="马某与西宁某建材公司买卖合同纠纷案",
        grounds="原判决认定的基本事实缺乏证据证明，有新的证据足以推翻原判决。",
    )
    for number in range(1, items + 1):
        actions.evidence_add(
            access=access_for(w.prosecutor),
            case=case,
            description=f"新证据{number}：银行转账凭证",
            proves="货款已经全部支付",
            files=[(pdf(f"证据{number}.pdf"), "application/pdf")],
        )
    return RetrialCase.objects.get(pk=case.pk)


def served(w: World, kind: str = "recommendation", items: int = 2) -> RetrialCase:
    case = drafted(w, kind, items)
    transition(matter=case, name="serve", access=access_for(w.prosecutor))
    for person in (w.head, w.chief):
        approval_approve(matter=RetrialCase.objects.get(pk=case.pk), access=access_for(person))
    return RetrialCase.objects.get(pk=case.pk)


def take(case: RetrialCase, name: str, person: User, **data: Any) -> RetrialCase:
    files = data.pop("files", None)
    transition(
        matter=RetrialCase.objects.get(pk=case.pk),
        name=name,
        access=access_for(person),
        data=data,
        files=files,
    )
    return RetrialCase.objects.get(pk=case.pk)


def registered(w: World, kind: str = "recommendation") -> RetrialCase:
    return take(
        served(w, kind),
        "register",
        w.judge,
        court_case_number=RETRIAL_NUMBER,
        registered_on=timezone.localdate(),
    )


def decisions(case: RetrialCase, *accepted: bool) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item, ok in zip(NewEvidence.objects.filter(case=case), accepted, strict=True):
        data[f"decision_{item.pk}"] = "accepted" if ok else "not_accepted"
        data[f"reasons_{item.pk}"] = "" if ok else "该证据在原审中已经提交，不属于新的证据。"
    return data


def assessed(w: World, kind: str = "recommendation") -> RetrialCase:
    case = registered(w, kind)
    return take(case, "assess", w.judge, **decisions(case, True, False))


def today() -> date:
    return timezone.localdate()


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: a drafted case with one item."""
    w = world()
    case = drafted(w, items=1)
    item = NewEvidence.objects.get(case=case)
    return {
        "case": case,
        "guarded": {
            "retrials:evidence-add": ("post", [case.pk]),
            "retrials:evidence-remove": ("post", [case.pk, item.pk]),
        },
    }
