"""The project's browser harness (Debian's Chromium, screenshots kept as artefacts), shared from
``liaison/core/tests/browser/conftest.py`` rather than copied."""

import pytest

from liaison.core.tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    live,
    screenshot,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    """The opinion's files are stored when it is sent: in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
