"""Approval, an engine concept: a step declared as needing approval is submitted with its input,
approved level by level by those the organisation configures (or the declared default), or
returned with comments; once approved it is taken as if taken directly."""

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.audit.models import AuditRecord
from liaison.core.access import Access, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notifications.models import Notification
from liaison.orgs.models import Organisation
from liaison.orgs.roles import Role
from liaison.workflow import registry
from liaison.workflow.actions import transition
from liaison.workflow.approvals import (
    approval_approve,
    approval_return,
    approval_withdraw,
    approvers_for,
)
from liaison.workflow.definitions import Approval, ClockSpec, Notify, Transition, Who, Workflow
from liaison.workflow.errors import TransitionConflict, TransitionForbidden, WorkflowError
from liaison.workflow.models import (
    ApprovalLevel,
    ApprovalRequest,
    ApprovalRule,
    Clock,
    Matter,
    Relation,
    TimelineEvent,
)
from liaison.workflow.opening import matter_open
from liaison.workflow.selectors import available_transitions, my_work, timeline_of

from .factories import approve_all, court

pytestmark = pytest.mark.django_db

DRAFTER = Who(Relation.OWNER_ORG, frozenset({Role.PROSECUTOR}))
PARTNER = Who(Relation.PARTNER_ORG)
TWO_LEVELS = Approval(default_approvers=(Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR))
effects: list[tuple[int, str, int | None, dict[str, Any]]] = []


class MemoForm(forms.Form):
    answer = forms.CharField()
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def remember(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    effects.append((matter.pk, matter.state, access.user_id, dict(data)))


def memo_workflow(name: str, approval: Approval | None) -> Workflow:
    """A memo sent to a partner organisation, whose answer clock sending starts."""
    return Workflow(
        name=name,
        label="memo",
        model="notices.InformationNotice",
        case_code="测",
        opened_by=frozenset({Role.PROSECUTOR}),
        states={"draft": "draft", "sent": "sent", "closed": "closed"},
        initial="draft",
        final=frozenset({"closed"}),
        clocks={"answer": ClockSpec("answer", period="notices.answer", owed_by=(PARTNER,))},
        transitions=[
            Transition(
                "send",
                "draft",
                "sent",
                label="Send",
                who=(DRAFTER,),
                form=MemoForm,
                effect=remember,
                starts=("answer",),
                notifies=(Notify((PARTNER,), "%(actor)s sent %(number)s"),),
                approval=approval,
            ),
            Transition("discard", "draft", "closed", label="Discard", who=(DRAFTER,)),
        ],
    )


MEMO = memo_workflow("tests.memo", TWO_LEVELS)
DIRECT_MEMO = memo_workflow("tests.direct_memo", None)


@pytest.fixture(autouse=True)
def memos() -> Iterator[None]:
    effects.clear()
    for workflow in (MEMO, DIRECT_MEMO):
        registry.register(workflow)
    yield
    for workflow in (MEMO, DIRECT_MEMO):
        registry._WORKFLOWS.pop(workflow.name, None)


@pytest.fixture
def office() -> dict[str, Any]:
    procuratorate = OrganisationFactory()
    return {
        "org": procuratorate,
        "partner": court(),
        "drafter": member(procuratorate, Role.PROSECUTOR, name="李检察官"),
        "head": member(procuratorate, Role.DEPARTMENT_HEAD, name="张部长"),
        "chief": member(procuratorate, Role.CHIEF_PROCURATOR, name="赵检察长"),
    }


def _memo(office: dict[str, Any], workflow: Workflow = MEMO) -> Matter:
    return matter_open(
        workflow=workflow,
        owner=office["org"],
        access=access_for(office["drafter"]),
        fields={"title": "关于协作事项的函", "body": "请协助。"},
        partners=[office["partner"]],
    )


SEND = {"answer": "同意", "tags": ["a", "b"], "csrfmiddlewaretoken": "x"}


def _submitted(office: dict[str, Any]) -> Matter:
    memo = _memo(office)
    transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)
    return Matter.objects.get(pk=memo.pk)


