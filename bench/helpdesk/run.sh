#!/usr/bin/env bash
# django-helpdesk's public ticket form, measured as `make bench` measures Liaison's public clue
# form: gunicorn with as many sync workers as cores on PostgreSQL, driven by bench/loadgen.py
# from another process. Everything of helpdesk lives outside the repository: a throw-away
# virtualenv in HELPDESK_DIR (django-helpdesk from PyPI), a database of its own
# (HELPDESK_DATABASE_URL). The minimal project around it is bench/helpdesk/hdbench.
# Writes var/bench/helpdesk.json.
#
#   run.sh          measure helpdesk's form alone
#   run.sh serve    set up, then leave helpdesk's gunicorn serving (its pid in
#                   var/bench/helpdesk.pid) for `manage.py bench_public_report --against`, which
#                   measures both forms in turns: what `make bench-compare` does
#   run.sh stop     stop the server `serve` left
set -euo pipefail
mode="${1:-measure}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dir="${HELPDESK_DIR:-/work/helpdesk-bench}"
db="${HELPDESK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/helpdesk_bench}"
seconds="${BENCH_SECONDS:-30}"
port="${HELPDESK_PORT:-8312}"
workers="$(nproc)"
out="$repo/var/bench"
mkdir -p "$dir" "$out"
if [ "$mode" = stop ]; then
  if [ -f "$out/helpdesk.pid" ]; then
    pid="$(cat "$out/helpdesk.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f "$out/helpdesk.pid"
  fi
  rm -rf "$out/helpdesk-media"
  exit 0
fi

if [ ! -x "$dir/venv/bin/gunicorn" ] || ! "$dir/venv/bin/python" -c "import helpdesk, dj_database_url" 2>/dev/null; then
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install --quiet --upgrade pip
  "$dir/venv/bin/pip" install --quiet "django-helpdesk==2.6.1" "Django>=5.2,<5.3" gunicorn \
    "psycopg[binary]" dj-database-url
fi

# The database: created when missing (the name is the URL's last part).
name="${db##*/}"
base="${db%/*}/postgres"
"$dir/venv/bin/python" - "$base" "$name" <<'PY'
import sys

import psycopg

with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]]).fetchone():
        conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY

export HELPDESK_DATABASE_URL="$db" PYTHONPATH="$here" DJANGO_SETTINGS_MODULE=hdbench.settings
if [ "$mode" = serve ]; then
  export HELPDESK_MEDIA_ROOT="$out/helpdesk-media"  # removed by `run.sh stop`
else
  export HELPDESK_MEDIA_ROOT="$(mktemp -d)"
fi
"$dir/venv/bin/python" "$here/manage.py" migrate --noinput -v 0
queue="$("$dir/venv/bin/python" "$here/manage.py" shell -c '
from helpdesk.models import Queue
q, _ = Queue.objects.get_or_create(slug="bench", defaults={"title": "Bench", "allow_public_submission": True})
print(q.pk)' | tail -1)"

# The same varied submissions as Liaison's: title, description, an address (e-mail for
# helpdesk), every fourth with the same photo (taken from Liaison's plan when there is one).
"$dir/venv/bin/python" - "$queue" "$out/liaison-plan.json" "$out/helpdesk-plan.json" <<'PY'
import json
import os
import sys

queue, liaison_plan, plan_file = sys.argv[1:4]
photo = None
if os.path.exists(liaison_plan):
    with open(liaison_plan, encoding="utf-8") as f:
        photo = json.load(f).get("file")
variants = [
    {
        "queue": queue,
        "title": f"河道旁有企业长期偷排污水（{place}）第{{n}}次",
        "body": "河道旁有企业长期偷排污水，河水发黑发臭，附近居民反映强烈。第{n}次反映。",
        "priority": "3",
        "submitter_email": "reporter{n}@example.cn",
    }
    for place in ("康巴什区", "东胜区", "达拉特旗", "准格尔旗", "伊金霍洛旗", "平城区", "云冈区")
]
plan = {"form_path": "/helpdesk/tickets/submit/", "variants": variants, "expect_status": 302}
if photo:
    plan["file"] = {**photo, "field": "attachment"}
with open(plan_file, "w", encoding="utf-8") as f:
    json.dump(plan, f, ensure_ascii=False)
PY

cd "$here"
if [ "$mode" = serve ]; then
  # Detached, for the turns `bench_public_report --against` takes; `run.sh stop` ends it.
  setsid "$dir/venv/bin/gunicorn" hdbench.wsgi:application --workers="$workers" \
    --bind="127.0.0.1:$port" --log-level=warning --pid="$out/helpdesk.pid" --daemon
else
  "$dir/venv/bin/gunicorn" hdbench.wsgi:application --workers="$workers" \
    --bind="127.0.0.1:$port" --log-level=warning &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$HELPDESK_MEDIA_ROOT"' EXIT
fi
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/helpdesk/tickets/submit/" && break
  sleep 0.5
done
if [ "$mode" = serve ]; then
  echo "django-helpdesk serving http://127.0.0.1:$port/helpdesk/tickets/submit/ ($workers workers)"
  exit 0
fi
"$dir/venv/bin/python" "$repo/bench/loadgen.py" --base="http://127.0.0.1:$port" \
  --plan="$out/helpdesk-plan.json" --seconds="$seconds" --concurrency=$((4 * workers)) \
  --label="django-helpdesk public ticket submissions" --json > "$out/helpdesk.out"
head -1 "$out/helpdesk.out" | sed "s/\$/ [gunicorn, $workers workers, postgresql]/"
tail -1 "$out/helpdesk.out" | "$dir/venv/bin/python" -c "
import json, sys
data = json.load(sys.stdin)
data.update(workers=$workers, database='postgresql', cores=$workers)
print(json.dumps(data))" > "$out/helpdesk.json"
