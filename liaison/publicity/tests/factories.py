"""Publicity events for tests, recorded through the real action: a district procuratorate under
a city one, the judicial bureau it works with, an agreement between them in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from liaison.accounts.models import User
from liaison.agreements.actions import (
    agreement_bring_into_force,
    agreement_draft,
    agreement_sign,
)
from liaison.agreements.models import Agreement
from liaison.agreements.tests.factories import signed_pdf
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role

from ..actions import EventFields, event_record
from ..models import EventKind, PublicityEvent


@dataclass
class World:
    city: Organisation
    district: Organisation
    bureau: Organisation
    sibling: Organisation  # another district under the same city
    outsider: Organisation
    prosecutor: User
    bureau_officer: User
    city_prosecutor: User
    sibling_prosecutor: User
    outsider_staff: User
    volunteer: User  # a volunteer of the district: not staff
    agreement: Agreement


def world() -> World:
    city = OrganisationFactory(name="芜湖市人民检察院", level=Organisation.Level.MUNICIPAL)
    district = OrganisationFactory(name="芜湖市湾沚区人民检察院", parent=city)
    sibling = OrganisationFactory(name="芜湖市鸠江区人民检察院", parent=city)
    bureau = OrganisationFactory(name="湾沚区司法局", kind=OrganisationKind.JUDICIAL_BUREAU)
    outsider = OrganisationFactory(name="泗县人民检察院")
    cooperation_start(actor=None, organisations=(district, bureau))
    chief = member(district, Role.CHIEF_PROCURATOR)
    agreement = agreement_draft(
        access=access_for(chief),
        owner=district,
        partners=[Organisation.objects.get(pk=bureau.pk)],
        title="关于建立支持起诉与法律援助协作机制的意见",
    )
    agreement_sign(
        agreement=agreement,
        access=access_for(chief),
        signed_on=date(2022, 5, 23),
        document=signed_pdf(),
    )
    agreement_bring_into_force(
        agreement=Agreement.objects.get(pk=agreement.pk),
        access=access_for(chief),
        in_force_from=date(2022, 5, 23),
    )
    return World(
        city=city,
        district=district,
        bureau=bureau,
        sibling=sibling,
        outsider=outsider,
        prosecutor=member(district, Role.PROSECUTOR, name="陈静"),
        bureau_officer=member(bureau, Role.BUREAU_OFFICER, name="吴强"),
        city_prosecutor=member(city, Role.PROSECUTOR),
        sibling_prosecutor=member(sibling, Role.PROSECUTOR),
        outsider_staff=member(outsider, Role.PROSECUTOR),
        volunteer=member(district, Role.VOLUNTEER),
        agreement=Agreement.objects.get(pk=agreement.pk),
    )


def photo(name: str = "现场.jpg") -> SimpleUploadedFile:
    """A JPEG carrying EXIF data (the camera's make), which the store must strip."""
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def fields(w: World, **overrides: Any) -> EventFields:
    values: dict[str, Any] = {
        "kind": EventKind.CAMPAIGN,
        "title": "“护薪行动”普法宣传",
        "held_on": date(2022, 1, 10),
        "place": "湾沚区人力资源市场",
        "organiser": w.district,
        "partners": [w.bureau],
        "participants_text": "安徽某律师事务所 张律师",
        "participants": [w.prosecutor, w.bureau_officer],
        "audience": 120,
        "agreement": w.agreement,
    } | overrides
    return EventFields(**values)


def recorded(w: World, **overrides: Any) -> PublicityEvent:
    return event_record(access=access_for(w.prosecutor), fields=fields(w, **overrides))


def url_world(procuratorate: Organisation) -> dict[str, Any]:
    """An event of ``procuratorate`` with one file, for the URL-access table."""
    author = member(procuratorate, Role.PROSECUTOR)
    event = event_record(
        access=access_for(author),
        fields=EventFields(
            kind=EventKind.LECTURE,
            title="支持起诉专题讲座",
            held_on=date(2022, 6, 1),
            place="司法局会议室",
            organiser=procuratorate,
            audience=40,
            files=[photo()],
        ),
    )
    file = event.material.get()
    return {
        "event": event,
        "guarded": {
            "publicity:detail": ("get", [event.pk]),
            "publicity:edit": ("get", [event.pk]),
            "publicity:material": ("get", [event.pk, file.pk]),
            "publicity:material-remove": ("post", [event.pk, file.pk]),
        },
    }
