"""Biên lai điện tử: the receipt of one payment as PDF (WeasyPrint), with the amount in words and a
QR code opening the public check page. Rendered from the payment row each time (nothing to lose)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from num2words import num2words
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from motcua.payments.models import Payment
from motcua.payments.vietqr import qr_data_uri


def amount_in_words(amount: int) -> str:
    """1250000 → "Một triệu hai trăm năm mươi nghìn đồng"."""
    words = num2words(int(amount), lang="vi") if amount else "không"
    return f"{words[:1].upper()}{words[1:]} đồng"


def check_url(payment: Payment) -> str:
    return settings.SITE_URL + reverse("payments:receipt-check", args=[payment.receipt_token])


def receipt_pdf(payment: Payment) -> bytes:
    account = getattr(payment.agency, "collection_account", None)
    html = render_to_string(
        "payments/receipt_pdf.html",
        {
            "payment": payment,
            "account": account,
            "words": amount_in_words(payment.amount),
            "qr": qr_data_uri(check_url(payment), scale=3),
            "check_url": check_url(payment),
        },
    )
    # Our template and escaped data only; the renderer may load nothing but data: URIs.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=2)
    return HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf()
