"""The SMS gateway interface.

Each province buys its text-message gateway from a different vendor, so the platform talks to one
small interface and ``settings.LIAISON_SMS_BACKEND`` names the class (a dotted path) that speaks
to the vendor. A backend raises on failure; the delivery task records the error and retries.
"""

from __future__ import annotations

import logging
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TextIO

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SMSBackend(ABC):
    """Sends one text message; raises any exception when the gateway refuses or is unreachable."""

    @abstractmethod
    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSMSBackend(SMSBackend):
    """Prints messages instead of sending them: the development default."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, mobile: str, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {mobile}: {text}\n")
        stream.flush()
        logger.info("SMS to %s: %s", mobile, text)


@dataclass(frozen=True)
class SentSMS:
    mobile: str
    text: str


#: Messages "sent" by ``LocmemSMSBackend``, for tests (like ``django.core.mail.outbox``).
outbox: list[SentSMS] = []


class LocmemSMSBackend(SMSBackend):
    """Keeps messages in the module-level ``outbox`` list."""

    def send(self, mobile: str, text: str) -> None:
        outbox.append(SentSMS(mobile=mobile, text=text))


def get_sms_backend() -> SMSBackend:
    """An instance of the backend named by ``settings.LIAISON_SMS_BACKEND``."""
    path = getattr(settings, "LIAISON_SMS_BACKEND", "liaison.notifications.sms.ConsoleSMSBackend")
    backend_class = import_string(path)
    return backend_class()