def test_taking_the_step_submits_it_for_approval_and_nothing_else_happens(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    assert memo.state == "draft" and memo.awaiting_approval
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.state == "pending" and request.submitted_by == office["drafter"]
    assert request.data == {"answer": ["同意"], "tags": ["a", "b"]}  # the form's input only
    assert request.levels == ["department_head", "chief_procurator"]
    assert request.current_role == "department_head"
    assert effects == [] and not Clock.objects.filter(matter=memo).exists()
    event = TimelineEvent.objects.get(matter=memo, action="workflow.approval.submit")
    assert event.actor == office["drafter"] and event.data["step"] == "send"
    told = set(Notification.objects.filter(matter=memo).values_list("recipient", flat=True))
    assert told == {office["head"].pk}  # the first level only; not the partner yet
    # While it awaits approval, nothing else is done on the matter, by anyone.
    assert available_transitions(access_for(office["drafter"]), memo) == []
    with pytest.raises(TransitionConflict):
        transition(matter=memo, name="discard", access=access_for(office["drafter"]))
    with pytest.raises(TransitionConflict):
        transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)


def test_approved_at_every_level_the_step_is_taken_with_the_stored_input(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    approval_approve(matter=memo, access=access_for(office["head"]), comment="同意，报检察长。")
    memo.refresh_from_db()
    assert memo.state == "draft" and memo.awaiting_approval
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.level == 1 and request.current_role == "chief_procurator"
    assert Notification.objects.filter(matter=memo, recipient=office["chief"]).exists()
    assert effects == []
    approval_approve(matter=memo, access=access_for(office["chief"]))
    memo.refresh_from_db()
    assert memo.state == "sent" and not memo.awaiting_approval
    request.refresh_from_db()
    assert request.state == "approved" and request.decided_by == office["chief"]
    # as the submitter took it: the effect saw their access and the stored input
    assert effects == [
        (memo.pk, "sent", office["drafter"].pk, {"answer": "同意", "tags": ["a", "b"]})
    ]
    step = TimelineEvent.objects.get(matter=memo, transition="send")
    assert step.actor == office["drafter"]
    assert step.data["approved_by"] == ["张部长", "赵检察长"]
    approvals = TimelineEvent.objects.filter(matter=memo, action="workflow.approval.approve")
    assert [e.actor for e in approvals] == [office["head"], office["chief"]]
    assert AuditRecord.objects.filter(
        action="tests.memo.send", payload__approval=request.pk
    ).exists()


def test_an_approved_step_has_the_effects_of_a_direct_one(office) -> None:  # type: ignore[no-untyped-def]
    direct = _memo(office, DIRECT_MEMO)
    transition(matter=direct, name="send", access=access_for(office["drafter"]), data=SEND)
    approved = approve_all(
        _submitted(office),
        approvers={"department_head": office["head"], "chief_procurator": office["chief"]},
    )

    def outcome(memo: Matter) -> tuple[Any, ...]:
        clock = Clock.objects.get(matter=memo)
        step = TimelineEvent.objects.get(matter=memo, transition="send")
        told = Notification.objects.filter(matter=memo, event__endswith=".send")
        return (
            memo.state,
            (clock.name, clock.period_code, clock.started_on, clock.due_on, clock.state),
            (step.actor_id, step.from_state, step.to_state),
            {k: v for k, v in step.data.items() if k != "approved_by"},
            sorted(told.values_list("recipient", flat=True)),
        )

    assert outcome(Matter.objects.get(pk=direct.pk)) == outcome(approved)
    assert [data for *_, data in effects] == [{"answer": "同意", "tags": ["a", "b"]}] * 2


def test_the_submitter_cannot_approve_their_own_step(office) -> None:  # type: ignore[no-untyped-def]
    office["drafter"].memberships.create(organisation=office["org"], role=Role.DEPARTMENT_HEAD)
    memo = _submitted(office)
    with pytest.raises(TransitionForbidden):
        approval_approve(matter=memo, access=access_for(office["drafter"]))
    with pytest.raises(TransitionForbidden):
        approval_return(matter=memo, access=access_for(office["drafter"]), comment="改")
    assert memo.pk not in {m.pk for m in my_work(access_for(office["drafter"]))}
    assert ApprovalRequest.objects.get(matter=memo).level == 0


def test_only_the_awaited_levels_approvers_of_the_owner_decide(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    strangers = [
        member(office["org"], Role.PROSECUTOR),
        member(office["org"], Role.CLUE_OFFICER),
        office["chief"],  # the second level, not yet
        member(OrganisationFactory(), Role.DEPARTMENT_HEAD),  # another procuratorate's head
        member(office["partner"], Role.JUDGE),
    ]
    for stranger in strangers:
        with pytest.raises(TransitionForbidden):
            approval_approve(matter=memo, access=access_for(stranger))
        with pytest.raises(TransitionForbidden):
            approval_return(matter=memo, access=access_for(stranger), comment="改")
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.level == 0 and request.state == "pending"


def test_returned_with_comments_it_goes_back_to_the_submitter(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    with pytest.raises(WorkflowError):
        approval_return(matter=memo, access=access_for(office["head"]), comment="  ")
    approval_return(matter=memo, access=access_for(office["head"]), comment="答复意见不完整。")
    memo.refresh_from_db()
    assert memo.state == "draft" and not memo.awaiting_approval and effects == []
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.state == "returned" and request.comment == "答复意见不完整。"
    event = TimelineEvent.objects.get(matter=memo, action="workflow.approval.return")
    assert event.actor == office["head"] and event.note == "答复意见不完整。"
    assert Notification.objects.filter(
        matter=memo, recipient=office["drafter"], event="tests.memo.approval_returned"
    ).exists()
    assert memo.pk in {m.pk for m in my_work(access_for(office["drafter"]))}
    assert memo.pk not in {m.pk for m in my_work(access_for(office["head"]))}
    with pytest.raises(TransitionConflict):  # nothing awaits approval any more
        approval_approve(matter=memo, access=access_for(office["head"]))
    # corrected and submitted again, it starts from the first level
    data = {**SEND, "answer": "同意，并补充意见。"}
    transition(matter=memo, name="send", access=access_for(office["drafter"]), data=data)
    again = ApprovalRequest.objects.get(matter=memo, state="pending")
    assert again.level == 0 and again.data["answer"] == ["同意，并补充意见。"]


def test_approvals_are_in_the_approvers_my_work_level_by_level(client, office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)

    def work(who: str) -> set[int]:
        return {m.pk for m in my_work(access_for(office[who]))}

    assert memo.pk in work("head")
    assert memo.pk not in work("chief") and memo.pk not in work("drafter")
    client.force_login(office["head"])
    assert (
        'data-testid="awaiting-approval"'
        in client.get(reverse("workspace:my-work")).content.decode()
    )
    approval_approve(matter=memo, access=access_for(office["head"]))
    assert memo.pk in work("chief") and memo.pk not in work("head")
    approval_approve(matter=memo, access=access_for(office["chief"]))
    assert memo.pk not in work("chief") | work("head")


def test_my_work_is_still_one_query_with_approvals(office, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    _submitted(office)
    access = access_for(office["head"])
    access.seats  # noqa: B018 - built once per request by the middleware
    with django_assert_num_queries(1):
        assert len(list(my_work(access))) == 1


def test_the_submitter_withdraws_their_step_and_the_matter_is_free(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    approval_approve(matter=memo, access=access_for(office["head"]))
    version = Matter.objects.get(pk=memo.pk).version
    approval_withdraw(matter=memo, access=access_for(office["drafter"]))
    memo = Matter.objects.get(pk=memo.pk)
    assert memo.state == "draft" and not memo.awaiting_approval and memo.version == version + 1
    assert effects == [] and not Clock.objects.filter(matter=memo).exists()
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.state == "withdrawn" and request.current_role == ""
    assert request.decided_by == office["drafter"]
    event = TimelineEvent.objects.get(matter=memo, action="workflow.approval.withdraw")
    assert event.actor == office["drafter"] and event.data["step"] == "send"
    # the approvers awaited are told it no longer awaits them, and it leaves their work
    assert Notification.objects.filter(
        matter=memo, recipient=office["chief"], event="tests.memo.approval_withdrawn"
    ).exists()
    assert memo.pk not in {m.pk for m in my_work(access_for(office["chief"]))}
    with pytest.raises(TransitionConflict):  # nothing awaits approval any more
        approval_approve(matter=memo, access=access_for(office["chief"]))
    # corrected and submitted again, it starts from the first level
    transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)
    assert ApprovalRequest.objects.get(matter=memo, state="pending").level == 0


def test_only_the_submitter_withdraws(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    others = [
        office["head"],  # the approver awaited
        office["chief"],
        member(office["org"], Role.PROSECUTOR),  # a colleague who could have submitted it
        member(office["partner"], Role.JUDGE),
    ]
    for other in others:
        with pytest.raises(TransitionForbidden):
            approval_withdraw(matter=memo, access=access_for(other))
    assert ApprovalRequest.objects.get(matter=memo).state == "pending"
    assert Matter.objects.get(pk=memo.pk).awaiting_approval
    approve_all(memo, approvers={"department_head": office["head"]})
    with pytest.raises(TransitionConflict):  # approved first: too late to withdraw
        approval_withdraw(matter=memo, access=access_for(office["drafter"]))
    assert Matter.objects.get(pk=memo.pk).state == "sent"


def test_the_timeline_says_which_level_was_approved(office) -> None:  # type: ignore[no-untyped-def]
    memo = approve_all(_submitted(office))
    labels = [e.label for e in timeline_of(memo) if e.event.action == "workflow.approval.approve"]
    assert labels == ["审批通过（第 1 级，共 2 级）：Send", "审批通过（第 2 级，共 2 级）：Send"]


def test_the_organisations_rule_overrides_the_default_nearest_first(office) -> None:  # type: ignore[no-untyped-def]
    parent = OrganisationFactory(level=Organisation.Level.MUNICIPAL)
    org = office["org"]
    org.parent = parent
    org.save()
    org.refresh_from_db()
    step = MEMO.transition("send")
    memo = _memo(office)
    assert approvers_for(memo, step) == ("department_head", "chief_procurator")

    def rule(organisation: Organisation, *roles: str, step_name: str = "send") -> None:
        made = ApprovalRule.objects.create(
            organisation=organisation, matter_type=MEMO.name, step=step_name
        )
        for position, role in enumerate(roles, start=1):
            ApprovalLevel.objects.create(rule=made, position=position, role=role)

    rule(parent, Role.CHIEF_PROCURATOR)
    rule(org, Role.CHIEF_PROCURATOR, step_name="discard")  # another step: not this one
    memo = Matter.objects.get(pk=memo.pk)
    assert approvers_for(memo, step) == ("chief_procurator",)
    rule(org, Role.CHIEF_PROCURATOR, Role.DEPARTMENT_HEAD)
    assert approvers_for(memo, step) == ("chief_procurator", "department_head")
    transition(matter=memo, name="send", access=access_for(office["drafter"]), data=SEND)
    request = ApprovalRequest.objects.get(matter=memo)
    assert request.levels == ["chief_procurator", "department_head"]
    # the levels were copied: a rule changed now does not move the request on its way
    ApprovalRule.objects.filter(organisation=org, step="send").delete()
    approve_all(memo)
    assert Matter.objects.get(pk=memo.pk).state == "sent"
    approvers = TimelineEvent.objects.filter(matter=memo, action="workflow.approval.approve")
    assert [e.actor.memberships.get().role for e in approvers] == [
        "chief_procurator",
        "department_head",
    ]


def test_a_stale_second_approval_loses_to_the_first(office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    other_head = member(office["org"], Role.DEPARTMENT_HEAD)
    copy = Matter.objects.get(pk=memo.pk)
    approval_approve(matter=memo, access=access_for(office["head"]))
    with pytest.raises(TransitionForbidden):  # the level moved on: no longer a head's to decide
        approval_approve(matter=copy, access=access_for(other_head))
    assert ApprovalRequest.objects.get(matter=memo).level == 1


def test_a_workflow_refuses_approval_on_a_system_step_or_a_step_taking_files() -> None:
    class WithFile(forms.Form):
        file = forms.FileField()

    def workflow(t: Transition) -> Workflow:
        return Workflow(
            name="tests.bad",
            label="bad",
            model="notices.InformationNotice",
            case_code="坏",
            states={"a": "a", "b": "b"},
            initial="a",
            final=frozenset({"b"}),
            transitions=[t],
        )

    with pytest.raises(ValueError):
        workflow(
            Transition("go", "a", "b", label="go", who=(), automatic=True, approval=TWO_LEVELS)
        )
    with pytest.raises(ValueError):
        workflow(
            Transition(
                "go", "a", "b", label="go", who=(DRAFTER,), form=WithFile, approval=TWO_LEVELS
            )
        )
    with pytest.raises(ValueError):
        Approval(default_approvers=())


# -- the matter's page ---------------------------------------------------------------------------


def _page(memo: Matter) -> str:
    return reverse("workspace:matter", args=[memo.pk])


def test_the_page_shows_who_must_approve_and_lets_only_them_decide(client, office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    client.force_login(office["drafter"])
    html = client.get(_page(memo)).content.decode()
    assert 'data-testid="approval"' in html and "张部长" in html
    assert 'data-testid="approval-form"' not in html and 'data-testid="steps"' not in html
    approve = reverse("workspace:approval", args=[memo.pk, "approve"])
    assert client.post(approve).status_code == 302
    assert ApprovalRequest.objects.get(matter=memo).level == 0  # refused, with a message
    client.force_login(office["head"])
    html = client.get(_page(memo)).content.decode()
    assert 'data-testid="approval-form"' in html
    back = reverse("workspace:approval", args=[memo.pk, "return"])
    response = client.post(back, {"comment": ""})
    assert response.status_code == 400 and "请说明需要修改的地方" in response.content.decode()
    assert ApprovalRequest.objects.get(matter=memo).state == "pending"
    assert client.post(approve, {"comment": "同意"}).status_code == 302
    client.force_login(office["chief"])
    assert client.post(back, {"comment": "请补充依据。"}).status_code == 302
    assert ApprovalRequest.objects.get(matter=memo).state == "returned"
    # the submitter finds the step again, filled in with what was returned, to correct it
    client.force_login(office["drafter"])
    html = client.get(_page(memo)).content.decode()
    assert "请补充依据。" in html and 'value="同意"' in html
    assert client.post(reverse("workspace:approval", args=[memo.pk, "maybe"])).status_code == 404


def test_the_page_offers_the_submitter_alone_to_withdraw(client, office) -> None:  # type: ignore[no-untyped-def]
    memo = _submitted(office)
    withdraw = reverse("workspace:approval", args=[memo.pk, "withdraw"])
    client.force_login(office["head"])
    assert withdraw not in client.get(_page(memo)).content.decode()
    assert client.post(withdraw).status_code == 302  # refused, with a message
    assert ApprovalRequest.objects.get(matter=memo).state == "pending"
    client.force_login(office["drafter"])
    html = client.get(_page(memo)).content.decode()
    assert 'data-testid="approval-withdraw"' in html and withdraw in html
    response = client.post(withdraw, follow=True)
    assert "已撤回" in response.content.decode()
    assert ApprovalRequest.objects.get(matter=memo).state == "withdrawn"
    # the step is offered again, filled in with what was withdrawn
    html = client.get(_page(memo)).content.decode()
    assert 'data-testid="approval"' not in html and 'value="同意"' in html
    assert client.post(withdraw).status_code == 302  # nothing to withdraw now: a message
    assert ApprovalRequest.objects.filter(state="pending").count() == 0


def test_the_page_costs_the_same_queries_after_an_approval(client, office) -> None:  # type: ignore[no-untyped-def]
    direct = _memo(office, DIRECT_MEMO)
    transition(matter=direct, name="send", access=access_for(office["drafter"]), data=SEND)
    approved = approve_all(_submitted(office))
    client.force_login(office["drafter"])

    def count(memo: Matter) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_page(memo)).status_code == 200
        return len(queries)

    assert count(approved) == count(direct)


# -- the administration --------------------------------------------------------------------------


def _levels(*rows: tuple[str, str]) -> dict[str, str]:
    data = {
        "levels-TOTAL_FORMS": str(len(rows)),
        "levels-INITIAL_FORMS": "0",
        "levels-MIN_NUM_FORMS": "0",
        "levels-MAX_NUM_FORMS": "1000",
    }
    for n, (position, role) in enumerate(rows):
        data |= {f"levels-{n}-position": position, f"levels-{n}-role": role}
    return data


def test_an_administrator_configures_who_approves_a_step(client, office) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.com", "x", name="管理员")
    client.force_login(root)
    add = reverse("admin:workflow_approvalrule_add")
    page = client.get(add).content.decode()
    assert "tests.memo:send" in page and "tests.memo:discard" not in page  # approval steps only
    rule = {"organisation": office["org"].pk, "which": "tests.memo:send", "note": "本院规定"}
    refused = client.post(add, rule | _levels(("1", "judge")))  # no procuratorate has judges
    assert refused.status_code == 200 and not ApprovalRule.objects.exists()
    refused = client.post(add, rule | _levels())  # no level at all
    assert refused.status_code == 200 and not ApprovalRule.objects.exists()
    assert client.post(add, rule | _levels(("1", "chief_procurator"))).status_code == 302
    made = ApprovalRule.objects.get()
    assert (made.matter_type, made.step) == ("tests.memo", "send")
    assert approvers_for(_memo(office), MEMO.transition("send")) == ("chief_procurator",)
    again = client.post(add, rule | _levels(("1", "department_head")))
    assert again.status_code == 200 and ApprovalRule.objects.count() == 1  # one rule a step
    change = reverse("admin:workflow_approvalrule_change", args=[made.pk])
    assert client.get(change).status_code == 200
