"""Public-interest clues made in bulk, for ``make bench`` (``bench_publicinterest``) and for
the tests of query plans, which need tables of a realistic shape.

One procuratorate per county-level division (and their cities and provinces above them), the
clues spread over them unevenly (a few counties busy, most quiet, as reports are), over the
fields (a few dominate), over three years, mostly decided and some still being assessed, a point
on most (near their county's centre, in either coordinate system), each with its assessment
clock. Matters go in with ``bulk_create``; the mechanism's own rows, which Django cannot
bulk-create under multi-table inheritance, and the clocks with ``COPY`` on PostgreSQL (one
multi-row insert elsewhere). Everything it makes is named with ``BENCH_PREFIX``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from liaison.accounts.models import User
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.places.models import Division
from liaison.workflow.models import Clock, Matter

from .codes import new_query_code
from .models import Clue, CoordinateSystem, Field
from .workflows import CLUE

BENCH_PREFIX = "基准"
OFFICER = "bench-clue-officer"
BATCH = 10_000
#: The share of clues in each state: most decided, some still being assessed.
STATES = [("submitted", 0.08), ("accepted", 0.42), ("rejected", 0.40), ("transferred", 0.10)]
DESCRIPTIONS = [
    "河道旁有企业长期偷排污水，河水发黑发臭。",
    "煤场露天堆放原煤，未采取苫盖喷淋措施，扬尘严重。",
    "学校周边小卖部向未成年人出售烟酒。",
    "农贸市场销售来源不明的冷冻肉品，无检疫证明。",
    "国有土地被违规出让后长期闲置，出让金未足额缴纳。",
    "盲道被占用，无障碍设施损坏多年无人维修。",
    "英烈纪念设施被破坏，周边堆满垃圾。",
    "山体被非法开采砂石，植被大面积破坏。",
]


def procuratorates(
    provinces: list[str] | None = None,
) -> list[tuple[Organisation, Division, float]]:
    """A procuratorate for each county-level division with a known centre (of ``provinces``,
    by the code's first two digits, or all), under its city's and province's; each with a
    weight (how busy it is), drawn once."""
    existing = {
        o.division_id: o
        for o in Organisation.objects.filter(
            name__startswith=BENCH_PREFIX, kind=OrganisationKind.PROCURATORATE
        )
    }
    rng = random.Random(7)
    made: list[tuple[Organisation, Division, float]] = []
    levels = {
        Division.Level.PROVINCE: Organisation.Level.PROVINCIAL,
        Division.Level.PREFECTURE: Organisation.Level.MUNICIPAL,
        Division.Level.COUNTY: Organisation.Level.COUNTY,
    }
    divisions = Division.objects.order_by("level", "code")
    if provinces:
        divisions = divisions.filter(code__regex=rf"^({'|'.join(provinces)})")
    with transaction.atomic():
        for division in divisions:
            org = existing.get(division.code)
            if org is None:
                parent = existing.get(division.parent_id) if division.parent_id else None
                org = Organisation(
                    name=f"{BENCH_PREFIX}{division.name}人民检察院",
                    abbreviation=f"{BENCH_PREFIX}{division.code}",
                    kind=OrganisationKind.PROCURATORATE,
                    level=levels[Division.Level(division.level)],
                    division=division,
                    parent=parent,
                )
                org.save()
                existing[division.code] = org
            if division.level == Division.Level.COUNTY and division.latitude is not None:
                made.append((org, division, rng.lognormvariate(0, 1.2)))
    if not made:
        raise ValueError("No county-level division has a centre: load the divisions.")
    return made


def clue_officer_of_the_busiest(orgs: list[tuple[Organisation, Division, float]]) -> User:
    busiest = max(orgs, key=lambda o: o[2])[0]
    officer, _created = User.objects.get_or_create(
        username=OFFICER, defaults={"name": "基准线索管理员"}
    )
    Membership.objects.get_or_create(person=officer, organisation=busiest, role=Role.CLUE_OFFICER)
    return officer


def _rows(
    n: int,
    orgs: list[tuple[Organisation, Division, float]],
    rng: random.Random,
    fields: list[Field],
    first: int,
) -> Iterator[dict[str, Any]]:
    weights = [w for _o, _d, w in orgs]
    field_weights = [1.0 / (i + 1) for i in range(len(fields))]  # a few fields dominate
    states = [s for s, _share in STATES]
    shares = [share for _s, share in STATES]
    now = timezone.now()
    chosen = rng.choices(orgs, weights=weights, k=n)
    for i, (org, division, _w) in enumerate(chosen):
        created = now - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        state = rng.choices(states, weights=shares)[0]
        if created > now - timedelta(days=14):
            state = "submitted"  # the latest reports are still being assessed
        field = rng.choices(fields, weights=field_weights)[0]
        point = rng.random() < 0.7
        lat = float(division.latitude or 0) + rng.gauss(0, 0.05)
        lon = float(division.longitude or 0) + rng.gauss(0, 0.05)
        yield {
            "n": first + i + 1,
            "org": org,
            "division": division,
            "field": field,
            "state": state,
            "created": created,
            "latitude": Decimal(f"{lat:.6f}") if point else None,
            "longitude": Decimal(f"{lon:.6f}") if point else None,
            "system": rng.choice(CoordinateSystem.values) if point else "",
            "description": rng.choice(DESCRIPTIONS),
        }


def generate(
    n: int,
    orgs: list[tuple[Organisation, Division, float]],
    rng: random.Random,
    first: int,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Insert ``n`` clues (numbered from ``first`` + 1) spread over ``orgs``, with their clocks,
    in batches: ``bulk_create`` for the matters, ``COPY`` (or one multi-row insert) for the
    clues and clocks."""
    fields = list(Field.objects.order_by("pk"))
    created_at = Matter._meta.get_field("created_at")
    rows = _rows(n, orgs, rng, fields, first)
    done = 0
    created_at.auto_now_add = False  # the bench's own dates
    try:
        while done < n:
            batch = [row for _i, row in zip(range(min(BATCH, n - done)), rows, strict=False)]
            _insert(batch)
            done += len(batch)
            if progress is not None and (done % 100_000 == 0 or done == n):
                progress(done)
    finally:
        created_at.auto_now_add = True


@transaction.atomic
def _insert(batch: list[dict[str, Any]]) -> None:
    matters = Matter.objects.bulk_create(
        [
            Matter(
                matter_type=CLUE.name,
                state=row["state"],
                owner=row["org"],
                title=f"{row['field'].name}：{row['description'][:40]}",
                case_number=f"{BENCH_PREFIX}公线{row['n']}",
                case_year=row["created"].year,
                case_seq=row["n"],
                created_at=row["created"],
                updated_at=row["created"],
                closed_at=None if row["state"] == "submitted" else row["created"],
            )
            for row in batch
        ]
    )
    clue_rows = [
        (
            matter.pk,
            row["field"].pk,
            row["description"],
            row["division"].code,
            "",
            row["latitude"],
            row["longitude"],
            row["system"],
            row["created"].date(),
            True,
            "",
            "",
            new_query_code(),
            uuid.uuid4(),
            "",
            "public",
        )
        for matter, row in zip(matters, batch, strict=True)
    ]
    _copy(
        Clue._meta.db_table,
        [
            "matter_ptr_id",
            "field_id",
            "description",
            "division_id",
            "address",
            "latitude",
            "longitude",
            "coordinate_system",
            "seen_on",
            "anonymous",
            "reporter_name",
            "reporter_mobile",
            "query_code",
            "submission_key",
            "public_reason",
            "source",
        ],
        clue_rows,
    )
    clock_rows = []
    for matter, row in zip(matters, batch, strict=True):
        started: date = row["created"].date()
        due = started + timedelta(days=9)
        live = row["state"] == "submitted"
        clock_rows.append(
            (
                matter.pk,
                "assessment",
                "pil.clue_assessment",
                7,
                "working_days",
                2,
                started,
                due,
                Clock.State.RUNNING if live else Clock.State.STOPPED,
                0,
                None if live else started + timedelta(days=3),
                due - timedelta(days=2) if live else None,
            )
        )
    _copy(
        Clock._meta.db_table,
        [
            "matter_id",
            "name",
            "period_code",
            "amount",
            "unit",
            "remind_before_days",
            "started_on",
            "due_on",
            "state",
            "paused_days",
            "stopped_on",
            "remind_on",
        ],
        clock_rows,
    )


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows fast: ``COPY`` on PostgreSQL, one multi-row statement elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [
                tuple(str(v) if isinstance(v, uuid.UUID | Decimal) else v for v in row)
                for row in rows
            ],
        )


def analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
