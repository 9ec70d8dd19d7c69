"""Settings every test shares: tasks run immediately, SMS to memory, media in a temp folder; each
test starts in the project's default language and a page request does not change it."""

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from django.core.signals import request_finished, request_started
from django.utils import translation

from liaison.core.catalogues import MsgfmtMissing, compile_stale

# Property tests' examples are judged by what they find, never by how long one takes on a busy
# machine (timings belong to ``make bench``): no deadline, so a slow moment is not a failure.
hypothesis.settings.register_profile("liaison", deadline=None)
hypothesis.settings.load_profile("liaison")


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogues that are missing or older than their source: they are
    not committed, and a bare ``pytest`` run (without ``make``) must still read Chinese pages in
    Chinese. Once, in the controlling process, before any worker starts."""
    if hasattr(config, "workerinput"):
        return
    try:
        compiled = compile_stale(Path(__file__).parent / "liaison" / "locale")
    except MsgfmtMissing as missing:
        raise pytest.UsageError(str(missing)) from None
    if compiled:
        # Django is already set up (pytest-django does it before conftests load) and may hold
        # the catalogues it found missing; the signal a test's settings change sends for
        # LOCALE_PATHS makes it read them again.
        from django.conf import settings
        from django.test.signals import setting_changed

        setting_changed.send(
            sender=type(settings),
            setting="LOCALE_PATHS",
            value=settings.LOCALE_PATHS,
            enter=False,
        )


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LIAISON_SMS_BACKEND = "liaison.notifications.sms.LocmemSMSBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_caches() -> Iterator[None]:
    """Each test starts with empty caches: rate limits count there, and one test's requests must
    not use up the next one's."""
    from django.core.cache import caches

    from liaison.core.localcopy import drop_all_local
    from liaison.core.pagecache import forget_all_pages

    for cache in caches.all():
        cache.clear()
    drop_all_local()
    forget_all_pages()
    yield


@pytest.fixture(autouse=True)
def _rate_limit_window_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """django-ratelimit counts in fixed windows that end on the clock (each minute, each hour):
    a test that sends eleven requests must not see its count start again because a minute
    ended half-way through it. Its windows are read at one instant for the whole test."""
    import time
    import types

    import django_ratelimit.core

    instant = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: instant))


@pytest.fixture
def reference_data(transactional_db):  # type: ignore[no-untyped-def]
    """The divisions, periods and support-prosecution categories that migrations load. A
    transactional test (live server, two connections) ends with a flush that empties every
    table, so such tests ask for this."""
    from importlib import import_module

    from django.apps import apps

    from liaison.deadlines.declarations import sync_declared_periods
    from liaison.places.loading import load_divisions
    from liaison.places.models import Division

    if not Division.objects.filter(code="150603").exists():
        load_divisions(Division)
    sync_declared_periods()
    import_module("liaison.supportprosecution.migrations.0002_seed_categories").seed(apps, None)


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """Each test starts in the default language (``LANGUAGE_CODE``) and leaves none behind; and
    a page request made with the test client does not change the language of the test around it.

    LocaleMiddleware activates the browser's language in the thread that serves the request and
    never gives it back; the test client serves requests in the test's own thread, so without
    this a test that asks for a page reads its actions' messages in the page's language from
    then on, and so does the next test on that worker. The signals below put the test's
    language back when the client's request finishes (only in the test's thread: a live
    server's requests are served in threads of their own)."""
    test_thread = threading.get_ident()
    saved: list[str | None] = []

    def remember(**kwargs: Any) -> None:
        if threading.get_ident() == test_thread:
            saved.append(translation.get_language())

    def restore(**kwargs: Any) -> None:
        if threading.get_ident() == test_thread and saved:
            language = saved.pop()
            if language is None:
                translation.deactivate_all()
            else:
                translation.activate(language)

    translation.deactivate()
    request_started.connect(remember, dispatch_uid="liaison-tests-language-remember")
    request_finished.connect(restore, dispatch_uid="liaison-tests-language-restore")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="liaison-tests-language-remember")
        request_finished.disconnect(dispatch_uid="liaison-tests-language-restore")
        translation.deactivate()


@pytest.fixture
def english() -> Iterator[None]:
    """Actions' messages in English, for tests that match their words (the project's default
    language is Chinese). Ask for it with ``pytest.mark.usefixtures("english")``."""
    with translation.override("en"):
        yield
