"""Factories for lawyers and the procuratorate: everything made through the real actions."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from liaison.accounts.models import User
from liaison.core.access import SYSTEM, access_for
from liaison.core.tests.factories import PASSWORD, OrganisationFactory, member
from liaison.core.validators import uscc_check_char
from liaison.lawyers import actions, counsel_actions
from liaison.lawyers.models import Booking, Lawyer, ProcuratorateCase, ReceptionSlot
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition

_numbers = itertools.count(1)


def procuratorate(**fields: Any) -> Organisation:
    return OrganisationFactory(**fields)


def bureau(of: Organisation, **fields: Any) -> Organisation:
    """The judicial bureau of the procuratorate's place."""
    return OrganisationFactory(
        kind=OrganisationKind.JUDICIAL_BUREAU,
        division=of.division,
        name=fields.pop("name", "测试司法局"),
        **fields,
    )


def staff(org: Organisation, role: str = Role.CASE_MANAGEMENT, **user_fields: Any) -> User:
    return member(org, role, **user_fields)


def uscc(n: int) -> str:
    seed = f"31150000MD{n:07d}"
    return seed + uscc_check_char(seed)


def licence(n: int) -> str:
    return f"11506201510{n:06d}"


def lawyer(
    *,
    at: Organisation | None = None,
    verified: bool = True,
    verifier: User | None = None,
    firm_uscc: str | None = None,
    **user_fields: Any,
) -> Lawyer:
    """A lawyer registered (a new account) at a procuratorate, verified by its staff."""
    at = at or procuratorate()
    n = next(_numbers)
    result = actions.lawyer_register(
        name=user_fields.pop("name", f"律师{n}"),
        mobile=f"1380000{n:04d}",
        licence_number=licence(n),
        firm_name=f"测试律师事务所{n}",
        firm_uscc=firm_uscc or uscc(n),
        procuratorate=at,
        username=user_fields.pop("username", f"lawyer{n}"),
        password=PASSWORD,
    )
    if verified:
        verifier = verifier or staff(at)
        registration = result.registrations.get()
        transition(matter=registration, name="verify", access=access_for(verifier))
        result.refresh_from_db()
    return result


def case(
    owner: Organisation | None = None, *, by: User | None = None, **fields: Any
) -> ProcuratorateCase:
    owner = owner or procuratorate()
    by = by or staff(owner, Role.PROSECUTOR)
    return counsel_actions.case_open(
        access=access_for(by),
        owner=owner,
        title=fields.pop("title", "张某某涉嫌盗窃案"),
        kind=fields.pop("kind", "criminal"),
        cause=fields.pop("cause", "盗窃罪"),
        suspect=fields.pop("suspect", "张三丰"),
        victim=fields.pop("victim", "李四"),
    )


def of_record(the_case: ProcuratorateCase, the_lawyer: Lawyer, client: str = "张三丰") -> None:
    counsel_actions.counsel_link(access=SYSTEM, case=the_case, lawyer=the_lawyer, client=client)


def slot(
    org: Organisation,
    *,
    purpose: str = "file_review",
    starts: datetime | None = None,
    capacity: int = 2,
    by: User | None = None,
) -> ReceptionSlot:
    starts = starts or timezone.now() + timedelta(days=3)
    return actions.slot_publish(
        access=access_for(by or staff(org)),
        procuratorate=org,
        purpose=purpose,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="案件管理中心律师接待室",
        capacity=capacity,
    )


def booking(the_lawyer: Lawyer, the_slot: ReceptionSlot, the_case: ProcuratorateCase) -> Booking:
    return actions.booking_create(
        access=access_for(the_lawyer.user), slot=the_slot, case=the_case, request="阅卷"
    )


def pdf_bytes(text: str = "Case file, volume 1") -> bytes:
    buffer = BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, text)
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def pdf(name: str = "卷宗第一册.pdf", text: str = "Case file, volume 1") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), "application/pdf")


def url_world(org: Organisation) -> dict[str, Any]:
    """One of each thing a lawyers' URL points at, for the URL-access table."""
    from liaison.attachments.actions import attachment_upload
    from liaison.lawyers.models import PleaSigning
    from liaison.lawyers.selectors import download_token

    prosecutor = staff(org, Role.PROSECUTOR)
    the_case = case(org, by=prosecutor)
    counsel = lawyer(at=org)
    of_record(the_case, counsel)
    the_slot = slot(org)
    made = booking(counsel, the_slot, the_case)
    document = attachment_upload(file=pdf(), uploaded_by=prosecutor, matter=the_case)
    release = counsel_actions.document_release(
        access=access_for(prosecutor), case=the_case, attachment=document
    )
    signing = PleaSigning.objects.create(
        case=the_case,
        signed_at=timezone.now(),
        lawyer=counsel,
        capacity="counsel",
        prosecutor=prosecutor,
        recommendation="有期徒刑一年，缓刑一年",
        recorded_by=prosecutor,
    )
    guarded: dict[str, tuple[str, list[Any]]] = {
        "lawyers:book-slot": ("post", [the_slot.pk]),
        "lawyers:calendar": ("get", [made.pk]),
        "lawyers:counsel-case": ("get", [the_case.pk]),
        "lawyers:download": ("get", [download_token(release, counsel)]),
        "lawyers:opinion": ("post", [signing.pk]),
        "lawyers:counsel": ("post", [the_case.pk]),
        "lawyers:counsel-end": ("post", [the_case.counsel.get().pk]),
        "lawyers:release": ("post", [the_case.pk]),
        "lawyers:withdraw": ("post", [release.pk]),
    }
    return {"case": the_case, "guarded": guarded}
