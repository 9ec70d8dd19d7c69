"""The five seeds' agreements, signed and in force between the right organisations, with each
party's liaison person: called from ``core/demo/``, through the real actions and steps.

Where a seed gives the day of signing it is used (Sixian: 15 April 2022; Chengzhong: the two
courts' symposium of 21 September 2022, whose consensus stands as its agreement; Datong: 12
November, the year read as 2021, after the Central Committee's opinions of June 2021 it
implements). Where it gives only the report (Wanzhi: reported 23 May 2022, "recently
countersigned") or nothing (Kangbashi: the work plan for 2022), the day is the report's or an
assumption, marked below."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.accounts.models import User
from liaison.core.access import SYSTEM, access_for
from liaison.orgs.models import Organisation

from .actions import (
    agreement_bring_into_force,
    agreement_draft,
    agreement_sign,
    liaison_person_name,
)
from .models import Agreement, Cadence

#: A one-page PDF standing for the scanned, signed document.
_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


@dataclass(frozen=True)
class AgreementSpec:
    owner: str
    partners: tuple[str, ...]
    drafted_by: str
    title: str
    signed_on: date
    articles: str
    governs: tuple[str, ...]
    cadence: int | None
    #: (organisation key, user key) of each party's liaison person
    liaisons: tuple[tuple[str, str], ...]


AGREEMENTS = [
    # seed 000: the judicial bureau and the procuratorate; the day is assumed (early 2022).
    AgreementSpec(
        "kbs",
        ("kbs_bureau",),
        "kbs_chief",
        "关于加强康巴什区检察协作工作的实施意见",
        date(2022, 3, 1),
        "一、发挥律师在检察机关办理重大案件（事件）、认罪认罚从宽案件、服务非公有制经济、"
        "检察听证和涉法涉诉信访案件中的积极作用。\n"
        "二、依法保障律师执业权利。\n"
        "三、定期召开检察、司法行政、律师联席会议，研究解决检律协作互动中的问题。",
        ("lawyers.booking", "lawyers.file_review", "lawyers.complaint", "hearings.hearing"),
        Cadence.TWICE_A_YEAR,
        (("kbs", "kbs_prosecutor"), ("kbs_bureau", "kbs_bureau")),
    ),
    # seed 001: the two courts' symposium of 21 September 2022.
    AgreementSpec(
        "cz",
        ("cz_court",),
        "cz_prosecutor",
        "城中区人民检察院 城中区人民法院工作交流座谈会共识",
        date(2022, 9, 21),
        "一、树立整体思维，推进检法理念融合。\n"
        "二、密切沟通联系，增强协作实效，畅通信息交流反馈渠道。\n"
        "三、依法履职，深度融入社会治理，加强虚假诉讼监督。",
        ("notices.notice", "recommendations.recommendation"),
        Cadence.QUARTERLY,
        (("cz", "cz_prosecutor"), ("cz_court", "cz_judge")),
    ),
    # seed 002: reported on 23 May 2022 as "recently countersigned": the report's day.
    AgreementSpec(
        "wz",
        ("wz_bureau",),
        "wz_prosecutor",
        "关于建立支持起诉与法律援助协作机制的意见",
        date(2022, 5, 23),
        "一、拓宽支持起诉案件领域。\n"
        "二、支持起诉与法律援助有效衔接。\n"
        "三、定期召开联席会议，共同研究、通报、推进支持起诉和法律援助工作。\n"
        "四、双方指定专人担任联络员，负责日常工作联系和定期沟通协作。",
        ("notices.notice",),
        Cadence.QUARTERLY,
        (("wz", "wz_prosecutor"), ("wz_bureau", "wz_bureau")),
    ),
    # seed 003: signed on the afternoon of 15 April 2022.
    AgreementSpec(
        "sx",
        ("sx_court",),
        "sx_chief",
        "关于完善民事执行活动法律监督协作配合机制的意见",
        date(2022, 4, 15),
        "一、成立民事执行活动法律监督协作配合领导小组及办公室。\n"
        "二、建立执行案件信息共享机制。\n"
        "三、建立争议协调解决机制。\n"
        "四、定期召开联席会议。",
        ("notices.notice", "recommendations.recommendation"),
        Cadence.QUARTERLY,
        (("sx", "sx_prosecutor"), ("sx_court", "sx_enforcement")),
    ),
    # seed 004: 12 November, the year read as 2021.
    AgreementSpec(
        "dt",
        ("dt_youth",),
        "dt_chief",
        "关于建立志愿服务与检察公益诉讼协作机制的意见",
        date(2021, 11, 12),
        "一、志愿者担任公益诉讼宣传员、线索收集员、整改监督员。\n"
        "二、邀请志愿者参与公益诉讼公开听证。\n"
        "三、定期开展业务培训，及时听取志愿者组织的意见建议。",
        ("publicinterest.clue", "publicinterest.admin_case", "hearings.hearing"),
        Cadence.YEARLY,
        (("dt", "dt_prosecutor"), ("dt_youth", "dt_coordinator")),
    ),
]


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> list[Agreement]:
    """Draft, sign (with its PDF) and bring into force each seed's agreement, and name each
    party's liaison person (the first ones recorded by the system, as the seeds name them)."""
    made = []
    for spec in AGREEMENTS:
        drafter = access_for(users[spec.drafted_by])
        agreement = agreement_draft(
            access=drafter,
            owner=orgs[spec.owner],
            partners=[orgs[key] for key in spec.partners],
            title=spec.title,
            articles=spec.articles,
            governs=spec.governs,
            meeting_cadence=spec.cadence,
        )
        agreement_sign(
            agreement=agreement,
            access=drafter,
            signed_on=spec.signed_on,
            document=SimpleUploadedFile(f"{spec.title}.pdf", _PDF, "application/pdf"),
        )
        agreement_bring_into_force(
            agreement=Agreement.objects.get(pk=agreement.pk),
            access=drafter,
            in_force_from=spec.signed_on,
        )
        agreement = Agreement.objects.get(pk=agreement.pk)
        for org_key, user_key in spec.liaisons:
            liaison_person_name(
                agreement=agreement,
                organisation=orgs[org_key],
                person=users[user_key],
                access=SYSTEM,
            )
        made.append(agreement)
    return made
