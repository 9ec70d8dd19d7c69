"""Beneficiaries kept on a case and money recovered in instalments: exact totals, a total past
the amount awarded only with a reason, bad amounts refused with a message, nothing changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from liaison.audit.models import AuditRecord
from liaison.core.access import access_for
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import TimelineEvent

from .. import actions
from ..models import Beneficiary, Recovery
from ..selectors import recovered_total
from .factories import accepted, applied_online, judged, world

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _record(w, case, amount: str, **more):  # type: ignore[no-untyped-def]
    return actions.recovery_record(
        access=access_for(w.prosecutor),
        case=case,
        received_on=date.today(),
        amount=Decimal(amount),
        **more,
    )


def test_two_instalments_add_up_exactly() -> None:
    w = world()
    case = judged(w)
    _record(w, case, "10000.10")
    _record(w, case, "18800.40", beneficiary=case.beneficiaries.first())
    assert recovered_total(case) == Decimal("28800.50")
    assert (
        TimelineEvent.objects.filter(matter=case, action="supportprosecution.recovery").count() == 2
    )


def test_more_than_awarded_needs_a_reason() -> None:
    w = world()
    case = judged(w, awarded="1000.00")
    _record(w, case, "900")
    with pytest.raises(actions.OverAward):
        _record(w, case, "100.01")
    assert recovered_total(case) == Decimal("900.00")
    _record(w, case, "150", over_award_reason="含迟延履行期间的债务利息。")
    assert recovered_total(case) == Decimal("1050.00")


def test_bad_amounts_are_refused_by_the_action() -> None:
    w = world()
    case = judged(w)
    for bad in ("0", "-5", "1.001"):
        with pytest.raises(WorkflowError):
            _record(w, case, bad)
    assert not Recovery.objects.exists()


def test_nothing_is_recovered_before_the_outcome_nor_by_the_court() -> None:
    w = world()
    with pytest.raises(TransitionForbidden):
        _record(w, accepted(w), "100")
    case = judged(w)
    with pytest.raises(TransitionForbidden):
        actions.recovery_record(
            access=access_for(w.judge), case=case, received_on=date.today(), amount=Decimal("1")
        )
    assert not Recovery.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "金额须大于零"),
        ("五千", "请以元为单位填写金额"),
        ("12.345", "金额最多保留两位小数"),
        ("99999", "请说明原因"),
    ],
)
def test_the_page_refuses_bad_amounts_with_a_message_and_keeps_what_was_typed(
    client,
    amount: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    w = world()
    case = judged(w, awarded="1000")
    client.force_login(w.prosecutor)
    response = client.post(
        reverse("supportprosecution:recovery-add", args=[case.pk]),
        {"recovery-received_on": date.today().isoformat(), "recovery-amount": amount},
        **ZH,
    )
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{amount}"' in page
    assert not Recovery.objects.exists()


def test_the_page_records_an_instalment(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = judged(w)
    client.force_login(w.prosecutor)
    response = client.post(
        reverse("supportprosecution:recovery-add", args=[case.pk]),
        {"recovery-received_on": date.today().isoformat(), "recovery-amount": "5000.50"},
    )
    assert response.status_code == 302
    page = client.get(reverse("workspace:matter", args=[case.pk]), **ZH).content.decode()
    assert "5,000.50" in page


def test_a_beneficiary_needs_a_name_and_a_valid_resident_id(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = applied_online(w)
    with pytest.raises(WorkflowError):
        actions.beneficiary_add(access=access_for(w.prosecutor), case=case, name="", group="minor")
    client.force_login(w.prosecutor)
    url = reverse("supportprosecution:beneficiary-add", args=[case.pk])
    response = client.post(url, {"beneficiary-name": "", "beneficiary-group": "minor"}, **ZH)
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "beneficiary-name": "赵小明",
            "beneficiary-group": "minor",
            "beneficiary-id_number": "123",
        },
        **ZH,
    )
    assert response.status_code == 400 and "赵小明" in response.content.decode()
    assert Beneficiary.objects.filter(case=case).count() == 3
    response = client.post(url, {"beneficiary-name": "赵小明", "beneficiary-group": "minor"})
    assert response.status_code == 302
    assert Beneficiary.objects.filter(case=case).count() == 4


def test_a_beneficiary_money_was_recovered_for_stays() -> None:
    w = world()
    case = judged(w)
    first, second = list(case.beneficiaries.all())[:2]
    actions.recovery_record(
        access=access_for(w.prosecutor),
        case=case,
        received_on=date.today(),
        amount=Decimal("1"),
        beneficiary=first,
    )
    with pytest.raises(TransitionForbidden):  # the case is past its open states
        actions.beneficiary_remove(access=access_for(w.prosecutor), case=case, beneficiary=second)
    open_case = applied_online(w)
    people = list(open_case.beneficiaries.all())
    actions.beneficiary_remove(
        access=access_for(w.prosecutor), case=open_case, beneficiary=people[0]
    )
    assert open_case.beneficiaries.count() == 2


def test_identities_are_masked_to_the_court_and_every_look_audited(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = judged(w)
    person = case.beneficiaries.first()
    client.force_login(w.judge)
    page = client.get(reverse("workspace:matter", args=[case.pk]), **ZH).content.decode()
    assert "张**" in page and "张建国" not in page and "110101199003070011" not in page
    url = reverse("identities:reveal-item", args=[case.pk, "beneficiary", person.pk])
    response = client.get(url, **ZH)
    assert response.status_code == 403 and "张建国" not in response.content.decode()
    assert AuditRecord.objects.filter(action="supportprosecution.beneficiary.refused").count() == 1
    client.force_login(w.prosecutor)
    response = client.get(url, **ZH)
    assert response.status_code == 200 and "张建国" in response.content.decode()
    assert AuditRecord.objects.filter(action="supportprosecution.beneficiary.view").count() == 1
