"""SMS behind a small interface; the default provider only writes to the log.

A real provider (a telecom's brand-name SMS gateway) registers itself with ``@providers.register("…")``
and is chosen with ``MOTCUA_SMS_PROVIDER``.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings

from motcua.core.registry import Registry

logger = logging.getLogger("motcua.sms")


class SmsProvider(Protocol):
    code: str

    def send(self, *, phone: str, text: str, reference: str) -> None: ...  # raise on failure


providers = Registry[SmsProvider]("sms")


@providers.register("log")
class LogSms:
    """Writes the message to the log instead of sending it (demo, development)."""

    def send(self, *, phone: str, text: str, reference: str) -> None:
        logger.info("SMS to %s [%s]: %s", phone, reference, text)


def send(*, phone: str, text: str, reference: str) -> None:
    providers.get(settings.SMS_PROVIDER).send(phone=phone, text=text, reference=reference)
