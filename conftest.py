"""Settings every test shares: tasks run immediately, SMS to memory, media in a temp folder."""

import pytest


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


@pytest.fixture
def reference_data(transactional_db):  # type: ignore[no-untyped-def]
    """The divisions and periods that migrations load. A transactional test (live server, two
    connections) ends with a flush that empties every table, so such tests ask for this."""
    from liaison.deadlines.periods import sync_periods
    from liaison.deadlines.statutory import STATUTORY_PERIODS
    from liaison.places.loading import load_divisions
    from liaison.places.models import Division
    from liaison.workflow.registry import all_workflows

    if not Division.objects.filter(code="150603").exists():
        load_divisions(Division)
    sync_periods([*STATUTORY_PERIODS, *(p for w in all_workflows() for p in w.periods)])
