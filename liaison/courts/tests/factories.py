"""The courts' world through the real actions: a procuratorate and a court that cooperate, their
people, a register imported, a case shared, a recommendation to the court drafted and served."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.recommendations.models import Recommendation
from liaison.recommendations.tests.factories import TEXT, served
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve
from liaison.workflow.tests.factories import court as court_factory

from .. import actions
from ..models import EnforcementCase, RegisterImport, SupervisionCase

HEADING = "案号,申请执行人,被执行人,执行标的金额,立案日期,结案日期\n"
GOOD_ROWS = (
    "（2026）青0103执123号,西宁某建材有限公司,李某,125000.50,2026-03-02,\n"
    "（2026）青0103执124号,王某,西宁某物业服务有限公司,8000,2026-03-05,2026-06-01\n"
)


@dataclass
class World:
    procuratorate: Organisation
    court: Organisation
    prosecutor: User
    head: User
    chief: User
    judge: User
    enforcement: User
    #: The public security organ the procuratorate works with, and its case officer: set by
    #: ``world()``; None in a world built by hand (the disputes' factories).
    police: Organisation = None  # type: ignore[assignment]
    officer: User = None  # type: ignore[assignment]


def free_abbreviation(abbreviation: str) -> str:
    """The abbreviation, or a numbered one when a world built before in the same test holds it
    (the URL-access table builds several): case numbers are unique across organisations."""
    taken = Organisation.objects.filter(abbreviation__startswith=abbreviation).count()
    return abbreviation if not taken else f"{abbreviation}{taken + 1}"


def world(name: str = "西宁市城中区人民法院") -> World:
    procuratorate = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation=free_abbreviation("城检"), division=division()
    )
    court = court_factory(name=name, division=division())
    prosecutor = member(procuratorate, Role.PROSECUTOR, name="刘晓明")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    police = OrganisationFactory(
        name="西宁市公安局城中分局",
        abbreviation=free_abbreviation("城公"),
        kind=OrganisationKind.PUBLIC_SECURITY,
        division=division(),
    )
    cooperation_start(actor=prosecutor, organisations=(procuratorate, police))
    return World(
        procuratorate=procuratorate,
        court=court,
        prosecutor=prosecutor,
        head=member(procuratorate, Role.DEPARTMENT_HEAD),
        chief=member(procuratorate, Role.CHIEF_PROCURATOR),
        judge=member(court, Role.JUDGE, name="沈浩"),
        enforcement=member(court, Role.ENFORCEMENT_OFFICER, name="刘烈"),
        police=police,
        officer=member(police, Role.POLICE_OFFICER, name="马国栋"),
    )


def imported(w: World, rows: str = GOOD_ROWS, name: str = "register.csv") -> RegisterImport:
    return actions.register_import(
        access=access_for(w.enforcement),
        court=w.court,
        procuratorate=w.procuratorate,
        name=name,
        content=(HEADING + rows).encode(),
    )


def shared_case(w: World) -> EnforcementCase:
    imported(w)
    return EnforcementCase.objects.get(court=w.court, case_number="（2026）青0103执123号")


def supervision(w: World, **fields: Any) -> SupervisionCase:
    return actions.supervision_open(
        access=access_for(w.prosecutor),
        owner=w.procuratorate,
        case=fields.pop("case", None) or shared_case(w),
        kind=fields.pop("kind", "courts.enforcement"),
        origin=fields.pop("origin", "own_initiative"),
        grounds=fields.pop("grounds", "执行款长期未发放。"),
        **fields,
    )


def referred(w: World, **fields: Any) -> SupervisionCase:
    """A supervision referred to the world's public security organ."""
    case = fields.pop("case", None) or supervision(w)
    transition(
        matter=case,
        name="refer",
        access=access_for(w.prosecutor),
        data={"police": str(w.police.pk), "reasons": "被执行人有能力履行而拒不履行。"},
    )
    return SupervisionCase.objects.get(pk=case.pk)


def declined(w: World, **fields: Any) -> SupervisionCase:
    """A referral the world's public security organ did not file."""
    case = referred(w, **fields)
    transition(
        matter=case,
        name="police_decline",
        access=access_for(w.officer),
        data={"reasons": "被执行人已部分履行，情节尚不严重。"},
    )
    return SupervisionCase.objects.get(pk=case.pk)


def reasons_asked(w: World, **fields: Any) -> SupervisionCase:
    """The procuratorate asked the organ to explain why it did not file."""
    case = declined(w, **fields)
    transition(
        matter=case,
        name="ask_reasons",
        access=access_for(w.prosecutor),
        data={"reasons": "被执行人转移财产逾百万元，情节严重，应当立案。"},
    )
    return SupervisionCase.objects.get(pk=case.pk)


def explained(w: World, **fields: Any) -> SupervisionCase:
    """The organ explained why it did not file."""
    case = reasons_asked(w, **fields)
    transition(
        matter=case,
        name="police_explain",
        access=access_for(w.officer),
        data={"reasons": "经审查，被执行人已履行大部分义务，不认为是犯罪。"},
    )
    return SupervisionCase.objects.get(pk=case.pk)


def notified_to_file(w: World, **fields: Any) -> SupervisionCase:
    """The procuratorate found the reasons untenable and notified the organ to file, the chief
    procurator approving."""
    case = explained(w, **fields)
    transition(
        matter=case,
        name="notify_filing",
        access=access_for(w.prosecutor),
        data={"reasons": "被执行人仅履行一成，其余财产已转移，不立案理由不能成立。"},
    )
    approval_approve(matter=SupervisionCase.objects.get(pk=case.pk), access=access_for(w.chief))
    return SupervisionCase.objects.get(pk=case.pk)


def drafted_to_court(w: World, kind: str = "courts.enforcement", **fields: Any) -> Recommendation:
    return actions.court_recommendation_open(
        access=access_for(w.prosecutor),
        owner=w.procuratorate,
        kind=kind,
        court=w.court,
        court_case_number=fields.pop("court_case_number", "（2026）青0103执123号"),
        title=fields.pop("title", "关于规范执行款发放的检察建议"),
        **{**TEXT, **fields},
    )


def served_to_court(w: World, kind: str = "courts.enforcement") -> Recommendation:
    return served(
        drafted_to_court(w, kind),
        approvers={Role.DEPARTMENT_HEAD: w.head, Role.CHIEF_PROCURATOR: w.chief},
    )


def url_world() -> dict[str, Any]:
    """For ``core/tests/test_url_access.py``: a shared enforcement case and a refused import."""
    w = world()
    case = shared_case(w)
    refused = imported(w, "2026执1号,甲,乙,1,2026-01-01,\n")
    return {
        "guarded": {
            "courts:case": ("get", [case.pk]),
            "courts:import-report": ("get", [refused.pk]),
        }
    }
