"""Factories for matters: information notices opened through the real actions."""

from typing import Any

from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notices.actions import notice_send
from liaison.notices.models import InformationNotice
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role


def court(**fields: Any) -> Organisation:
    return OrganisationFactory(
        kind=OrganisationKind.COURT, name=fields.pop("name", "测试人民法院"), **fields
    )


def sent_notice(
    *,
    sender: Organisation | None = None,
    recipient: Organisation | None = None,
    author: Any = None,
    **fields: Any,
) -> InformationNotice:
    """An information notice in state "sent", opened by ``author`` (a prosecutor by default);
    the two organisations cooperate, as a notice needs."""
    sender = sender or OrganisationFactory()
    recipient = recipient or court()
    author = author or member(sender, Role.PROSECUTOR)
    cooperation_start(actor=author, organisations=(sender, recipient))
    return notice_send(
        access=access_for(author),
        sender=sender,
        recipient=recipient,
        title=fields.pop("title", "关于执行案件信息共享的通报"),
        body=fields.pop("body", "请贵院反馈相关执行案件的进展。"),
        **fields,
    )


def approve_all(matter: Any, *, approvers: Any = None) -> Any:
    """Approve the step awaiting approval on ``matter`` at every level left, each level by
    ``approvers[role]`` when given, else by a new holder of its role in the matter's owner; the
    matter is returned as the step left it."""
    from liaison.workflow.approvals import approval_approve
    from liaison.workflow.models import ApprovalRequest

    request = ApprovalRequest.objects.get(matter_id=matter.pk, state="pending")
    for role in request.levels[request.level :]:
        person = (approvers or {}).get(role) or member(matter.owner, role)
        approval_approve(matter=matter, access=access_for(person))
    return type(matter).objects.get(pk=matter.pk)
