"""The retrials' demo (seed 001, Chengzhong): the procuratorate's retrial recommendation to the
Chengzhong court with two items of new evidence, approved by the department head and the chief
procurator and served; the court registers it, accepts one item as new evidence and not the
other, rules to retry and records the judgment. Every step through the real actions; called
from ``core/demo/``."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.workflow.actions import transition
from liaison.workflow.approvals import approval_approve

from . import actions
from .models import Kind, NewEvidence, RetrialCase

EVIDENCE = (
    (
        "西宁某建材有限公司出具的收款收据及银行转账凭证（原审后新发现）",
        "马某已于2024年6月付清全部货款，原判决认定欠款事实错误",
        "收款收据及转账凭证.pdf",
    ),
    (
        "证人赵某的书面证言",
        "双方曾口头约定延期交货",
        "证人证言.pdf",
    ),
)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF", "application/pdf"
    )


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> RetrialCase:
    procuratorate, court = orgs["cz"], orgs["cz_court"]
    prosecutor = access_for(users["cz_prosecutor"])
    judge = access_for(users["cz_judge"])
    today = timezone.localdate()

    case = actions.retrial_open(
        access=prosecutor,
        owner=procuratorate,
        kind=Kind.RECOMMENDATION,
        court=court,
        original_judgment="（2025）青0103民初456号",
        title="关于马某与西宁某建材有限公司买卖合同纠纷案的再审检察建议",
        grounds="有新的证据，足以推翻原判决（《中华人民共和国民事诉讼法》第二百一十一条第一项）。",
    )
    for description, proves, name in EVIDENCE:
        actions.evidence_add(
            access=prosecutor,
            case=case,
            description=description,
            proves=proves,
            files=[(_pdf(name), "application/pdf")],
        )
    transition(matter=case, name="serve", access=prosecutor)
    for approver in ("cz_head", "cz_chief"):
        approval_approve(
            matter=RetrialCase.objects.get(pk=case.pk), access=access_for(users[approver])
        )

    def step(name: str, **data: object) -> None:
        files = data.pop("files", None)
        transition(
            matter=RetrialCase.objects.get(pk=case.pk),
            name=name,
            access=judge,
            data=data,
            files=files,  # type: ignore[arg-type]
        )

    step("register", court_case_number="（2026）青0103民再3号", registered_on=today)
    first, second = NewEvidence.objects.filter(case=case)
    step(
        "assess",
        **{
            f"decision_{first.pk}": "accepted",
            f"reasons_{first.pk}": "原审庭审结束后形成，足以推翻原判决认定的欠款事实。",
            f"decision_{second.pk}": "not_accepted",
            f"reasons_{second.pk}": "证人赵某已在原审中出庭作证，该证言不属于新的证据。",
        },
    )
    step("rule_retrial", ruled_on=today, ruling_reasons="")
    step(
        "record_judgment",
        outcome="partly_changed",
        judgment_on=today,
        judgment_summary="撤销原判决第一项，改判马某无需支付剩余货款；维持原判决第二项。",
        files={"document": _pdf("民事判决书（再审）.pdf")},
    )
    return RetrialCase.objects.get(pk=case.pk)
