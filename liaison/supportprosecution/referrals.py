"""A case a legal-aid centre refers to a procuratorate (``legalaid.to_procuratorate``) opens a
support-prosecution case when the procuratorate accepts it, in the acceptance's own step: the
centre becomes the case's partner and follows it, whoever accepted handles it, and the person
referred is its applicant and first beneficiary. Seed 002 asks for referrals both ways; the
referral is the legal-aid app's, the case this app's, and this reaction is the one joint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from liaison.core.access import Access
from liaison.workflow.models import Matter

from .actions import referred_case_open
from .models import BeneficiaryGroup, SupportCategory

#: Whom a category's person counts as in the figures (``BeneficiaryGroup``); the legal-aid
#: referral's categories are this app's category codes.
GROUP_OF_CATEGORY = {
    "migrant_wages": BeneficiaryGroup.MIGRANT_WORKER,
    "elderly_alimony": BeneficiaryGroup.ELDERLY,
    "minor_support": BeneficiaryGroup.MINOR,
    "disabled": BeneficiaryGroup.DISABLED,
}
OTHER_CATEGORY = "other"


def referral_accepted(matter: Matter, data: Mapping[str, Any], access: Access) -> None:
    """``registry.react("legalaid.to_procuratorate", ("accept",), …)``: open the case."""
    from liaison.legalaid.models import LegalAidReferral

    referral = LegalAidReferral.objects.select_related("owner", "receiver").get(pk=matter.pk)
    category = SupportCategory.objects.filter(
        code=referral.category, active=True
    ).first() or SupportCategory.objects.get(code=OTHER_CATEGORY)
    referred_case_open(
        by=referral.owner,
        owner=referral.receiver,
        access=access,
        category=category,
        received_on=timezone.localdate(),
        applicant_name=referral.person_name,
        applicant_id_number=referral.person_id_number,
        applicant_mobile=referral.person_mobile,
        respondent=referral.respondent,
        facts=referral.facts,
        beneficiaries=[
            {
                "name": referral.person_name,
                "id_number": referral.person_id_number,
                "mobile": referral.person_mobile,
                "group": GROUP_OF_CATEGORY.get(category.code, BeneficiaryGroup.OTHER),
            }
        ],
    )
