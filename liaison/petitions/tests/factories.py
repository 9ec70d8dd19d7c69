"""Petitions made through the real actions and steps, at a Kangbashi procuratorate."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.lawyers.models import Lawyer
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.petitions.actions import petition_receive
from liaison.petitions.models import Petition
from liaison.workflow.actions import transition


def procuratorate(**fields: Any) -> Organisation:
    return OrganisationFactory(**fields)


def staff(org: Organisation, role: str = Role.PROSECUTOR, **user_fields: Any) -> User:
    return member(org, role, **user_fields)


def petition(
    owner: Organisation, *, by: User, received_on: date | None = None, **fields: Any
) -> Petition:
    return petition_receive(
        access=access_for(by),
        owner=owner,
        petitioner_name=fields.pop("petitioner_name", "王秀兰"),
        petitioner_mobile=fields.pop("petitioner_mobile", "13904770123"),
        petitioner_address=fields.pop("petitioner_address", "康巴什区青春山街道某小区"),
        title=fields.pop("title", "不服民事判决申请监督"),
        details=fields.pop(
            "details", "信访人对一审民事判决不服，认为借款事实认定错误，请求检察监督。"
        ),
        received_on=received_on or timezone.localdate() - timedelta(days=2),
        channel=fields.pop("channel", "visit"),
    )


def accepted(the_petition: Petition, *, by: User) -> Petition:
    done = transition(
        matter=the_petition,
        name="accept",
        access=access_for(by),
        data={"note": "已受理，由第二检察部办理，已电话告知信访人。"},
    )
    assert isinstance(done, Petition)
    return done


def invited(the_petition: Petition, lawyer: Lawyer, *, by: User) -> Petition:
    done = transition(
        matter=the_petition,
        name="invite_lawyer",
        access=access_for(by),
        data={"lawyer": str(lawyer.pk), "note": "请参与释法说理。"},
    )
    assert isinstance(done, Petition)
    return done


def joined(the_petition: Petition, lawyer: Lawyer) -> Petition:
    done = transition(matter=the_petition, name="join", access=access_for(lawyer.user))
    assert isinstance(done, Petition)
    return done


def url_world(org: Organisation) -> dict[str, Any]:
    """One petition for the URL-access table."""
    handler = staff(org)
    made = petition(org, by=handler)
    return {"petition": made, "guarded": {"petitions:petitioner": ("get", [made.pk])}}
