"""The browser harness: Playwright drives Debian's Chromium against a live server.

Never a browser downloaded by a test tool: the executable is Debian's (``make test`` installs
it when missing; ``LIAISON_CHROMIUM`` overrides the path). Screenshots go to
``test-artefacts/screenshots/`` and are kept as the run's artefacts.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test
# body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LIAISON_CHROMIUM", "/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parents[4] / "test-artefacts" / "screenshots"

if not Path(CHROMIUM).exists():  # pragma: no cover - make test installs it
    pytest.skip(f"Debian's chromium is not at {CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``screenshot("step")`` saves the page as test-artefacts/screenshots/<test>-<step>.png."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = ARTEFACTS / f"{request.node.name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    yield take


@pytest.fixture
def live(live_server: Any, settings: Any) -> Any:
    """The live server with static files served from the app (as in production, by WhiteNoise)."""
    return live_server
