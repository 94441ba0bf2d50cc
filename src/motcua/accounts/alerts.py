"""Cảnh báo đăng nhập bất thường: an official hears about a sign-in from a browser they never used,
and about many wrong passwords or codes in a row; so does the audit log (action ``alert``).

Only accounts that need a second factor (``accounts.two_factor.required_for``) are watched: they
can sign results and read personal data. Each alert is three things, none of which blocks the
sign-in: a notice in the back office (``SecurityNotice``, shown on every page of ``/can-bo/`` from the
next sign-in on, until the official marks it seen), an e-mail to the account's address (Django's
mail backend, the one the notifications use) and an audit entry. A new device is a browser without
the account's device cookie, or whose cookie comes back from another browser or operating system (a
copied cookie); the alert names its browser and operating system and its network (the /16 of an IPv4
address, the /48 of an IPv6 one), which is what the official can recognise.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets

from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.models import KnownDevice, SecurityNotice, User
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


def network_of(ip: str) -> str:
    """The network an address belongs to, as a person reads it: ``203.113.0.0/16``, ``2001:db8:1::/48``."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 16 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def browser_of(agent: str) -> str:
    """``Chrome trên Windows``-like summary of a user agent (the rest of it stays in the audit entry)."""
    browser = next((name for mark, name in _BROWSERS if mark in agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in agent), "")
    if browser and system:
        return f"{browser} / {system}"
    return browser or system or re.split(r"[\s(]", agent.strip(), maxsplit=1)[0][:40]


def _notice(user: User, kind: str, detail: dict, at) -> None:
    SecurityNotice.objects.create(user=user, kind=kind, detail=detail, created_at=at)


def notice_text(notice: SecurityNotice) -> str:
    """The notice in the reader's language (the active one)."""
    at = timezone.localtime(notice.created_at).strftime("%H:%M %d/%m/%Y")
    d = notice.detail
    if notice.kind == SecurityNotice.Kind.NEW_DEVICE:
        return _(
            "Lúc %(at)s tài khoản đăng nhập từ một trình duyệt chưa dùng trước đây (%(browser)s, mạng "
            "%(network)s). Nếu không phải Ông/Bà, hãy đổi mật khẩu và báo quản trị hệ thống ngay."
        ) % {"at": at, "browser": d.get("browser") or "?", "network": d.get("network") or "?"}
    if notice.kind == SecurityNotice.Kind.MANY_FAILURES:
        what = _("mật khẩu") if d.get("what") == "password" else _("mã xác thực hai yếu tố")
        return _(
            "Lúc %(at)s có người nhập sai %(what)s nhiều lần liên tiếp (mạng %(network)s); đăng nhập đã "
            "tạm khóa. Nếu không phải Ông/Bà, hãy báo quản trị hệ thống ngay."
        ) % {"at": at, "what": what, "network": d.get("network") or "?"}
    return _(
        "Lúc %(at)s khóa truy cập “%(passkey)s” gửi một chữ ký có bộ đếm không tăng: có thể khóa đã bị "
        "sao chép. Hãy gỡ khóa này và báo quản trị hệ thống."
    ) % {"at": at, "passkey": d.get("passkey") or "?"}


SHOWN_ON_EVERY_PAGE = 3  # the newest unseen notices above every page; the rest behind a link


def unseen_notices(user: User, *, latest: int = SHOWN_ON_EVERY_PAGE) -> tuple[list[tuple[int, str]], int]:
    """The newest ``latest`` notices the official has not marked seen, as (id, words), and how many
    are unseen in all. A notice a day for a month of new browsers must not push the page down."""
    if user is None or not user.is_authenticated:
        return [], 0
    unseen = SecurityNotice.objects.filter(user=user, seen_at=None)
    shown = [(n.pk, notice_text(n)) for n in unseen[:latest]]
    return shown, (len(shown) if len(shown) < latest else unseen.count())


def notices_of(user: User, *, limit: int = 200) -> list[tuple[SecurityNotice, str]]:
    """Every notice of the account, newest first, seen or not (the page “Cảnh báo bảo mật”)."""
    return [(n, notice_text(n)) for n in SecurityNotice.objects.filter(user=user)[:limit]]


def mark_seen(*, user: User, notice_id: int) -> bool:
    return bool(
        SecurityNotice.objects.filter(user=user, pk=notice_id, seen_at=None).update(seen_at=timezone.now())
    )


def mark_all_seen(*, user: User) -> int:
    """“Đã xem tất cả”: every notice of the account not yet seen, at once."""
    return SecurityNotice.objects.filter(user=user, seen_at=None).update(seen_at=timezone.now())


def passkey_counter(*, request, user: User, passkey_name: str) -> None:
    """A passkey's signature counter went back: a cloned key or a replayed answer."""
    record(
        action=Action.ALERT,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"alert": "passkey_counter", "passkey": passkey_name},
        ip=client_ip(request),
    )
    _notice(user, SecurityNotice.Kind.PASSKEY_COUNTER, {"passkey": passkey_name}, timezone.now())


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
        moved = browser_of(known.user_agent) != browser_of(agent)
        known.last_seen = now
        known.user_agent = agent
        known.save(update_fields=["last_seen", "user_agent"])
        if not moved:
            return False
        # The browser's cookie came back from another browser or system: copied, not the same device.
    else:
        had_devices = KnownDevice.objects.filter(user=user).exists()
        KnownDevice.objects.create(
            user=user, digest=_digest(token), user_agent=agent, first_seen=now, last_seen=now
        )
        if not had_devices:
            return False  # the first browser ever is not unusual
    ip = client_ip(request)
    fingerprint = {"browser": browser_of(agent), "network": network_of(ip)}
    record(
        action=Action.ALERT,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"alert": "new_device", "user_agent": agent, **fingerprint},
        ip=ip,
    )
    _notice(user, SecurityNotice.Kind.NEW_DEVICE, fingerprint, now)
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
    _notice(
        user, SecurityNotice.Kind.MANY_FAILURES, {"what": what, "network": network_of(ip)}, timezone.now()
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
