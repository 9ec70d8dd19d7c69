"""Seed 002's figures in the demo, through the real actions and steps: since 2021 the Wanzhi
District procuratorate of Wuhu supported 39 civil suits, helped 31 migrant workers recover
869,000 yuan of wages, and 8 elderly people and minors (alimony, support); with the district
judicial bureau it held "help migrant workers get paid" campaigns, on-site consultations and a
lecture on support prosecution. Called from ``core/demo/`` after the support-prosecution
demo (``demo.py``), whose case counts among the seed's.

How the numbers add up. What Wanzhi already has since 2021-01-01 is read with
``figures.figures_for`` first and this module adds the rest (``plans``). Today that is the
support demo's case (``demo.py``): one wage case for 3 migrant workers, 46,200.00 yuan
recovered in two instalments. So:

- cases: 1 (the support demo's) + 28 wage cases + 8 for the elderly and minors + 2 for people
  with disabilities = 39;
- migrant workers: 3 + 28 (one worker each) = 31;
- elderly people and minors: 8 cases of one person each (5 an elderly parent's alimony, 3 a
  child's support) = 8;
- money recovered: 46,200.00 + 822,800.00 (the 28 workers' wages, by a fixed pattern around
  the average, the last worker's share taking the exact remainder, ``Decimal``; one or two
  instalments per case, ``recovery_record``) = 869,000.00 yuan, all of it wages. The elderly
  and minors' alimony and support are paid monthly to them directly and are not recorded as
  recoveries, so the money recovered is the seed's figure;
- the 2 cases for people with disabilities (残疾人权益; the seed's 39 are cases "such as" wage,
  alimony and support claims) are there because the support demo's case helps three workers:
  39 cases cannot otherwise hold exactly 31 workers and 8 elderly people and minors. Should the
  support demo change, ``plans`` recomputes the split (wage cases first, one person each).

Every case is received on a day spread from January 2021 to two months ago, goes through every
step (eligible, accepted, opinion drafted and sent to the district court, acknowledged, the
suit's judgment or mediation, recovered, closed; the last cases are left recovering), then
"time passes": the day the opinion was sent is moved back to its historical day (the one write
that is not an action, as the meetings demo moves its meetings back).

Speed. WeasyPrint renders an opinion's PDF in ``send_opinion`` in about 0.3 s of CPU (most of
it copying and subsetting the Noto CJK fonts), which made the 38 opinions most of this module's
time. So the closed historical cases keep their opinion as its Word file only (``word_only``);
the open ones keep both, as the support demo's case does, and every case's page still gives the
PDF, rendered on request. Measured on the shared two-core machine (2026-12-07, loaded):
``load_demo`` took 22.6 s of CPU before, 16.2 s after (3 opinion PDFs rendered instead of 39)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from liaison.accounts.models import User
from liaison.agreements.models import Agreement
from liaison.core.access import access_for
from liaison.orgs.models import Organisation
from liaison.publicity.actions import EventFields, event_record
from liaison.publicity.models import EventKind
from liaison.workflow.actions import transition

from . import actions
from .actions import case_open, case_open_referred, recovery_record
from .figures import figures_for
from .models import SupportCase, SupportCategory

SINCE = date(2021, 1, 1)
CASES = 39
MIGRANT_WORKERS = 31
ELDERLY_AND_MINORS = 8
RECOVERED = Decimal("869000.00")
#: Of the elderly and minors: this many elderly parents' alimony, the rest children's support.
ELDERLY = 5
CENT = Decimal("0.01")

AGREEMENT_TITLE = "关于建立支持起诉与法律援助协作机制的意见"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ("建国", "卫东", "志强", "小军", "海波", "明华", "国庆", "红兵", "长江", "永生", "德胜")
EMPLOYERS = (
    "芜湖某建筑劳务有限公司",
    "湾沚区某装饰工程有限公司",
    "芜湖某市政工程有限公司",
    "安徽某建设集团有限公司湾沚项目部",
    "湾沚区某食品加工厂",
)


@dataclass(frozen=True)
class Plan:
    """One case to open: its category, its people (name, group, amount owed) and the day."""

    code: str
    people: list[tuple[str, str, Decimal | None]]
    received_on: date


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]


def _shares(total: Decimal, n: int) -> list[Decimal]:
    """``n`` wages owed, by a fixed pattern around the average, summing exactly to ``total``."""
    if n == 0:
        return []
    average = total / n
    shares = [
        (average * (Decimal(80) + (i * 37) % 41) / Decimal(100)).quantize(CENT) for i in range(n)
    ]
    shares[-1] = total - sum(shares[:-1], Decimal(0))
    if shares[-1] <= 0:  # pragma: no cover - the pattern keeps it well above zero
        shares = [(total / n).quantize(CENT)] * (n - 1)
        shares.append(total - sum(shares, Decimal(0)))
    return shares


def plans(have: Any, today: date) -> list[Plan]:
    """The cases still missing of the seed's, given what Wanzhi has (``have``: its figures
    since 2021)."""
    cases = CASES - have.cases
    workers = MIGRANT_WORKERS - have.migrant_workers
    elderly_minors = ELDERLY_AND_MINORS - have.elderly_and_minors
    money = RECOVERED - have.recovered
    if min(cases, workers, elderly_minors) < 0 or money < 0 or elderly_minors > cases:
        raise ValueError(f"the demo already has more than the seed's figures: {have!r}")
    wage_cases = min(workers, cases - elderly_minors)
    other = cases - elderly_minors - wage_cases
    if workers and not wage_cases:
        raise ValueError("no case left for the migrant workers still missing")
    owed = _shares(money, workers)
    people: list[list[tuple[str, str, Decimal | None]]] = [[] for _ in range(wage_cases)]
    for i, amount in enumerate(owed):  # one worker each, the extra ones with the first cases
        people[i % wage_cases if i >= wage_cases else i].append(
            (_name(i), "migrant_worker", amount)
        )
    kinds = [("migrant_wages", p) for p in people]
    for j in range(elderly_minors):
        elderly = j < ELDERLY
        code, group = ("elderly_alimony", "elderly") if elderly else ("minor_support", "minor")
        kinds.append((code, [(_name(100 + j), group, None)]))
    kinds += [("disabled", [(_name(200 + k), "disabled", None)]) for k in range(other)]
    # Interleave the categories over the years: every fifth case is not a wage case.
    order = sorted(range(len(kinds)), key=lambda i: (i * 5) % len(kinds) if kinds else 0)
    last = today - timedelta(days=60)
    span = (last - date(2021, 1, 15)).days
    return [
        Plan(
            kinds[i][0],
            kinds[i][1],
            date(2021, 1, 15) + timedelta(days=span * k // max(len(order) - 1, 1)),
        )
        for k, i in enumerate(order)
    ]


def _open(
    n: int, plan: Plan, wz: Organisation, bureau: Organisation, prosecutor: User
) -> SupportCase:
    category = SupportCategory.objects.get(code=plan.code)
    wage = plan.code == "migrant_wages"
    first = plan.people[0][0]
    facts = (
        f"申请人等{len(plan.people)}人在被申请人处务工，被拖欠劳动报酬。"
        if wage
        else f"申请人{first}的{'子女' if plan.code == 'elderly_alimony' else '父亲'}"
        "长期不履行赡养、抚养义务。"
    )
    fields: dict[str, Any] = {
        "category": category,
        "received_on": plan.received_on,
        "applicant_name": first,
        "respondent": EMPLOYERS[n % len(EMPLOYERS)] if wage else f"{first[0]}某",
        "facts": facts,
        "beneficiaries": [
            {"name": name, "group": group, "amount_owed": owed} for name, group, owed in plan.people
        ],
    }
    access = access_for(prosecutor)
    if n % 4 == 1:  # referred by the judicial bureau under the agreement
        case = case_open_referred(by=bureau, owner=wz, access=access, **fields)
    else:
        case = case_open(access=access, owner=wz, channel="counter" if n % 2 else "phone", **fields)
    return case


@contextmanager
def word_only() -> Iterator[None]:
    """Within it, a sent opinion is kept on its case as its Word file only
    (``actions.OPINION_FORMATS``): for the closed historical cases, which are there for the
    figures and which nobody opens to read the opinion. Their page still gives the opinion as PDF
    or Word, rendered on request (``views.opinion``), as it does for every case."""
    kept = actions.OPINION_FORMATS
    actions.OPINION_FORMATS = ("docx",)
    try:
        yield
    finally:
        actions.OPINION_FORMATS = kept


def _support(
    n: int,
    case: SupportCase,
    plan: Plan,
    court: Organisation,
    prosecutor: User,
    judge: User,
    today: date,
) -> None:
    """Every step from eligibility to the outcome, the recoveries and the closing."""
    access = access_for(prosecutor)

    def take(name: str, who: Any = access, **data: Any) -> None:
        transition(matter=case, name=name, access=who, data=data)

    wage = plan.code == "migrant_wages"
    closed = plan.received_on < today - timedelta(days=150)
    take("find_eligible", reasons="申请人系特殊群体，维权能力较弱，符合支持起诉条件。")
    take("accept")
    take(
        "draft_opinion",
        court=court.pk,
        opinion_facts=case.facts,
        opinion_text="申请人属于需要特殊保护的群体，本院依法支持其向你院提起民事诉讼。",
    )
    with word_only() if closed else nullcontext():
        take("send_opinion")
    sent_on = min(plan.received_on + timedelta(days=15), today)
    SupportCase.objects.filter(pk=case.pk).update(opinion_sent_on=sent_on)  # time passes
    year = plan.received_on.year
    take("acknowledge", access_for(judge), court_case_number=f"（{year}）皖0221民初{300 + n}号")
    owed = sum((o or Decimal(0) for _name, _g, o in plan.people), Decimal(0))
    awarded = owed if wage else Decimal("12000.00")
    outcome_on = min(plan.received_on + timedelta(days=45), today)
    take(
        "record_outcome",
        outcome="mediation" if n % 3 == 2 else "judgment",
        outcome_on=outcome_on.isoformat(),
        amount_claimed=f"{awarded:.2f}",
        amount_awarded=f"{awarded:.2f}",
    )
    if wage:
        case = SupportCase.objects.get(pk=case.pk)
        first = (awarded * Decimal("0.6")).quantize(CENT) if n % 3 == 0 else awarded
        for k, amount in enumerate((first, awarded - first)):
            if amount > 0:
                recovery_record(
                    access=access,
                    case=case,
                    received_on=min(outcome_on + timedelta(days=20 + 30 * k), today),
                    amount=amount,
                )
    if closed:
        take("close", reasons="执行完毕，结案。")


def _publicity(wz: Organisation, bureau: Organisation, users: dict[str, User]) -> None:
    """Seed 002's joint publicity with the district judicial bureau."""
    agreement = Agreement.objects.filter(title=AGREEMENT_TITLE, owner=wz).first()
    signed = agreement.signed_on if agreement is not None and agreement.signed_on else None
    people = [users["wz_prosecutor"], users["wz_bureau"]]
    events = [
        (
            EventKind.CAMPAIGN,
            "“护薪行动”根治欠薪普法宣传",
            date(2021, 1, 20),
            "湾沚区人力资源市场",
            150,
        ),
        (
            EventKind.CAMPAIGN,
            "“护薪行动”根治欠薪普法宣传",
            date(2022, 1, 12),
            "湾沚镇建筑工地",
            120,
        ),
        (
            EventKind.CONSULTATION,
            "根治欠薪大接访现场法律咨询",
            date(2022, 3, 16),
            "湾沚区人社局信访大厅",
            80,
        ),
        (EventKind.LECTURE, "支持起诉专题讲座", date(2022, 6, 28), "湾沚区司法局会议室", 60),
        (EventKind.CAMPAIGN, "“护薪行动”根治欠薪普法宣传", date(2023, 1, 10), "六郎镇工业园", 200),
        (EventKind.CAMPAIGN, "“护薪行动”根治欠薪普法宣传", date(2024, 1, 16), "红杨镇集市", 180),
    ]
    for kind, title, day, place, audience in events:
        event_record(
            access=access_for(users["wz_prosecutor"]),
            fields=EventFields(
                kind=kind,
                title=title,
                held_on=day,
                place=place,
                organiser=wz,
                partners=[bureau],
                participants=people,
                participants_text="发放宣传手册，现场解答务工人员法律咨询。",
                audience=audience,
                agreement=agreement if signed is not None and day >= signed else None,
            ),
        )


def load(orgs: dict[str, Organisation], users: dict[str, User]) -> None:
    wz, bureau, prosecutor = orgs["wz"], orgs["wz_bureau"], users["wz_prosecutor"]
    today = timezone.localdate()
    # core/demo/wanzhi.py's, as the support demo's
    court, judge = orgs["wz_court"], users["wz_judge"]
    have = figures_for(wz, since=SINCE, until=None)
    for n, plan in enumerate(plans(have, today)):
        case = _open(n, plan, wz, bureau, prosecutor)
        _support(n, case, plan, court, prosecutor, judge, today)
    _publicity(wz, bureau, users)
