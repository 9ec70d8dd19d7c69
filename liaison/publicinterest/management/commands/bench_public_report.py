"""Public clue submissions per second, served as in production: ``make bench``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison_bench \\
        manage.py bench_public_report --seconds 30

Prepares the database that ``DATABASE_URL`` names (the bench's own): a procuratorate with a
clue officer for each of a few places, then serves the platform with gunicorn, as many sync
workers as the machine has cores (``--workers``), and drives the public report form from
another process with ``bench/loadgen.py``: each virtual user fetches the form, takes its CSRF
token and cookie, and POSTs a valid submission, varied (fields, places, some named, some with
a point, every fourth with a photo carrying GPS data). It prints the submissions per second
and the POSTs' latency percentiles, and writes them as JSON (``--out``) for
``bench/helpdesk/compare.py``.

The server runs as production does (no debug, the database task queue, Redis for the cache
and the rate limits when one answers on ``--redis``) except that the report form's rate limit
is lifted (``LIAISON_RATE_LIMITS``): every request comes from one address here. Figures are
printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from liaison.accounts.models import User
from liaison.orgs.models import Membership, Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.orgs.selectors import procuratorate_for_division
from liaison.places.selectors import point_verdict, resolve_address

from ...bench import BENCH_PREFIX
from ...fielddata import seed_fields
from ...models import Field

LOADGEN = Path(settings.BASE_DIR) / "bench" / "loadgen.py"
#: Places reported at: their procuratorates are found, or made, with a clue officer each.
ADDRESSES = [
    "内蒙古鄂尔多斯市康巴什区青春山湿地公园",
    "内蒙古鄂尔多斯市东胜区铁西街道林荫路",
    "内蒙古鄂尔多斯市达拉特旗树林召镇",
    "内蒙古鄂尔多斯市准格尔旗薛家湾镇",
    "内蒙古鄂尔多斯市伊金霍洛旗阿勒腾席热镇",
    "山西省大同市平城区新建南路",
    "山西省大同市云冈区云冈镇",
]
DESCRIPTION = "河道旁有企业长期偷排污水，河水发黑发臭，附近居民反映强烈。第{n}次反映。"


def photo_base64() -> str:
    """A small JPEG with a GPS position in its EXIF, as a phone's photo has."""
    from PIL import Image

    image = Image.new("RGB", (640, 480), (30, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "BenchPhone"
    exif[0x8825] = {1: "N", 2: (39.0, 49.0, 12.0), 3: "E", 4: (109.0, 46.0, 30.0)}
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=80)
    return base64.b64encode(out.getvalue()).decode()


class Command(BaseCommand):
    help = "Serve the platform with gunicorn and measure public clue submissions per second."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=float, default=30.0)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--concurrency", type=int, default=0, help="users (4 per worker)")
        parser.add_argument("--port", type=int, default=8311)
        parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "var" / "bench"))
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="write the plan (var/bench/liaison-plan.json) and stop: another form's plan "
            "takes its photo",
        )
        parser.add_argument(
            "--against",
            default="",
            help="another server's address (e.g. django-helpdesk's, bench/helpdesk/run.sh "
            "serve): its form is measured in slices taking turns with Liaison's",
        )
        parser.add_argument("--against-plan", default="", help="that server's plan (JSON)")
        parser.add_argument("--against-label", default="django-helpdesk")
        parser.add_argument(
            "--rounds",
            type=int,
            default=6,
            help="with --against: how many turns each side gets (--seconds in all per side)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if "DATABASE_URL" not in os.environ:
            raise CommandError("Name the bench's own database in DATABASE_URL.")
        if connection.vendor != "postgresql":
            self.stderr.write("Not PostgreSQL: the figure is not comparable with the docs'.")
        if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
            raise CommandError("gunicorn is missing: make setup installs it.")
        plan = self._prepare()
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        plan_file = out / "liaison-plan.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        if options["prepare_only"]:
            self.stdout.write(f"plan written: {plan_file}")
            return
        workers = max(1, options["workers"])
        users = options["concurrency"] or 4 * workers
        media = Path(tempfile.mkdtemp(prefix="liaison-bench-media-"))
        port = options["port"]
        server = self._serve(options, workers, port, media)
        sides = [Side("Liaison public clue submissions", f"http://127.0.0.1:{port}", plan_file)]
        if options["against"]:
            other = Path(options["against_plan"])
            sides.append(Side(f"{options['against_label']} submissions", options["against"], other))
        rounds = max(1, options["rounds"]) if len(sides) > 1 else 1
        try:
            _wait_for(f"http://127.0.0.1:{port}{plan['form_path']}", server)
            for turn in range(rounds):
                # Taking turns, each first every other round: a machine whose speed drifts
                # during the run (another job, the host's) weighs on both sides alike.
                for side in sides if turn % 2 == 0 else sides[::-1]:
                    side.run(options["seconds"] / rounds, users, warm=turn == 0)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            shutil.rmtree(media, ignore_errors=True)
        extra = {"workers": workers, "database": connection.vendor, "cores": os.cpu_count()}
        liaison = sides[0].figures() | extra
        (out / "liaison.json").write_text(json.dumps(liaison), encoding="utf-8")
        self.stdout.write(f"{sides[0].line()} [gunicorn, {workers} workers, {connection.vendor}]")
        if len(sides) > 1:
            against = sides[1].figures() | extra
            ratios = [a / b for a, b in zip(sides[0].rates, sides[1].rates, strict=True) if b]
            against["rounds"] = [round(r, 2) for r in ratios]
            (out / "against.json").write_text(json.dumps(against), encoding="utf-8")
            self.stdout.write(f"{sides[1].line()} [gunicorn, {workers} workers]")

    def _serve(
        self, options: dict[str, Any], workers: int, port: int, media: Path
    ) -> subprocess.Popen[bytes]:
        """gunicorn serving the platform as production does, but for the report's rate limit."""
        env = {
            **os.environ,
            "LIAISON_RATE_LIMITS": "publicinterest.report=1000000/h",
            "LIAISON_MEDIA_ROOT": str(media),
            "LIAISON_CONN_MAX_AGE": "60",
            "LIAISON_TASKS": "database",
        }
        env.pop("LIAISON_DEBUG", None)
        if _answers(options["redis"]):
            env["LIAISON_CACHE_URL"] = options["redis"]
        else:
            self.stderr.write("No Redis: each worker counts in its own memory.")
        return subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "liaison.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )

    def _prepare(self) -> dict[str, Any]:
        """The procuratorates, clue officers and fields the submissions need, and the plan."""
        if not Field.objects.exists():
            seed_fields(Field)
        codes = list(Field.objects.filter(active=True).values_list("code", flat=True))
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        variants: list[dict[str, str]] = []
        for i, address in enumerate(ADDRESSES):
            division = resolve_address(address)
            if division is None:
                raise CommandError(f"the divisions are not loaded ({address}): run migrate")
            owner = procuratorate_for_division(division.code, division=division)
            if owner is None:
                owner = Organisation.objects.create(
                    name=f"{BENCH_PREFIX}{division.name}人民检察院",
                    kind=OrganisationKind.PROCURATORATE,
                    level=Organisation.Level.COUNTY,
                    abbreviation=f"{BENCH_PREFIX}{division.code}",
                    division=division,
                )
            _clue_officer(owner)
            base = {
                "field": codes[i % len(codes)],
                "description": DESCRIPTION,
                "address": address,
                "seen_on": yesterday,
                "nearby_seen": "on",  # the reporter saw the open clues nearby, if any
            }
            variants.append({**base, "anonymous": "on"})
            variants.append({**base, "reporter_name": "王小明", "reporter_mobile": "13912345678"})
            if division.latitude is not None and division.longitude is not None:
                point = {
                    "latitude": f"{division.latitude:.6f}",
                    "longitude": f"{division.longitude:.6f}",
                    "coordinate_system": "gcj02",
                }
                verdict = point_verdict(
                    division, division.latitude, division.longitude, point["coordinate_system"]
                )
                if not verdict.outside and not verdict.far:
                    variants.append({**base, **point, "anonymous": "on"})
        return {
            "form_path": reverse("publicinterest:report"),
            "variants": variants,
            "fresh_uuid": ["submission_key"],
            "expect_status": 302,
            "file": {
                "every": 4,
                "field": "photos",
                "name": "现场.jpg",
                "content_type": "image/jpeg",
                "base64": photo_base64(),
            },
        }


def _percentile(values: list[float], share: float) -> float | None:
    """The load generator's own percentile (``bench/loadgen.py``, a script run apart)."""
    if not values:
        return None
    return round(_loadgen().percentile(values, share), 1)


def _loadgen() -> Any:
    import importlib.util

    name = "liaison_bench_loadgen"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, LOADGEN)
    assert spec is not None and spec.loader is not None
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Side:
    """One form measured by ``bench/loadgen.py`` in one or more slices: what each slice
    measured, added up."""

    def __init__(self, label: str, base: str, plan: Path) -> None:
        self.label, self.base, self.plan = label, base, plan
        self.slices: list[dict[str, Any]] = []

    def run(self, seconds: float, users: int, *, warm: bool) -> None:
        done = sum(s["done_2xx_3xx"] for s in self.slices)
        result = subprocess.run(
            [
                sys.executable,
                str(LOADGEN),
                f"--base={self.base}",
                f"--plan={self.plan}",
                f"--seconds={seconds}",
                f"--concurrency={users}",
                f"--warmup={20 if warm else 0}",
                f"--first={done + 20}",
                f"--label={self.label}",
                "--json",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + 300,
        )
        if result.returncode != 0:
            raise CommandError(f"the load generator failed: {result.stderr.strip()[-2000:]}")
        self.slices.append(json.loads(result.stdout.strip().splitlines()[-1]))

    @property
    def rates(self) -> list[float]:
        return [s["done_2xx_3xx"] / s["seconds"] if s["seconds"] else 0.0 for s in self.slices]

    def figures(self) -> dict[str, Any]:
        seconds = sum(s["seconds"] for s in self.slices)
        done = sum(s["done_2xx_3xx"] for s in self.slices)
        ms = sorted(v for s in self.slices for v in s["latencies_ms"])
        return {
            "label": self.label,
            "seconds": round(seconds, 2),
            "concurrency": self.slices[0]["concurrency"],
            "done_2xx_3xx": done,
            "stored": sum(s["stored"] for s in self.slices),
            "failed": sum(s["failed"] for s in self.slices),
            "per_second": round(done / seconds, 1) if seconds else 0.0,
            "p50_ms": _percentile(ms, 0.5),
            "p90_ms": _percentile(ms, 0.9),
            "p99_ms": _percentile(ms, 0.99),
            "slices": len(self.slices),
        }

    def line(self) -> str:
        f = self.figures()
        return (
            f"{self.label}: {f['per_second']} per second ({f['done_2xx_3xx']} done, "
            f"{f['stored']} stored, {f['failed']} failed in {f['seconds']:.1f} s, "
            f"{f['concurrency']} users, {f['slices']} slices); POST latency p50 {f['p50_ms']} "
            f"ms, p90 {f['p90_ms']} ms, p99 {f['p99_ms']} ms"
        )


def _clue_officer(owner: Organisation) -> None:
    if Membership.objects.filter(organisation=owner, role=Role.CLUE_OFFICER).exists():
        return
    person, _created = User.objects.get_or_create(
        username=f"bench-submit-officer-{owner.pk}",
        defaults={"name": "基准线索员", "email": f"officer{owner.pk}@bench.invalid"},
    )
    Membership.objects.create(person=person, organisation=owner, role=Role.CLUE_OFFICER)


def _answers(url: str) -> bool:
    """Whether a Redis server answers at ``url`` (redis://host:port/db)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 1):
            return True
    except OSError:
        return False


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    for _try in range(120):
        if server.poll() is not None:
            raise CommandError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"gunicorn did not answer {url}")
