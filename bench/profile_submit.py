"""Profile public clue submissions in process: N times GET the report form and POST a
submission from the bench plan (var/bench/liaison-plan.json, written by `make bench`), through
Django's test client against DATABASE_URL, the photo on every fourth as the load generator does.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison_bench \\
      .venv/bin/python bench/profile_submit.py 300 time    # ms per GET + POST
    ... bench/profile_submit.py 300                        # cProfile, var/bench/submit.prof

Never against a database in use: it stores every submission."""

from __future__ import annotations

import base64
import cProfile
import json
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
os.environ.setdefault("LIAISON_RATE_LIMITS", "publicinterest.report=1000000/h")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402

PLAN = json.loads((ROOT / "var" / "bench" / "liaison-plan.json").read_text(encoding="utf-8"))
PHOTO = base64.b64decode(PLAN["file"]["base64"])


def one(n: int) -> None:
    client = Client()
    client.get(PLAN["form_path"])
    values = dict(PLAN["variants"][n % len(PLAN["variants"])])
    values["description"] = values["description"].replace("{n}", str(n))
    values["submission_key"] = str(uuid.uuid4())
    if n % int(PLAN["file"].get("every", 4)) == 0:
        values[PLAN["file"]["field"]] = SimpleUploadedFile(
            PLAN["file"]["name"], PHOTO, content_type=PLAN["file"]["content_type"]
        )
    response = client.post(PLAN["form_path"], values)
    assert response.status_code == PLAN["expect_status"], response.status_code


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for n in range(5):  # warm the caches and the connection
        one(n)
    if sys.argv[2:] == ["time"]:
        start = time.perf_counter()
        for n in range(count):
            one(n)
        print(f"{(time.perf_counter() - start) / count * 1000:.1f} ms per GET + POST")
        return
    out = ROOT / "var" / "bench" / "submit.prof"
    profile = cProfile.Profile()
    profile.runcall(lambda: [one(n) for n in range(count)])
    profile.dump_stats(out)
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
