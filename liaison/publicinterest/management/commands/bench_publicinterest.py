"""Timings of public-interest litigation's busiest reads at scale: ``make bench``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison_bench \\
        manage.py bench_publicinterest --clues 1000000 --runs 20

Generates ``--clues`` clues (once: a second run tops up to the number and reuses them) into the
database that ``DATABASE_URL`` names, which must be one of its own: the command refuses a
database holding clues it did not make. What it generates, and how, is ``bench.py``'s: a
procuratorate per county, clues spread unevenly over them, over the fields and three years,
most decided, a point on most, each with its clock; then the tables are analysed.

It then times, ``--runs`` times each, and prints the median (p50) and the 95th percentile:

* the triage queue's page, as a clue officer of the busiest procuratorate opens it (the count
  and the first page of 50, due first);
* the nearby check a reporter's form makes (open clues of a field within the radius), at the
  places of random clues;
* "my work" of the same clue officer (its first page).

Timings are printed here and never asserted by a test: they depend on the machine.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.paginator import Paginator
from django.db import connection

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.orgs.roles import Role
from liaison.workflow.selectors import my_work

from ...bench import BENCH_PREFIX, analyse, clue_officer_of_the_busiest, generate, procuratorates
from ...duplicates import open_clues_near
from ...fielddata import seed_fields
from ...models import Clue, Field
from ...selectors import clues_for_triage


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` from 0 to 1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Generate public-interest clues at scale and time the triage queue, nearby and my work."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clues", type=int, required=True, help="how many clues to have")
        parser.add_argument("--runs", type=int, default=20, help="timed runs of each query")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--provinces",
            default="",
            help="only these provinces' counties, by the codes' first two digits (e.g. 15,14)",
        )

    def handle(
        self, *args: Any, clues: int, runs: int, seed: int, provinces: str, **options: Any
    ) -> None:
        if "DATABASE_URL" not in os.environ:
            raise CommandError("Name the bench's own database in DATABASE_URL.")
        if clues < 1 or runs < 1:
            raise CommandError("--clues and --runs must be at least 1.")
        foreign = Clue.objects.exclude(owner__name__startswith=BENCH_PREFIX)
        if foreign.exists():
            raise CommandError(
                "This database holds clues the bench did not make: give it a database of its own."
            )
        rng = random.Random(seed)
        if not Field.objects.exists():
            seed_fields(Field)
        orgs = procuratorates([p for p in provinces.split(",") if p.strip().isdigit()])
        officer = clue_officer_of_the_busiest(orgs)
        have = Clue.objects.count()
        if have < clues:
            started = time.perf_counter()
            generate(
                clues - have,
                orgs,
                rng,
                first=have,
                progress=lambda done: self.stdout.write(f"  {done} / {clues - have}"),
            )
            self.stdout.write(
                f"generated {clues - have} clues in {time.perf_counter() - started:.1f} s"
            )
        analyse()
        self._time_queries(officer, runs, rng)

    # -- timings ---------------------------------------------------------------------------------

    def _time_queries(self, officer: User, runs: int, rng: random.Random) -> None:
        access = access_for(officer)
        org = access.organisations_with({Role.CLUE_OFFICER})
        sample = list(
            Clue.objects.filter(latitude__isnull=False, state="submitted")
            .order_by("?")[: max(runs * 5, 50)]
            .values_list("field_id", "division_id", "latitude", "longitude", "coordinate_system")
        )
        rng.shuffle(sample)
        fields = {f.pk: f for f in Field.objects.all()}
        total = Clue.objects.count()
        queue = clues_for_triage(access)

        def triage() -> int:
            page = Paginator(clues_for_triage(access), 50).get_page(1)
            list(page.object_list)
            return page.paginator.count

        def nearby() -> int:
            field_id, division, lat, lon, system = sample[rng.randrange(len(sample))]
            return len(
                open_clues_near(
                    field=fields[field_id],
                    division_code=division,
                    latitude=lat,
                    longitude=lon,
                    coordinate_system=system,
                )
            )

        def work() -> int:
            return len(list(my_work(access)[:50]))

        self.stdout.write(
            f"{total} clues; the clue officer's procuratorate ({sorted(org)}) has "
            f"{queue.count()} waiting in its queue; {len(sample)} sample places; "
            f"{connection.vendor}, {runs} runs each"
        )
        for name, job in (
            ("triage queue page (count + first 50)", triage),
            ("nearby check (open clues within the radius)", nearby),
            ('"my work" (first 50)', work),
        ):
            self._report(name, job, runs)

    def _report(self, name: str, job: Callable[[], int], runs: int) -> None:
        job()  # warm the cache once, as a running server has it
        timings, found = [], []
        for _run in range(runs):
            started = time.perf_counter()
            found.append(job())
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"{name}: p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f}"
            f" ms (rows: median {statistics.median(found):.0f})"
        )
