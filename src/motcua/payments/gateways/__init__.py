"""Payment gateways: a registry of providers chosen by MOTCUA_PAYMENT_GATEWAY.

Services ask ``current()``; nothing outside this package knows which gateway is behind it, nor
whether it is the real one or the sandbox (only the URLs and the secret differ).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.conf import settings

from motcua.core.registry import Registry


@dataclass(frozen=True)
class Order:
    """What the gateway is asked to collect (amount in integer đồng)."""

    txn_ref: str
    amount: int
    description: str
    created_at: datetime
    expires_at: datetime
    payer_ip: str
    locale: str = "vn"


@dataclass(frozen=True)
class Notification:
    """A callback (return URL or IPN) as the gateway signed it; ``authentic`` says the signature held."""

    authentic: bool
    txn_ref: str = ""
    amount: int | None = None  # đồng; None when the field is missing or not a whole number of đồng
    succeeded: bool = False
    cancelled: bool = False
    transaction_no: str = ""
    bank_code: str = ""
    response_code: str = ""
    paid_at: datetime | None = None


@dataclass(frozen=True)
class QueryResult:
    """The gateway's answer to "what happened to this order?" (querydr)."""

    authentic: bool
    found: bool
    succeeded: bool
    amount: int | None = None
    transaction_no: str = ""
    bank_code: str = ""
    paid_at: datetime | None = None
    response_code: str = ""
    transaction_status: str = ""


@dataclass(frozen=True)
class RefundResult:
    authentic: bool
    succeeded: bool
    response_code: str = ""
    message: str = ""


class PaymentGateway(Protocol):
    code: str
    configured: bool  # False: settings incomplete, online payment is not offered

    def payment_url(self, *, order: Order, return_url: str) -> str: ...  # where to send the payer

    def read_notification(self, params: Mapping[str, str]) -> Notification: ...  # verify a callback

    def ipn_answer(self, code: str) -> dict: ...  # what the gateway expects back from the IPN

    def query(self, *, txn_ref: str, created_at: datetime, description: str, ip: str) -> QueryResult: ...

    def refund(
        self,
        *,
        txn_ref: str,
        amount: int,
        transaction_no: str,
        paid_at: datetime,
        by: str,
        description: str,
        ip: str,
        full: bool = True,
    ) -> RefundResult: ...


gateways: Registry[PaymentGateway] = Registry("payments")


def current() -> PaymentGateway:
    return gateways.get(settings.PAYMENT_GATEWAY)


def online_payment_offered() -> bool:
    return bool(settings.PAYMENT_GATEWAY) and current().configured
