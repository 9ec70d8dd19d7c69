"""The build waits for the package manager: every apt-get that `make run`, `make test` and CI
may call carries a lock timeout, so that another installation running on the machine makes it
wait instead of stopping with "Could not get lock"."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOCK_WAIT = "-o DPkg::Lock::Timeout=600"
APT_CALL = re.compile(r"\bapt-get\b(?P<rest>[^;&|]*)")


def _apt_calls(script: str) -> list[str]:
    """Every apt-get command in a shell text, comments left out."""
    lines = (line.split("#", 1)[0] for line in script.splitlines())
    return [match.group(0) for line in lines for match in APT_CALL.finditer(line)]


def test_every_apt_get_the_makefile_runs_waits_for_the_lock() -> None:
    # The recipes as make expands them; CHROMIUM points nowhere so that its install is printed.
    recipes = subprocess.run(
        ["make", "-n", "-B", "gettext", "chromium", "documents", "CHROMIUM=/nonexistent"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    calls = _apt_calls(recipes)
    assert len(calls) == 6  # update and install, for gettext, chromium and the PDF packages
    assert all(call.startswith(f"apt-get {LOCK_WAIT} ") for call in calls), calls


def test_every_apt_get_in_ci_waits_for_the_lock() -> None:
    calls = _apt_calls((ROOT / ".ci" / "run").read_text())
    assert calls
    assert all(call.startswith(f"apt-get {LOCK_WAIT} ") for call in calls), calls
