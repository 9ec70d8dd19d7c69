import pytest

from liaison.notifications import sms


@pytest.fixture(autouse=True)
def _notification_settings(settings):
    """Tasks run at once, text messages go to memory, and retries are quick to reason about."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LIAISON_SMS_BACKEND = "liaison.notifications.sms.LocmemSMSBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LIAISON_NOTIFY_MAX_ATTEMPTS = 6
    settings.LIAISON_NOTIFY_RETRY_SECONDS = 60
    sms.outbox.clear()
    yield
    sms.outbox.clear()
