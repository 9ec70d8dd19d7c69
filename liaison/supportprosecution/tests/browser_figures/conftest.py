"""The project's browser harness (Debian's Chromium, screenshots kept as artefacts), shared from
``liaison/core/tests/browser/conftest.py`` rather than copied."""

from liaison.core.tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    live,
    screenshot,
)
