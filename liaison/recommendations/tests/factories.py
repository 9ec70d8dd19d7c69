"""Recommendations made through the real actions and steps: drafted by a prosecutor of a
procuratorate, served once approved, addressed to a court, a company or an agency."""

from typing import Any

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.recommendations.actions import recommendation_open
from liaison.recommendations.models import Recommendation
from liaison.recommendations.workflows import SOCIAL_GOVERNANCE
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import approve_all, court

__all__ = ["TEXT", "company", "court", "drafted", "served"]

TEXT = {
    "facts": "经查，该单位在执行款发放环节存在超期未发放的情形，涉及案件十二件。",
    "opinion": "上述情形不利于当事人合法权益的及时实现，有必要加以规范。",
    "measures": "1. 全面清理超期未发放的执行款；\n2. 建立执行款发放台账和期限提醒制度。",
}


def company(**fields: Any) -> Organisation:
    return OrganisationFactory(
        kind=OrganisationKind.COMPANY,
        name=fields.pop("name", "大同市某煤炭运销有限公司"),
        division=division(),
        **fields,
    )


def drafted(
    *,
    addressee: Organisation,
    by: User | None = None,
    kind: str = SOCIAL_GOVERNANCE.code,
    **fields: Any,
) -> Recommendation:
    """A draft recommendation of ``kind`` to ``addressee``, by a prosecutor (``by``) of a
    procuratorate (a new one by default), who handles it."""
    by = by or member(OrganisationFactory(division=division()), Role.PROSECUTOR)
    owner = by.memberships.get().organisation
    return recommendation_open(
        kind=kind,
        owner=owner,
        addressee=addressee,
        access=access_for(by),
        title=fields.pop("title", "关于规范执行款发放工作的检察建议"),
        **{**TEXT, **fields},
    )


def served(recommendation: Recommendation, *, approvers: Any = None) -> Recommendation:
    """``recommendation`` submitted by its handler and approved at every level."""
    handler = recommendation.parties.get(relation="handler").person
    transition(matter=recommendation, name="serve", access=access_for(handler))
    return approve_all(recommendation, approvers=approvers)
