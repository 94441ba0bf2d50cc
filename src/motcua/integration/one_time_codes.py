"""Carry a one-time code (password reset, contact verification) by SMS or e-mail, through the same
SMS provider and mail backend as the notifications. ``accounts.recovery`` decides whether a code is
due and makes it; a failure to send is logged, never shown (the page says the same words)."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.activation import CodeDelivery
from motcua.integration import sms

logger = logging.getLogger("motcua.one_time_codes")


def send_code(delivery: CodeDelivery | None, *, purpose: str, reference: str, language: str = "vi") -> None:
    if delivery is None:
        return
    with translation.override(language if language in ("vi", "en") else "vi"):
        if purpose == "reset":
            subject = _("Mã đặt lại mật khẩu")
            text = _(
                "Mã đặt lại mật khẩu tài khoản Dịch vụ công: %(code)s (hiệu lực %(minutes)d phút). "
                "Không đưa mã này cho ai, kể cả cán bộ. Nếu Ông/Bà không yêu cầu, hãy bỏ qua tin này."
            )
        else:
            subject = _("Mã xác minh địa chỉ liên hệ")
            text = _(
                "Mã xác minh địa chỉ liên hệ của tài khoản Dịch vụ công: %(code)s (hiệu lực %(minutes)d phút)."
            )
        text = text % {"code": delivery.code, "minutes": delivery.minutes}
    try:
        if delivery.channel == "sms":
            sms.send(phone=delivery.address, text=text, reference=reference)
        else:
            EmailMessage(subject=subject, body=text + "\n", to=[delivery.address]).send(fail_silently=False)
    except Exception:  # noqa: BLE001 - the visitor sees the same page; the log tells the operators
        logger.exception("could not send a one-time code (%s) by %s", purpose, delivery.channel)
