"""A sandbox bank speaking the VNPay protocol 2.1.0 (only with MOTCUA_PAYMENTS_SANDBOX=1).

Its pages are the gateway's: choose a bank, type a test card, pay or cancel. It then calls the
merchant's IPN server-to-server, sends the payer back to the return URL with the same signed
parameters, and answers ``querydr`` and ``refund`` on its merchant API. It knows the merchant's
code and secret as VNPay does; the adapter cannot tell it from the real gateway.
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.payments.gateways.vnpay import (
    QUERY_ANSWER_FIELDS,
    QUERY_FIELDS,
    REFUND_ANSWER_FIELDS,
    REFUND_FIELDS,
    hmac_sha512,
    parse_vnp_date,
    pipe_hash,
    signed_query,
    vnp_date,
)
from motcua.payments.models import SandboxTransaction

logger = logging.getLogger(__name__)

BANKS = [
    ("NCB", "Ngân hàng Quốc Dân (NCB)"),
    ("VCB", "Vietcombank"),
    ("BIDV", "BIDV"),
    ("AGRIBANK", "Agribank"),
    ("VIETINBANK", "VietinBank"),
]
# Test cards, as VNPay's sandbox lists its own: number → (holder, issue date, outcome code).
CARDS = {
    "9704198526191432198": ("NGUYEN VAN A", "07/15", "00"),
    "9704195798459170488": ("NGUYEN VAN B", "07/15", "51"),  # not enough money in the account
}
OTP = "123456"
OUTCOMES = {
    "00": gettext_lazy("Giao dịch thành công"),
    "24": gettext_lazy("Khách hàng hủy giao dịch"),
    "51": gettext_lazy("Tài khoản không đủ số dư"),
}


def _sandbox_on():
    if not settings.PAYMENTS_SANDBOX:
        raise Http404


def _signed(params: dict) -> dict:
    return {**params, "vnp_SecureHash": hmac_sha512(settings.VNPAY_HASH_SECRET, signed_query(params))}


def _order_error(params) -> str:
    received = str(params.get("vnp_SecureHash", "")).lower()
    if params.get("vnp_TmnCode") != settings.VNPAY_TMN_CODE:
        return _("Website chưa được đăng ký với cổng thanh toán (mã lỗi 02).")
    if not received or received != hmac_sha512(settings.VNPAY_HASH_SECRET, signed_query(params)):
        return _("Sai chữ ký của yêu cầu thanh toán (mã lỗi 97).")
    if params.get("vnp_Version") != "2.1.0" or params.get("vnp_Command") != "pay":
        return _("Phiên bản hoặc lệnh không được hỗ trợ (mã lỗi 03).")
    amount = str(params.get("vnp_Amount", ""))
    if not amount.isdigit() or int(amount) <= 0 or int(amount) % 100:
        return _("Số tiền không hợp lệ (mã lỗi 03).")
    expires = parse_vnp_date(str(params.get("vnp_ExpireDate", "")))
    if expires is not None and expires < datetime.now(UTC):
        return _("Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11).")
    return ""


@require_GET
def start(request):
    """vpcpay.html: the merchant sends the payer here with the signed order."""
    _sandbox_on()
    params = dict(request.GET.items())
    error = _order_error(params)
    if not error:
        try:
            with transaction.atomic():
                txn = SandboxTransaction.objects.create(
                    tmn_code=params["vnp_TmnCode"],
                    txn_ref=params.get("vnp_TxnRef", ""),
                    amount=int(params["vnp_Amount"]),
                    order_info=params.get("vnp_OrderInfo", "")[:255],
                    return_url=params.get("vnp_ReturnUrl", "")[:500],
                    ip=params.get("vnp_IpAddr", "")[:45],
                    create_date=params.get("vnp_CreateDate", ""),
                    expire_date=params.get("vnp_ExpireDate", ""),
                    transaction_no=str(14000000 + secrets.randbelow(85999999)),
                )
        except IntegrityError:
            txn = SandboxTransaction.objects.get(
                tmn_code=params["vnp_TmnCode"], txn_ref=params.get("vnp_TxnRef")
            )
            if txn.response_code:
                error = _("Giao dịch đã tồn tại (mã lỗi 94).")
        if not error:
            return render(request, "payments/sandbox/choose_bank.html", {"txn": txn, "banks": BANKS})
    return render(request, "payments/sandbox/error.html", {"error": error}, status=400)


def card(request, transaction_no):
    """The card form of the chosen bank; paying or a wrong card/OTP shown on the same page."""
    _sandbox_on()
    txn = get_object_or_404(SandboxTransaction, transaction_no=transaction_no)
    if txn.response_code:
        return render(
            request, "payments/sandbox/error.html", {"error": _("Giao dịch đã kết thúc.")}, status=400
        )
    bank = request.GET.get("bank") or request.POST.get("bank") or "NCB"
    errors, values = {}, {}
    if request.method == "POST":
        values = {
            key: request.POST.get(key, "").strip()
            for key in ("card_number", "card_holder", "issue_date", "otp")
        }
        number = values["card_number"].replace(" ", "")
        known = CARDS.get(number)
        if known is None:
            errors["card_number"] = _("Số thẻ không đúng hoặc thẻ chưa đăng ký dịch vụ.")
        else:
            if values["card_holder"].upper() != known[0]:
                errors["card_holder"] = _("Tên chủ thẻ không đúng.")
            if values["issue_date"] != known[1]:
                errors["issue_date"] = _("Ngày phát hành không đúng.")
        if values["otp"] != OTP:
            errors["otp"] = _("Mã OTP không đúng.")
        if not errors:
            return _finish(request, txn, known[2], bank=bank)
    return render(
        request,
        "payments/sandbox/card.html",
        {"txn": txn, "bank": bank, "errors": errors, "values": values, "cards": CARDS, "otp": OTP},
        status=400 if errors else 200,
    )


@require_POST
def cancel(request, transaction_no):
    _sandbox_on()
    txn = get_object_or_404(SandboxTransaction, transaction_no=transaction_no)
    if txn.response_code:
        return render(
            request, "payments/sandbox/error.html", {"error": _("Giao dịch đã kết thúc.")}, status=400
        )
    return _finish(request, txn, "24", bank=request.POST.get("bank", ""))


def _result_params(txn: SandboxTransaction) -> dict:
    params = {
        "vnp_Amount": str(txn.amount),
        "vnp_BankCode": txn.bank_code,
        "vnp_CardType": txn.card_type,
        "vnp_OrderInfo": txn.order_info,
        "vnp_PayDate": txn.pay_date,
        "vnp_ResponseCode": txn.response_code,
        "vnp_TmnCode": txn.tmn_code,
        "vnp_TransactionNo": txn.transaction_no,
        "vnp_TransactionStatus": txn.transaction_status,
        "vnp_TxnRef": txn.txn_ref,
    }
    if txn.response_code == "00":
        params["vnp_BankTranNo"] = f"VNP{txn.transaction_no}"
    return _signed(params)


def _finish(request, txn: SandboxTransaction, code: str, *, bank: str):
    txn.response_code = code
    txn.transaction_status = "00" if code == "00" else "02"
    txn.bank_code = bank[:20]
    txn.card_type = "ATM" if code != "24" else ""
    txn.pay_date = vnp_date(datetime.now(UTC))
    txn.save()  # committed (no request-wide transaction): the merchant reads nothing from us
    params = _result_params(txn)
    # Server to server, as VNPay does: the merchant's IPN first (on this same server: `motcua serve`
    # runs more than one worker), then the payer's browser to the return URL.
    ipn_url = request.build_absolute_uri(reverse("payments:vnpay-ipn"))
    try:
        answer = httpx.get(ipn_url, params=params, timeout=10).json()
        txn.ipn_answer = json.dumps(answer)[:255]
    except Exception as exc:  # the merchant reconciles with querydr
        logger.warning("sandbox: IPN to %s failed: %s", ipn_url, exc)
        txn.ipn_answer = f"error: {exc}"[:255]
    txn.save(update_fields=["ipn_answer"])
    joiner = "&" if "?" in txn.return_url else "?"
    return render(
        request,
        "payments/sandbox/done.html",
        {
            "txn": txn,
            "outcome": OUTCOMES.get(code, code),
            "return_to": f"{txn.return_url}{joiner}{urlencode(params)}",
        },
    )


@csrf_exempt
@require_POST
def merchant_api(request):
    """merchant_webapi/api/transaction: querydr and refund, JSON in and out, pipe-joined hashes."""
    _sandbox_on()
    try:
        body = json.loads(request.body)
    except ValueError:
        return JsonResponse({"vnp_ResponseCode": "99", "vnp_Message": "Invalid JSON"}, status=400)
    command = body.get("vnp_Command")
    fields = {"querydr": QUERY_FIELDS, "refund": REFUND_FIELDS}.get(command)
    base = {
        "vnp_ResponseId": secrets.token_hex(16),
        "vnp_Command": command,
        "vnp_TmnCode": body.get("vnp_TmnCode", ""),
    }
    if fields is None:
        return JsonResponse({**base, "vnp_ResponseCode": "99", "vnp_Message": "Invalid command"})
    if body.get("vnp_TmnCode") != settings.VNPAY_TMN_CODE:
        return JsonResponse({**base, "vnp_ResponseCode": "02", "vnp_Message": "Invalid TmnCode"})
    if str(body.get("vnp_SecureHash", "")).lower() != pipe_hash(settings.VNPAY_HASH_SECRET, body, fields):
        return JsonResponse({**base, "vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"})
    txn = SandboxTransaction.objects.filter(
        tmn_code=body["vnp_TmnCode"], txn_ref=body.get("vnp_TxnRef", "")
    ).first()
    if txn is None:
        answer = {**base, "vnp_ResponseCode": "91", "vnp_Message": "Transaction not found"}
        answer["vnp_SecureHash"] = pipe_hash(settings.VNPAY_HASH_SECRET, answer, QUERY_ANSWER_FIELDS)
        return JsonResponse(answer)
    if command == "refund":
        amount = str(body.get("vnp_Amount", ""))
        if (
            txn.transaction_status != "00"
            or not amount.isdigit()
            or int(amount) > txn.amount - txn.refunded_amount
        ):
            code, message = "94", "Refund not allowed"
        else:
            txn.refunded_amount += int(amount)
            txn.save(update_fields=["refunded_amount"])
            code, message = "00", "Refund success"
        answer = {
            **base,
            "vnp_ResponseCode": code,
            "vnp_Message": message,
            "vnp_TxnRef": txn.txn_ref,
            "vnp_Amount": amount,
            "vnp_BankCode": txn.bank_code,
            "vnp_PayDate": txn.pay_date,
            "vnp_TransactionNo": txn.transaction_no,
            "vnp_TransactionType": body.get("vnp_TransactionType", "02"),
            "vnp_TransactionStatus": "05" if code == "00" else txn.transaction_status,
            "vnp_OrderInfo": txn.order_info,
        }
        answer["vnp_SecureHash"] = pipe_hash(settings.VNPAY_HASH_SECRET, answer, REFUND_ANSWER_FIELDS)
        return JsonResponse(answer)
    answer = {
        **base,
        "vnp_ResponseCode": "00",
        "vnp_Message": "QueryDR Success",
        "vnp_TxnRef": txn.txn_ref,
        "vnp_Amount": str(txn.amount),
        "vnp_BankCode": txn.bank_code,
        "vnp_PayDate": txn.pay_date,
        "vnp_TransactionNo": txn.transaction_no,
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": txn.transaction_status,
        "vnp_OrderInfo": txn.order_info,
        "vnp_PromotionCode": "",
        "vnp_PromotionAmount": "",
    }
    answer["vnp_SecureHash"] = pipe_hash(settings.VNPAY_HASH_SECRET, answer, QUERY_ANSWER_FIELDS)
    return JsonResponse(answer)
