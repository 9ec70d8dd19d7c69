"""A small load generator for public forms: fetch the form, take its CSRF token and cookie,
POST a valid submission, again and again, from several threads; print what it measured.

    python bench/loadgen.py --base http://127.0.0.1:8311 --plan plan.json \\
        --seconds 30 --concurrency 8

Python's standard library only, so the same file measures Liaison's public clue form and
django-helpdesk's public ticket form (``bench/helpdesk``) from their own virtualenvs. The plan
(JSON) names the form's path, the fields of each submission (cycled through; ``{n}`` in a
value becomes the submission's number, and ``fresh_uuid`` fields get a new UUID each time),
and optionally a file to attach to every ``every``-th submission.

Each virtual user (a thread with its own cookies and connection) does what a person does:
GET the form, POST it. A submission counts as done when the POST answers 2xx or 3xx, and as
stored when it answers ``expect_status`` (the redirect to a receipt or a ticket). It prints the
POSTs per second over the whole run and the POSTs' latency percentiles, as a line of text and
as JSON (``--json``). Loops are bounded in time and count; only loopback addresses are served.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import ipaddress
import json
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

Headers = dict[str, str]
Upload = tuple[str, str, str, bytes]  # field, file name, content type, content
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


@dataclass
class Tally:
    posts: int = 0
    done: int = 0  # 2xx / 3xx
    stored: int = 0  # expect_status
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float, expected: int) -> None:
        with self.lock:
            self.posts += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if 200 <= status < 400:
                self.done += 1
                self.latencies.append(seconds)
            else:
                self.failed += 1
            if status == expected:
                self.stored += 1


class Browser:
    """One virtual user: a connection of its own and its cookies."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (TimeoutError, http.client.HTTPException, ConnectionError):
                self.connection.close()  # the server closed a kept-alive connection: reopen
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content


def multipart(
    fields: dict[str, str], files: list[tuple[str, str, str, bytes]]
) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, content_type, content in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def submission(
    plan: dict[str, Any], n: int
) -> tuple[dict[str, str], list[tuple[str, str, str, bytes]]]:
    variants = plan["variants"]
    values = {k: str(v).replace("{n}", str(n)) for k, v in variants[n % len(variants)].items()}
    for name in plan.get("fresh_uuid", []):
        values[name] = str(uuid.uuid4())
    files = []
    attach = plan.get("file")
    if attach and n % int(attach.get("every", 1)) == 0:
        files.append(
            (
                attach["field"],
                attach["name"],
                attach["content_type"],
                base64.b64decode(attach["base64"]),
            )
        )
    return values, files


def user(
    host: str, port: int, plan: dict[str, Any], tally: Tally, deadline: float, counter: Any
) -> None:
    browser = Browser(host, port)
    expected = int(plan.get("expect_status", 302))
    while time.monotonic() < deadline:
        n = next(counter)
        if n is None:
            return
        try:
            status, page = browser.request("GET", plan["form_path"])
            token = CSRF_INPUT.search(page.decode("utf-8", "replace"))
            if status != 200 or token is None:
                tally.add(status if status != 200 else 599, 0.0, expected)
                continue
            values, files = submission(plan, n)
            values["csrfmiddlewaretoken"] = token.group(1)
            body, content_type = multipart(values, files)
            started = time.perf_counter()
            status, _page = browser.request(
                "POST",
                plan.get("post_path", plan["form_path"]),
                body=body,
                headers={
                    "Content-Type": content_type,
                    "Referer": f"http://{host}:{port}{plan['form_path']}",
                },
            )
            tally.add(status, time.perf_counter() - started, expected)
        except OSError:
            tally.add(598, 0.0, expected)
            browser = Browser(host, port)


class Counter:
    """Submission numbers, up to a bound."""

    def __init__(self, limit: int) -> None:
        self.n, self.limit, self.lock = 0, limit, threading.Lock()

    def __next__(self) -> int | None:
        with self.lock:
            if self.n >= self.limit:
                return None
            self.n += 1
            return self.n


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, int(share * len(ordered) + 0.5) - 1))]


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8311")
    parser.add_argument("--plan", required=True, help="the plan (JSON), see the module's text")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=20, help="submissions sent first, uncounted")
    parser.add_argument("--label", default="submissions")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--first",
        type=int,
        default=0,
        help="number the submissions from here (slices of one interleaved run go on numbering)",
    )
    args = parser.parse_args()
    base = urlsplit(args.base)
    host, port = base.hostname or "127.0.0.1", base.port or 80
    if not loopback(host):
        raise SystemExit("loadgen serves loopback addresses only")
    with open(args.plan, encoding="utf-8") as source:
        plan = json.load(source)

    if args.warmup:
        warm = Tally()
        user(host, port, plan, warm, time.monotonic() + 60, Counter(args.warmup))
        if warm.done == 0:
            raise SystemExit(f"the warm-up failed: statuses {warm.statuses}")
    tally = Tally()
    counter = Counter(args.first + args.max_requests)
    for _skip in range(args.first + args.warmup):
        next(counter)
    deadline = time.monotonic() + args.seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=user, args=(host, port, plan, tally, deadline, counter))
        for _ in range(args.concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ms = [s * 1000 for s in tally.latencies]
    figures = {
        "label": args.label,
        "seconds": round(elapsed, 2),
        "concurrency": args.concurrency,
        "posts": tally.posts,
        "done_2xx_3xx": tally.done,
        "stored": tally.stored,
        "failed": tally.failed,
        "statuses": tally.statuses,
        "per_second": round(tally.done / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p90_ms": round(percentile(ms, 0.90), 1) if ms else None,
        "p99_ms": round(percentile(ms, 0.99), 1) if ms else None,
        "latencies_ms": [round(value, 2) for value in ms],
    }
    print(
        f"{args.label}: {figures['per_second']} per second "
        f"({tally.done} done, {tally.stored} stored, {tally.failed} failed in {elapsed:.1f} s, "
        f"{args.concurrency} users); POST latency p50 {figures['p50_ms']} ms, "
        f"p90 {figures['p90_ms']} ms, p99 {figures['p99_ms']} ms"
    )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
