"""The VNPay payment protocol, version 2.1.0, as VNPay publishes it.

- Payment URL: the ``vnp_*`` parameters, sorted by name, each ``name=quote_plus(value)`` joined by
  ``&``; ``vnp_SecureHash`` is the HMAC-SHA512 (hex) of that string keyed with the merchant's secret.
  ``vnp_Amount`` is đồng × 100; dates are GMT+7 ``yyyyMMddHHmmss``.
- Return URL and IPN: the same recipe over every ``vnp_*`` parameter received except
  ``vnp_SecureHash`` and ``vnp_SecureHashType``. The return URL only shows; the IPN decides and is
  answered ``{"RspCode", "Message"}``.
- ``querydr`` and ``refund``: JSON POSTs to the merchant API, each signed over its own fields joined
  by ``|`` in the published order (and the answer checked the same way).

Nothing here knows about the sandbox: the URLs and the secret come from settings.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import httpx
from django.conf import settings

from motcua.payments.gateways import Notification, Order, QueryResult, RefundResult, gateways

VERSION = "2.1.0"
GMT7 = ZoneInfo("Asia/Ho_Chi_Minh")
EXCLUDED = ("vnp_SecureHash", "vnp_SecureHashType")
IPN_MESSAGES = {
    "00": "Confirm Success",
    "01": "Order not found",
    "02": "Order already confirmed",
    "04": "Invalid amount",
    "97": "Invalid signature",
    "99": "Unknown error",
}
QUERY_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)
REFUND_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
REFUND_ANSWER_FIELDS = QUERY_ANSWER_FIELDS[:13]


def vnp_date(moment: datetime) -> str:
    """GMT+7 ``yyyyMMddHHmmss``."""
    return moment.astimezone(GMT7).strftime("%Y%m%d%H%M%S")


def parse_vnp_date(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=GMT7).astimezone(UTC)
    except (TypeError, ValueError):
        return None


def signed_query(params: Mapping[str, str]) -> str:
    """The string the secure hash covers (and the query string sent): sorted by name, quote_plus."""
    return "&".join(
        f"{key}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key not in EXCLUDED and value not in (None, "")
    )


def hmac_sha512(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def pipe_hash(secret: str, payload: Mapping[str, object], fields: tuple[str, ...]) -> str:
    return hmac_sha512(secret, "|".join(str(payload.get(name, "") or "") for name in fields))


def _amount(text: str | None) -> int | None:
    """đồng from ``vnp_Amount`` (đồng × 100); None unless a whole number of đồng."""
    if text is None or not str(text).isdigit():
        return None
    value = int(text)
    return value // 100 if value % 100 == 0 else None


@gateways.register("vnpay")
class VNPayGateway:
    code = "vnpay"

    def __init__(
        self,
        *,
        tmn_code: str | None = None,
        hash_secret: str | None = None,
        payment_url: str | None = None,
        api_url: str | None = None,
        timeout: float = 15.0,
    ):
        self.tmn_code = tmn_code if tmn_code is not None else settings.VNPAY_TMN_CODE
        self.hash_secret = hash_secret if hash_secret is not None else settings.VNPAY_HASH_SECRET
        self.base_url = payment_url if payment_url is not None else settings.VNPAY_PAYMENT_URL
        self.api_url = api_url if api_url is not None else settings.VNPAY_API_URL
        self.timeout = timeout

    @property
    def configured(self) -> bool:
        """Merchant code, secret and payment page are set (otherwise no online payment is offered)."""
        return bool(self.tmn_code and self.hash_secret and self.base_url)

    # -- the payer's way: payment URL, return URL, IPN ------------------------------------------

    def payment_params(self, *, order: Order, return_url: str) -> dict[str, str]:
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(order.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": order.txn_ref,
            "vnp_OrderInfo": order.description,
            "vnp_OrderType": "billpayment",
            "vnp_Locale": order.locale if order.locale in ("vn", "en") else "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": order.payer_ip or "127.0.0.1",
            "vnp_CreateDate": vnp_date(order.created_at),
            "vnp_ExpireDate": vnp_date(order.expires_at),
        }

    def sign(self, params: Mapping[str, str]) -> str:
        return hmac_sha512(self.hash_secret, signed_query(params))

    def payment_url(self, *, order: Order, return_url: str) -> str:
        params = self.payment_params(order=order, return_url=return_url)
        query = signed_query(params)
        return f"{self.base_url}?{query}&vnp_SecureHash={hmac_sha512(self.hash_secret, query)}"

    def verify(self, params: Mapping[str, str]) -> bool:
        received = str(params.get("vnp_SecureHash") or "").lower()
        fields = {key: value for key, value in params.items() if key.startswith("vnp_")}
        return bool(received) and hmac.compare_digest(received, self.sign(fields))

    def read_notification(self, params: Mapping[str, str]) -> Notification:
        if not self.verify(params) or params.get("vnp_TmnCode") != self.tmn_code:
            return Notification(authentic=False, txn_ref=str(params.get("vnp_TxnRef") or ""))
        response, status = params.get("vnp_ResponseCode", ""), params.get("vnp_TransactionStatus", "")
        return Notification(
            authentic=True,
            txn_ref=str(params.get("vnp_TxnRef") or ""),
            amount=_amount(params.get("vnp_Amount")),
            succeeded=response == "00" and status == "00",
            cancelled=response == "24",
            transaction_no=str(params.get("vnp_TransactionNo") or ""),
            bank_code=str(params.get("vnp_BankCode") or ""),
            response_code=str(response),
            paid_at=parse_vnp_date(str(params.get("vnp_PayDate") or "")),
        )

    def ipn_answer(self, code: str) -> dict:
        return {"RspCode": code, "Message": IPN_MESSAGES[code]}

    # -- merchant API: querydr, refund -----------------------------------------------------------

    def _post(self, payload: dict) -> dict:
        response = httpx.post(self.api_url, json=payload, timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def query(self, *, txn_ref: str, created_at: datetime, description: str, ip: str) -> QueryResult:
        payload = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": txn_ref,
            "vnp_OrderInfo": description,
            "vnp_TransactionDate": vnp_date(created_at),
            "vnp_CreateDate": vnp_date(datetime.now(UTC)),
            "vnp_IpAddr": ip or "127.0.0.1",
        }
        payload["vnp_SecureHash"] = pipe_hash(self.hash_secret, payload, QUERY_FIELDS)
        answer = self._post(payload)
        authentic = hmac.compare_digest(
            str(answer.get("vnp_SecureHash", "")).lower(),
            pipe_hash(self.hash_secret, answer, QUERY_ANSWER_FIELDS),
        )
        code, status = str(answer.get("vnp_ResponseCode", "")), str(answer.get("vnp_TransactionStatus", ""))
        return QueryResult(
            authentic=authentic,
            found=code == "00",
            succeeded=authentic and code == "00" and status == "00",
            amount=_amount(str(answer.get("vnp_Amount", ""))),
            transaction_no=str(answer.get("vnp_TransactionNo", "") or ""),
            bank_code=str(answer.get("vnp_BankCode", "") or ""),
            paid_at=parse_vnp_date(str(answer.get("vnp_PayDate", ""))),
            response_code=code,
            transaction_status=status,
        )

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
    ) -> RefundResult:
        payload = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "refund",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionType": "02" if full else "03",
            "vnp_TxnRef": txn_ref,
            "vnp_Amount": str(amount * 100),
            "vnp_OrderInfo": description,
            "vnp_TransactionNo": transaction_no,
            "vnp_TransactionDate": vnp_date(paid_at),
            "vnp_CreateBy": by,
            "vnp_CreateDate": vnp_date(datetime.now(UTC)),
            "vnp_IpAddr": ip or "127.0.0.1",
        }
        payload["vnp_SecureHash"] = pipe_hash(self.hash_secret, payload, REFUND_FIELDS)
        answer = self._post(payload)
        authentic = hmac.compare_digest(
            str(answer.get("vnp_SecureHash", "")).lower(),
            pipe_hash(self.hash_secret, answer, REFUND_ANSWER_FIELDS),
        )
        code = str(answer.get("vnp_ResponseCode", ""))
        return RefundResult(
            authentic=authentic,
            succeeded=authentic and code == "00",
            response_code=code,
            message=str(answer.get("vnp_Message", "")),
        )
