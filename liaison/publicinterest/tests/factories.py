"""Factories for public-interest litigation: procuratorates and agencies on real divisions, clue
officers, prosecutors and agency officers, photos, and clues and cases taken through the real
actions and steps (``clue_submit``, ``transition``)."""

from __future__ import annotations

import uuid
from datetime import date
from io import BytesIO
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.publicinterest.actions import clue_add_to
from liaison.publicinterest.clue_actions import clue_submit
from liaison.publicinterest.fielddata import seed_fields
from liaison.publicinterest.models import Clue, ClueAddition, Field, PILCase
from liaison.recommendations.models import Recommendation
from liaison.workflow.actions import transition
from liaison.workflow.tests.factories import approve_all

KANGBASHI = "150603"  # 鄂尔多斯市康巴什区
ORDOS = "150600"  # 鄂尔多斯市
DONGSHENG = "150602"  # 鄂尔多斯市东胜区, no procuratorate of its own in the tests
DATONG = "140200"  # 山西省大同市 (seed 004)

#: What a clue officer gives to accept a clue into a new case of either kind.
CIVIL = {"kind": "civil"}
ADMINISTRATIVE = {"kind": "administrative"}


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field{n}")
    name = factory.Sequence(lambda n: f"测试领域{n}")
    name_en = factory.Sequence(lambda n: f"Test field {n}")


def field(code: str = "ecology") -> Field:
    """A field from the data migration (re-seeded when a transactional test emptied the table)."""
    if not Field.objects.filter(code=code).exists():
        seed_fields(Field)
    return Field.objects.get(code=code)


def procuratorate(code: str = KANGBASHI, **fields: Any) -> Organisation:
    return OrganisationFactory(division=division(code), **fields)


def clue_officer(org: Organisation, **user_fields: Any) -> User:
    return member(org, Role.CLUE_OFFICER, **user_fields)


