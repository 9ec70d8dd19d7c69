"""Who a support-prosecution case's applicant and beneficiaries are: the one audited look
(``liaison.identities``), for the handling staff alone (the handler and those above them);
the court, the referring organisation, an aid lawyer and the other staff read them masked."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.identities.reveal import Identity, Subject

from .models import Beneficiary, SupportCase
from .workflows import SEE_BENEFICIARIES, SUPPORT_CASE

REFUSAL = _("Only the staff handling this support-prosecution case may see who this is.")


def _applicant(case: SupportCase) -> Identity:
    return Identity(
        name=case.applicant_name,
        mobile=case.applicant_mobile,
        id_number=case.applicant_id_number,
        address=case.applicant_address,
    )


def _beneficiary(record: Beneficiary) -> Identity:
    return Identity(name=record.name, mobile=record.mobile, id_number=record.id_number)


def _beneficiary_of(case: SupportCase, pk: int) -> Beneficiary | None:
    return Beneficiary.objects.filter(pk=pk, case_id=case.pk).first()


APPLICANT = Subject(
    matter_type=SUPPORT_CASE.name,
    name="applicant",
    act=SEE_BENEFICIARIES,
    identity=_applicant,
    audit="supportprosecution.applicant",
    label=_("Applicant"),
    show=_("Show the applicant's name and contact"),
    refusal=REFUSAL,
)

BENEFICIARY = Subject(
    matter_type=SUPPORT_CASE.name,
    name="beneficiary",
    act=SEE_BENEFICIARIES,
    identity=_beneficiary,
    item=_beneficiary_of,
    audit="supportprosecution.beneficiary",
    label=_("Beneficiary"),
    show=_("Show who this is"),
    refusal=REFUSAL,
)
