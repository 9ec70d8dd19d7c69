"""Who brought a petition and how to reach them: the one audited look (``liaison.identities``),
for the procuratorate's handling staff."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from liaison.identities.reveal import Identity, Subject

from .models import Petition
from .workflows import PETITION, SEE_PETITIONER


def _petitioner(petition: Petition) -> Identity:
    return Identity(
        name=petition.petitioner_name,
        mobile=petition.petitioner_mobile,
        address=petition.petitioner_address,
    )


PETITIONER = Subject(
    matter_type=PETITION.name,
    name="petitioner",
    act=SEE_PETITIONER,
    identity=_petitioner,
    audit="petitions.petitioner",
    label=_("Petitioner"),
    show=_("Show the petitioner's name and contact"),
    refusal=_("Only the staff of the procuratorate handling this petition may see who brought it."),
)
