"""Who the person referred is: masked for everyone who sees the referral, revealed to the
handling staff of both sides (the referring handler, the receiving side's officers), every look
audited (``liaison.identities``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.identities.reveal import Identity, Subject

from .models import LegalAidReferral
from .workflows import SEE_PERSON, WORKFLOWS


def _person(referral: LegalAidReferral) -> Identity:
    return Identity(
        name=referral.person_name,
        mobile=referral.person_mobile,
        id_number=referral.person_id_number,
    )


PERSONS = tuple(
    Subject(
        matter_type=workflow.name,
        name="person",
        act=SEE_PERSON,
        identity=_person,
        audit="legalaid.person",
        label=_("Person referred"),
        show=_("Show the person's name, ID number and mobile"),
        refusal=_("Only the staff handling this referral on either side may see who it is."),
    )
    for workflow in WORKFLOWS
)
