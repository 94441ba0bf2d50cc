"""The one-time code that activates an account opened at the counter, sent by SMS or e-mail.

``accounts.activation`` decides whether a code is due and makes it; this module
only carries it, through the same SMS provider and mail backend as the
notifications. It is sent at once (the applicant is waiting on the page), and a
failure is logged, never shown: the page says the same words whatever happened.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.activation import request_code
from motcua.accounts.models import User
from motcua.integration import sms

logger = logging.getLogger("motcua.activation")


def _text(code: str, minutes: int) -> str:
    return _(
        "Mã xác nhận kích hoạt tài khoản Dịch vụ công: %(code)s (hiệu lực %(minutes)d phút). "
        "Không đưa mã này cho ai, kể cả cán bộ."
    ) % {"code": code, "minutes": minutes}


def send_activation_code(*, applicant: User, identifier: str, language: str = "vi") -> None:
    """Send a one-time code to the applicant's phone or e-mail if the number typed is theirs (silently if not)."""
    delivery = request_code(applicant=applicant, identifier=identifier)
    if delivery is None:
        return
    with translation.override(language if language in ("vi", "en") else "vi"):
        text = _text(delivery.code, delivery.minutes)
        subject = _("Mã xác nhận kích hoạt tài khoản")
    try:
        if delivery.channel == "sms":
            sms.send(phone=delivery.address, text=text, reference=f"activation-{applicant.pk}")
        else:
            EmailMessage(subject=subject, body=text + "\n", to=[delivery.address]).send(fail_silently=False)
    except Exception:  # noqa: BLE001 - the visitor sees the same page; the log tells the operators
        logger.exception(
            "could not send the activation code of account %s by %s", applicant.pk, delivery.channel
        )
