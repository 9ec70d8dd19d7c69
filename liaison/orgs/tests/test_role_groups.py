"""The groups of a procuratorate's roles are named once (``orgs/roles.py``) and every mechanism
that names the group uses that one."""

from liaison.announcements.actions import PUBLISHERS
from liaison.hearings.workflows import HEARING_STAFF_ROLES
from liaison.lawyers import selectors as lawyer_selectors
from liaison.lawyers import workflows as lawyer_workflows
from liaison.orgs.roles import (
    CASE_ROLES,
    CASE_STAFF_ROLES,
    CATALOGUE,
    RECEPTION_ROLES,
    SENIOR_ROLES,
    OrganisationKind,
    Role,
)
from liaison.petitions import workflows as petition_workflows
from liaison.publicinterest import case_parts as pil


def test_every_group_is_a_procuratorates_roles() -> None:
    procuratorate = CATALOGUE[OrganisationKind.PROCURATORATE]
    for group in (SENIOR_ROLES, CASE_ROLES, CASE_STAFF_ROLES, RECEPTION_ROLES):
        assert set(group) <= procuratorate


def test_the_seniors_approve_in_order_and_the_groups_nest() -> None:
    assert SENIOR_ROLES == (Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR)
    assert set(SENIOR_ROLES) < CASE_ROLES < CASE_STAFF_ROLES
    assert {Role.CASE_MANAGEMENT} == CASE_STAFF_ROLES - CASE_ROLES


def test_the_mechanisms_use_the_named_groups() -> None:
    assert pil.APPROVED_BY_SENIORS.default_approvers == SENIOR_ROLES
    assert pil.PROSECUTORS.roles == CASE_ROLES
    assert {who.roles for who in pil.HANDLING} == {CASE_ROLES, frozenset(SENIOR_ROLES)}
    assert HEARING_STAFF_ROLES == PUBLISHERS == CASE_ROLES
    assert petition_workflows.PETITION_STAFF_ROLES == CASE_STAFF_ROLES
    assert petition_workflows.DECIDERS.roles == lawyer_workflows.DECIDERS.roles == set(SENIOR_ROLES)
    assert lawyer_workflows.CASE_STAFF.roles == CASE_STAFF_ROLES
    assert lawyer_workflows.RECEPTION.roles == lawyer_selectors.RECEPTION_ROLES == RECEPTION_ROLES
