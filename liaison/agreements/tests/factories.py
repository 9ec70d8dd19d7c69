"""Agreements for tests, made through the real actions: a procuratorate and a court that work
together, an agreement between them, signed and in force when asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.accounts.models import User
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role

from ..actions import agreement_bring_into_force, agreement_draft, agreement_sign
from ..models import Agreement

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def signed_pdf(name: str = "协作意见.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class Sides:
    procuratorate: Organisation
    court: Organisation
    outsider: Organisation
    chief: User  # the procuratorate's chief procurator: drafts and signs
    admin: User  # the procuratorate's administrator
    prosecutor: User
    court_admin: User
    judge: User
    outsider_staff: User


def sides() -> Sides:
    procuratorate = OrganisationFactory(name="康巴什区人民检察院")
    court = OrganisationFactory(name="康巴什区人民法院", kind=OrganisationKind.COURT)
    outsider = OrganisationFactory(name="东胜区司法局", kind=OrganisationKind.JUDICIAL_BUREAU)
    cooperation_start(actor=None, organisations=(procuratorate, court))
    cooperation_start(actor=None, organisations=(procuratorate, outsider))
    return Sides(
        procuratorate=procuratorate,
        court=court,
        outsider=outsider,
        chief=member(procuratorate, Role.CHIEF_PROCURATOR),
        admin=member(procuratorate, Role.ADMINISTRATOR),
        prosecutor=member(procuratorate, Role.PROSECUTOR),
        court_admin=member(court, Role.ADMINISTRATOR),
        judge=member(court, Role.JUDGE),
        outsider_staff=member(outsider, Role.BUREAU_OFFICER),
    )


def draft(s: Sides, **fields: Any) -> Agreement:
    values: dict[str, Any] = {
        "title": "关于建立民事执行监督协作配合机制的意见",
        "articles": "第一条 双方建立联席会议制度。",
        "governs": ["recommendations.recommendation"],
        "meeting_cadence": 3,
    } | fields
    return agreement_draft(
        access=access_for(s.chief), owner=s.procuratorate, partners=[s.court], **values
    )


def in_force(
    s: Sides, *, signed_on: date, in_force_from: date | None = None, **fields: Any
) -> Agreement:
    agreement = draft(s, **fields)
    agreement_sign(
        agreement=agreement, access=access_for(s.chief), signed_on=signed_on, document=signed_pdf()
    )
    agreement_bring_into_force(
        agreement=Agreement.objects.get(pk=agreement.pk),
        access=access_for(s.chief),
        in_force_from=in_force_from or signed_on,
    )
    return Agreement.objects.get(pk=agreement.pk)


__all__ = ["SYSTEM", "Sides", "draft", "in_force", "sides", "signed_pdf"]


def url_world(procuratorate: Organisation, court: Organisation) -> dict[str, Any]:
    """A draft agreement between ``procuratorate`` and ``court`` (which work together), for
    the URL-access table: the arguments of each of this app's pages about one agreement."""
    chief = member(procuratorate, Role.CHIEF_PROCURATOR)
    cooperation_start(actor=None, organisations=(procuratorate, court))
    agreement = agreement_draft(
        access=access_for(chief), owner=procuratorate, partners=[court], title="协作意见（草稿）"
    )
    return {
        "agreement": agreement,
        "guarded": {
            "agreements:edit": ("get", [agreement.pk]),
            "agreements:liaison": ("post", [agreement.pk, court.pk]),
        },
    }
