"""Cảnh báo đăng nhập bất thường: an official hears about a sign-in from a browser they never used,
and about many wrong passwords or codes in a row; so does the audit log (action ``alert``).

Only accounts that need a second factor (``accounts.two_factor.required_for``) are watched: they
can sign results and read personal data. The alert is an e-mail to the account's address (Django's
mail backend, the one the notifications use) and an audit entry; neither blocks the sign-in.
"""

from __future__ import annotations

import logging
import secrets

from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.models import KnownDevice, User
from motcua.accounts.policy import required_for
from motcua.audit.context import client_ip
from motcua.audit.models import Action
from motcua.audit.services import record

logger = logging.getLogger("motcua.accounts.alerts")

DEVICE_COOKIE = "motcua_device"
DEVICE_COOKIE_DAYS = 400
_SALT = "motcua.accounts.alerts.device"


def _digest(token: str) -> str:
    return salted_hmac(_SALT, token, algorithm="sha256").hexdigest()


def _tell(user: User, *, subject: str, text: str) -> None:
    if not user.email:
        return
    try:
        EmailMessage(subject=subject, body=text + "\n", to=[user.email]).send(fail_silently=False)
    except Exception:  # noqa: BLE001 - the sign-in goes on; the audit entry stays
        logger.exception("could not e-mail the security alert to account %s", user.pk)


def signed_in(*, request, user: User) -> bool:
    """Remember the browser; alert when the account has known browsers and this is not one of them.
    Returns whether an alert was raised. The cookie to set (if any) is left on the request."""
    if not required_for(user):
        return False
    now = timezone.now()
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    if len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.motcua_device_cookie = token
    agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    known = KnownDevice.objects.filter(user=user, digest=_digest(token)).first()
    if known is not None:
        known.last_seen = now
        known.save(update_fields=["last_seen"])
        return False
    had_devices = KnownDevice.objects.filter(user=user).exists()
    KnownDevice.objects.create(
        user=user, digest=_digest(token), user_agent=agent, first_seen=now, last_seen=now
    )
    if not had_devices:
        return False  # the first browser ever is not unusual
    ip = client_ip(request)
    record(
        action=Action.ALERT,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"alert": "new_device", "user_agent": agent},
        ip=ip,
    )
    with translation.override("vi"):
        _tell(
            user,
            subject=_("Cảnh báo: đăng nhập từ thiết bị mới"),
            text=_(
                "Tài khoản %(username)s vừa đăng nhập từ một trình duyệt chưa dùng trước đây "
                "(%(agent)s, địa chỉ %(ip)s) lúc %(at)s. Nếu không phải Ông/Bà, hãy đổi mật khẩu "
                "và báo quản trị hệ thống ngay."
            )
            % {
                "username": user.get_username(),
                "agent": agent or "?",
                "ip": ip or "?",
                "at": timezone.localtime(now).strftime("%H:%M %d/%m/%Y"),
            },
        )
    return True


def many_failures(*, request, user: User, what: str) -> None:
    """``what`` ("password" or "second_factor") failed ``MOTCUA_SIGNIN_FAILURE_LIMIT`` times in a row."""
    if not (required_for(user) or what == "second_factor"):
        return
    ip = client_ip(request) if request is not None else ""
    record(
        action=Action.ALERT,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"alert": "many_failures", "what": what},
        ip=ip,
    )
    with translation.override("vi"):
        words = _("mật khẩu") if what == "password" else _("mã xác thực hai yếu tố")
        _tell(
            user,
            subject=_("Cảnh báo: nhiều lần đăng nhập sai"),
            text=_(
                "Tài khoản %(username)s vừa bị nhập sai %(what)s nhiều lần liên tiếp (địa chỉ %(ip)s); "
                "đăng nhập tạm khóa. Nếu không phải Ông/Bà, hãy báo quản trị hệ thống ngay."
            )
            % {"username": user.get_username(), "what": words, "ip": ip or "?"},
        )