def image_bytes(
    kind: str = "JPEG", *, size: tuple[int, int] = (32, 24), gps: bool = False, orientation: int = 1
) -> bytes:
    """A small real image; with ``gps`` its EXIF holds a GPS position, as a phone's photo does."""
    image = Image.new("RGB", size, (30, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"  # camera make
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (39.0, 49.0, 12.0), 3: "E", 4: (109.0, 46.0, 30.0)}
    out = BytesIO()
    image.save(out, kind, exif=exif.tobytes())
    return out.getvalue()


def photo(name: str = "现场.jpg", kind: str = "JPEG", **options: Any) -> SimpleUploadedFile:
    types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
    return SimpleUploadedFile(name, image_bytes(kind, **options), types[kind])


def reported_clue(
    *,
    at: str = KANGBASHI,
    anonymous: bool = True,
    photos: list[SimpleUploadedFile] | None = None,
    **overrides: Any,
) -> Clue:
    """A clue reported at the division ``at`` (a procuratorate must cover it), in "submitted"."""
    from liaison.attachments.images import PHOTO_TYPES
    from liaison.attachments.validators import validate_upload

    values: dict[str, Any] = {
        "submission_key": uuid.uuid4(),
        "field": field(),
        "description": "河道旁有企业长期偷排污水，河水发黑发臭。",
        "division": division(at),
        "address": "青春山湿地公园东侧",
        "seen_on": date(2026, 11, 20),
        "anonymous": anonymous,
    }
    if not anonymous:
        values.update(reporter_name="王小明", reporter_mobile="13912345678")
    values.update(overrides)
    checked = [(p, validate_upload(p, allowed=PHOTO_TYPES)) for p in photos or []]
    clue, _created = clue_submit(**values, photos=checked)
    return clue


def added_report(
    clue: Clue,
    *,
    anonymous: bool = False,
    files: list[SimpleUploadedFile] | None = None,
    **overrides: Any,
) -> ClueAddition:
    """A further report added to ``clue`` ("I see this too"), named by default."""
    from liaison.attachments.validators import validate_upload
    from liaison.publicinterest.report_forms import REPORT_FILE_TYPES

    values: dict[str, Any] = {
        "submission_key": uuid.uuid4(),
        "description": "我也看到了：河边排污口一直在往河里排黑水，气味很重。",
        "seen_on": date(2026, 11, 21),
        "anonymous": anonymous,
    }
    if not anonymous:
        values.update(reporter_name="李四", reporter_mobile="13800001111")
    values.update(overrides)
    checked = [(f, validate_upload(f, allowed=REPORT_FILE_TYPES)) for f in files or []]
    addition, _created = clue_add_to(clue=clue, **values, photos=checked)
    return addition


def mp4_bytes(*, location: bool = True, large_header: bool = False) -> bytes:
    """A small MP4 as a phone writes one: ftyp, the movie (its header with a creation time, a
    track, and user data with a GPS position and the phone's model), then the media data."""
    import struct

    def box(kind: bytes, payload: bytes, large: bool = False) -> bytes:
        if large:
            return struct.pack(">I4sQ", 1, kind, len(payload) + 16) + payload
        return struct.pack(">I4s", len(payload) + 8, kind) + payload

    created = struct.pack(">I", 3_800_000_000)  # 2024, in seconds since 1904
    mvhd = box(b"mvhd", b"\x00\x00\x00\x00" + created + created + b"\x00" * 88)
    tkhd = box(b"tkhd", b"\x00\x00\x00\x01" + created + created + b"\x00" * 72)
    mdhd = box(b"mdhd", b"\x00\x00\x00\x00" + created + created + b"\x00" * 12)
    user = box(b"\xa9xyz", b"\x00\x12\x15\xc7+39.8123+109.7812/") + box(
        b"\xa9mod", b"\x00\x08\x00\x00TestPhone"
    )
    udta = box(b"udta", user) if location else b""
    trak = box(b"trak", tkhd + box(b"mdia", mdhd + box(b"minf", box(b"stbl", b""))) + udta)
    moov = box(b"moov", mvhd + trak + udta, large=large_header)
    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
    return ftyp + moov + box(b"mdat", b"\x00\x00\x00\x10picture-and-sound" * 4)


def video(name: str = "现场.mp4", **options: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, mp4_bytes(**options), "video/mp4")


def agency(code: str = KANGBASHI, **fields: Any) -> Organisation:
    """An administrative agency (a partner organisation whose officers answer recommendations)."""
    fields.setdefault("name", "鄂尔多斯市康巴什区生态环境分局")
    return OrganisationFactory(
        division=division(code), kind=OrganisationKind.ADMINISTRATIVE_AGENCY, **fields
    )


def prosecutor(org: Organisation, **user_fields: Any) -> User:
    return member(org, Role.PROSECUTOR, **user_fields)


def agency_officer(org: Organisation, **user_fields: Any) -> User:
    return member(org, Role.AGENCY_OFFICER, **user_fields)


def accepted_case(
    clue: Clue | None = None,
    *,
    officer: User | None = None,
    kind: str = "administrative",
    **data: Any,
) -> PILCase:
    """A case opened by accepting ``clue`` (one reported at Kangbashi by default)."""
    clue = clue or reported_clue()
    officer = officer or clue_officer(clue.owner)
    transition(matter=clue, name="accept", access=access_for(officer), data={"kind": kind, **data})
    clue.refresh_from_db()
    assert clue.case is not None
    return PILCase.objects.get(pk=clue.case_id)


def filed_case(
    case: PILCase | None = None,
    *,
    by: User | None = None,
    responsible: Organisation | None = None,
    **accept: Any,
) -> PILCase:
    """A case filed by a prosecutor (``by``), who then handles it; an administrative case names
    ``responsible`` (a new agency by default)."""
    case = case or accepted_case(**accept)
    by = by or prosecutor(case.owner)
    data: dict[str, Any] = {"note": "经初步调查，符合立案条件。"}
    if case.is_administrative:
        data["administrative_agency"] = (responsible or agency()).pk
    else:
        data["respondent"] = "大同市某煤炭运销有限公司"
    transition(matter=case, name="file", access=access_for(by), data=data)
    return approve_all(case)


RECOMMENDATION_INPUT = {
    "facts": "经现场勘查，该煤场露天堆放原煤约三万吨，未采取苫盖、喷淋等抑尘措施。",
    "opinion": "你局作为大气污染防治的监督管理部门，未依法履行监管职责。",
    "measures": "1. 依法查处该煤场的违法行为；\n2. 督促其落实防风抑尘措施。",
}


def drafted_recommendation(
    case: PILCase | None = None, *, by: User | None = None, urgent: bool = False
) -> tuple[PILCase, Recommendation]:
    """An administrative case whose handler (``by``) has drafted its recommendation."""
    case = case or filed_case(by=by)
    handler = by or case.parties.get(relation="handler").person
    data = {**RECOMMENDATION_INPUT, "urgent": "on" if urgent else ""}
    transition(matter=case, name="recommend", access=access_for(handler), data=data)
    return PILCase.objects.get(pk=case.pk), Recommendation.objects.get(source=case)


def recommended_case(
    case: PILCase | None = None, *, by: User | None = None, urgent: bool = False
) -> tuple[PILCase, Recommendation]:
    """An administrative case whose recommendation its handler (``by``) has drafted and, once
    the department head and the chief procurator approved it, served."""
    case, draft = drafted_recommendation(case, by=by, urgent=urgent)
    handler = by or case.parties.get(relation="handler").person
    transition(matter=draft, name="serve", access=access_for(handler))
    served = approve_all(draft)
    return PILCase.objects.get(pk=case.pk), served


def supervisor(**fields: Any) -> User:
    """A registered volunteer who took on the role of rectification supervisor."""
    from liaison.volunteers.actions import volunteer_set_roles
    from liaison.volunteers.models import VolunteerRole
    from liaison.volunteers.tests.factories import volunteer

    person = volunteer(**fields)
    volunteer_set_roles(person=person, roles=[VolunteerRole.RECTIFICATION_SUPERVISOR])
    return person


def followed_up_case(
    case: PILCase | None = None, *, by: User | None = None, outcome: str = "rectified"
) -> PILCase:
    """An administrative case in follow-up: its recommendation served and answered."""
    case, recommendation = recommended_case(case, by=by)
    transition(
        matter=recommendation,
        name="reply",
        access=access_for(agency_officer(recommendation.addressee)),
        data={"reply": "已责令煤场全部苫盖并安装喷淋设施。", "reply_outcome": outcome},
    )
    return PILCase.objects.get(pk=case.pk)


def court(**kwargs: Any) -> Organisation:
    kwargs.setdefault("name", "大同市中级人民法院")
    return OrganisationFactory(kind=OrganisationKind.COURT, **kwargs)


def sued_case(
    case: PILCase, *, by: User, before: Organisation, claims: str = "责令履职。"
) -> PILCase:
    """``case`` (in a state a suit starts from) sued before the court ``before`` by its handler
    ``by``, approved by the chief procurator."""
    from django.utils import timezone

    data = {"court": before.pk, "suit_filed_on": timezone.localdate(), "claims": claims}
    transition(matter=case, name="sue", access=access_for(by), data=data)
    return approve_all(case)


def judgment_pdf(name: str = "判决书.pdf") -> SimpleUploadedFile:
    """A small PDF, as a court's judgment document."""
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF", "application/pdf"
    )


def announced_case(case: PILCase | None = None, *, by: User) -> PILCase:
    """A civil case (``case``, filed by ``by``, or a new one) whose handler ``by`` announced it,
    the thirty days since run out."""
    from datetime import timedelta

    from django.utils import timezone

    from liaison.workflow.models import Clock
    from liaison.workflow.reminders import take_expiry_steps

    case = case or filed_case(kind="civil", by=by)
    transition(matter=case, name="announce", access=access_for(by), data={"announcement": "公告。"})
    Clock.objects.filter(matter=case, name="announcement").update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    take_expiry_steps(today=timezone.localdate())
    return PILCase.objects.get(pk=case.pk)
