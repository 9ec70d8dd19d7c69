"""Support prosecution's actions: a case opened (online by the applicant, by staff at the
counter or on the phone, on a referral), the steps' effects, the beneficiaries kept, and the
recovered instalments. Each is ``durable`` at the outside; the effects run inside the engine's
transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from liaison.attachments.actions import attachment_upload
from liaison.core.access import SYSTEM, Access
from liaison.core.templatetags.liaison import money
from liaison.core.transactions import durable
from liaison.orgs.models import Organisation
from liaison.orgs.roles import CASE_STAFF_ROLES, OrganisationKind
from liaison.publicinterest.clue_actions import stored_once
from liaison.publicinterest.codes import new_query_code
from liaison.workflow.actions import record_event
from liaison.workflow.errors import TransitionForbidden, WorkflowError
from liaison.workflow.models import Matter
from liaison.workflow.opening import add_parties, apply_open

from . import documents
from .forms import REFERRING_KINDS
from .models import (
    CENT,
    Beneficiary,
    Channel,
    Recovery,
    SupportCase,
    SupportCategory,
)
from .workflows import (
    EDIT_BENEFICIARIES,
    EVENT_BENEFICIARY,
    EVENT_BENEFICIARY_REMOVE,
    EVENT_RECOVERY,
    RECORD_RECOVERY,
    SUPPORT_CASE,
)

#: What the opinion's two files are kept as on the case.
OPINION_PURPOSE = "support_opinion"
#: The formats the sent opinion is kept in on the case (``send_effect``). The case's page
#: renders either on request too (``views.opinion``), so the demo keeps only the Word file of
#: its closed historical cases (``demo_figures.word_only``): rendering a PDF costs a third of a
#: second.
OPINION_FORMATS: tuple[str, ...] = ("pdf", "docx")

NOT_PROCURATORATE = _("Only a procuratorate handles support-prosecution cases.")
NOT_REFERRER = _(
    "A case is referred by a judicial bureau, a legal-aid centre or the labour inspectorate."
)
NO_BENEFICIARY = _("Name at least one person the case helps.")
OVER_AWARD = _(
    "With this instalment the total recovered (%(total)s yuan) passes the amount awarded "
    "(%(awarded)s yuan): say why (interest, costs …)."
)


class OverAward(WorkflowError):
    """An instalment that takes the total past the amount awarded, without a reason."""


def _beneficiary_rows(case: SupportCase, people: Iterable[Mapping[str, Any]]) -> list[Beneficiary]:
    rows = []
    for person in people:
        row = Beneficiary(
            case=case,
            name=(person.get("name") or "").strip(),
            id_number=person.get("id_number") or "",
            mobile=person.get("mobile") or "",
            group=person.get("group") or "other",
            amount_owed=person.get("amount_owed"),
        )
        if not row.name:
            raise WorkflowError(_("Every beneficiary needs a name."))
        try:
            row.full_clean(exclude=["case"])
        except ValidationError as invalid:
            raise WorkflowError(" ".join(invalid.messages)) from None
        rows.append(row)
    return rows


def unused_query_code() -> str:
    """A query code no case has yet (31^10 codes: a clash is all but impossible)."""
    for _attempt in range(5):
        code = new_query_code()
        if not SupportCase.objects.filter(query_code=code).exists():
            return code
    raise RuntimeError("could not draw an unused query code")  # pragma: no cover


def _open(
    *,
    access: Access,
    owner: Organisation,
    category: SupportCategory,
    channel: str,
    received_on: date,
    applicant_name: str,
    respondent: str,
    facts: str,
    beneficiaries: Iterable[Mapping[str, Any]],
    applicant_id_number: str = "",
    applicant_mobile: str = "",
    applicant_address: str = "",
    referred_by: Organisation | None = None,
    submission_key: uuid.UUID | None = None,
) -> SupportCase:
    """Open and receive a case in the caller's transaction: the applicant's details, the
    people it helps, the referring organisation as a partner; the eligibility review's clock
    starts from ``received_on``."""
    if owner.kind != OrganisationKind.PROCURATORATE or not owner.is_active:
        raise WorkflowError(NOT_PROCURATORATE)
    people = list(beneficiaries)
    if not people:
        raise WorkflowError(NO_BENEFICIARY)
    staff = access.user is not None and access.has_role(owner.pk, CASE_STAFF_ROLES)
    case = apply_open(
        workflow=SUPPORT_CASE,
        owner=owner,
        access=access,
        fields={
            "title": f"{category.name}：{respondent}"[:200],
            "category": category,
            "channel": channel,
            "referred_by": referred_by,
            "received_on": received_on,
            "applicant_name": applicant_name,
            "applicant_id_number": applicant_id_number,
            "applicant_mobile": applicant_mobile,
            "applicant_address": applicant_address,
            "respondent": respondent,
            "facts": facts,
            "query_code": unused_query_code(),
            "submission_key": submission_key,
        },
        partners=[referred_by] if referred_by is not None else [],
        handlers=[access.user] if staff else [],
        start="receive",
    )
    assert isinstance(case, SupportCase)
    Beneficiary.objects.bulk_create(_beneficiary_rows(case, people))
    return case


def case_for_submission(key: uuid.UUID) -> SupportCase | None:
    return SupportCase.objects.filter(submission_key=key).first()


@durable
def _store_application(**fields: Any) -> SupportCase:
    return _open(access=SYSTEM, channel=Channel.ONLINE, **fields)


def application_submit(
    *,
    submission_key: uuid.UUID,
    procuratorate: Organisation,
    category: SupportCategory,
    applicant_name: str,
    applicant_mobile: str,
    respondent: str,
    facts: str,
    beneficiaries: Iterable[Mapping[str, Any]],
    received_on: date,
    applicant_id_number: str = "",
    applicant_address: str = "",
    **_ignored: Any,
) -> tuple[SupportCase, bool]:
    """An application online, without an account; returns the case and whether it is new.

    The same application posted twice (a double tap, a phone that retried) carries the same
    ``submission_key`` and answers with the case stored the first time, even when both
    arrive at once: the second loses on the unique key (``publicinterest``'s ``stored_once``)."""
    existing = case_for_submission(submission_key)
    if existing is not None:
        return existing, False
    people = list(beneficiaries)
    return stored_once(
        lambda: _store_application(
            owner=procuratorate,
            category=category,
            received_on=received_on,
            applicant_name=applicant_name,
            applicant_id_number=applicant_id_number,
            applicant_mobile=applicant_mobile,
            applicant_address=applicant_address,
            respondent=respondent,
            facts=facts,
            beneficiaries=people,
            submission_key=submission_key,
        ),
        lambda: case_for_submission(submission_key),
    )


@durable
def case_open(
    *,
    access: Access,
    owner: Organisation,
    channel: str,
    category: SupportCategory,
    received_on: date,
    applicant_name: str,
    respondent: str,
    facts: str,
    beneficiaries: Iterable[Mapping[str, Any]],
    applicant_id_number: str = "",
    applicant_mobile: str = "",
    applicant_address: str = "",
    **_ignored: Any,
) -> SupportCase:
    """Staff enter an application received at the counter or by phone; they handle it."""
    if channel not in (Channel.COUNTER, Channel.PHONE):
        raise WorkflowError(_("Choose how the application was received."))
    return _open(
        access=access,
        owner=owner,
        channel=channel,
        category=category,
        received_on=received_on,
        applicant_name=applicant_name,
        applicant_id_number=applicant_id_number,
        applicant_mobile=applicant_mobile,
        applicant_address=applicant_address,
        respondent=respondent,
        facts=facts,
        beneficiaries=beneficiaries,
    )


def referred_case_open(
    *,
    by: Organisation,
    owner: Organisation,
    access: Access,
    category: SupportCategory,
    received_on: date,
    applicant_name: str,
    respondent: str,
    facts: str,
    beneficiaries: Iterable[Mapping[str, Any]],
    applicant_id_number: str = "",
    applicant_mobile: str = "",
    applicant_address: str = "",
    **_ignored: Any,
) -> SupportCase:
    """A case referred by ``by`` (a judicial bureau, legal-aid centre or the labour
    inspectorate, an administrative agency), which becomes its partner and follows it; opened
    in the caller's transaction, so a referral accepted in Liaison opens its case inside the
    acceptance's step (``referrals.py``)."""
    if by.kind not in REFERRING_KINDS or not by.is_active:
        raise WorkflowError(NOT_REFERRER)
    return _open(
        access=access,
        owner=owner,
        channel=Channel.REFERRAL,
        referred_by=by,
        category=category,
        received_on=received_on,
        applicant_name=applicant_name,
        applicant_id_number=applicant_id_number,
        applicant_mobile=applicant_mobile,
        applicant_address=applicant_address,
        respondent=respondent,
        facts=facts,
        beneficiaries=beneficiaries,
    )


#: ``referred_case_open`` as an action of its own: staff of the procuratorate record a paper
#: referral (they handle the case).
case_open_referred = durable(referred_case_open)


# -- the steps' effects -------------------------------------------------------------------------


def eligibility_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The review's decision: its reasons, which the applicant reads; the reviewer handles
    the case from now on."""
    SupportCase.objects.filter(pk=matter.pk).update(eligibility_reasons=data["reasons"])
    if access.user is not None:
        add_parties(matter=matter, handlers=[access.user])


def accept_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    if access.user is not None:
        add_parties(matter=matter, handlers=[access.user])


def opinion_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupportCase.objects.filter(pk=matter.pk).update(
        court=data["court"], opinion_facts=data["opinion_facts"], opinion_text=data["opinion_text"]
    )


def send_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """The opinion is issued: its PDF and Word kept on the case, the court a partner."""
    from liaison.workflow.actions import today

    case = SupportCase.objects.select_related("owner", "court", "category").get(pk=matter.pk)
    if case.court is None:
        raise WorkflowError(_("Draft the opinion and choose the court first."))
    case.opinion_sent_on = today()
    case.save(update_fields=["opinion_sent_on"])
    text = documents.opinion_text(case)
    name = f"支持起诉意见书{case.case_number}"
    render = {"pdf": documents.opinion_pdf, "docx": documents.opinion_docx}
    for ext in OPINION_FORMATS:
        content = render[ext](text)
        attachment_upload(
            file=ContentFile(content, name=f"{name}.{ext}"),
            uploaded_by=access.user,  # type: ignore[arg-type]
            matter=case,
            purpose=OPINION_PURPOSE,
        )
    add_parties(matter=case, partners=[case.court])


def acknowledge_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    number = data.get("court_case_number") or ""
    if number:
        SupportCase.objects.filter(pk=matter.pk).update(court_case_number=number)


def outcome_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupportCase.objects.filter(pk=matter.pk).update(
        outcome=data["outcome"],
        outcome_on=data["outcome_on"],
        amount_claimed=data["amount_claimed"],
        amount_awarded=data["amount_awarded"],
    )


def close_effect(*, matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    SupportCase.objects.filter(pk=matter.pk).update(closing_reasons=data.get("reasons", ""))


# -- beneficiaries and recoveries ---------------------------------------------------------------


def _may(access: Access, case: SupportCase, act: str) -> None:
    if not SUPPORT_CASE.policy.may(access, case, act):
        raise TransitionForbidden()


def _locked(case: SupportCase) -> SupportCase:
    """The case's matter row locked (as every step locks it), read afresh."""
    Matter.objects.select_for_update().filter(pk=case.pk).first()
    return SupportCase.objects.get(pk=case.pk)


@durable
def beneficiary_add(
    *,
    access: Access,
    case: SupportCase,
    name: str,
    group: str,
    id_number: str = "",
    mobile: str = "",
    amount_owed: Decimal | None = None,
    **_ignored: Any,
) -> Beneficiary:
    """Add a person the case helps (its staff, while it is open)."""
    case = _locked(case)
    _may(access, case, EDIT_BENEFICIARIES)
    (row,) = _beneficiary_rows(
        case,
        [
            {
                "name": name,
                "group": group,
                "id_number": id_number,
                "mobile": mobile,
                "amount_owed": amount_owed,
            }
        ],
    )
    row.save()
    record_event(matter=case, access=access, action=EVENT_BENEFICIARY, data={"beneficiary": row.pk})
    return row


@durable
def beneficiary_remove(*, access: Access, case: SupportCase, beneficiary: Beneficiary) -> None:
    """Take out a person entered by mistake; one the case has recovered money for stays."""
    case = _locked(case)
    _may(access, case, EDIT_BENEFICIARIES)
    if beneficiary.case_id != case.pk:
        raise TransitionForbidden()
    if Recovery.objects.filter(beneficiary=beneficiary).exists():
        raise WorkflowError(_("Money was recovered for this person: they stay on the case."))
    if Beneficiary.objects.filter(case=case).count() <= 1:
        raise WorkflowError(NO_BENEFICIARY)
    pk = beneficiary.pk
    beneficiary.delete()
    record_event(
        matter=case, access=access, action=EVENT_BENEFICIARY_REMOVE, data={"beneficiary": pk}
    )


@durable
def recovery_record(
    *,
    access: Access,
    case: SupportCase,
    received_on: date,
    amount: Decimal,
    beneficiary: Beneficiary | None = None,
    over_award_reason: str = "",
    **_ignored: Any,
) -> Recovery:
    """Record one recovered instalment. The case's row is locked first, so two instalments
    recorded at once are both checked against the awarded amount with the other counted."""
    case = _locked(case)
    _may(access, case, RECORD_RECOVERY)
    if not isinstance(amount, Decimal) or amount <= 0 or amount != amount.quantize(CENT):
        raise WorkflowError(_("The amount must be more than zero, with at most two decimals."))
    if beneficiary is not None and beneficiary.case_id != case.pk:
        raise WorkflowError(_("Choose one of the case's beneficiaries."))
    before = Recovery.objects.filter(case=case).aggregate(total=Sum("amount"))["total"] or 0
    total = before + amount
    reason = over_award_reason.strip()
    if case.amount_awarded is not None and total > case.amount_awarded and not reason:
        raise OverAward(OVER_AWARD % {"total": money(total), "awarded": money(case.amount_awarded)})
    user = access.user
    assert user is not None
    row = Recovery(
        case=case,
        beneficiary=beneficiary,
        received_on=received_on,
        amount=amount,
        over_award_reason=reason,
        recorded_by=user,
    )
    row.full_clean(exclude=["case", "recorded_by", "beneficiary"])
    row.save()
    record_event(
        matter=case,
        access=access,
        action=EVENT_RECOVERY,
        note=reason,
        data={"amount": f"{amount:.2f}", "total": f"{total:.2f}", "on": received_on.isoformat()},
    )
    return row
