"""What a webhook subscription may say: where (an http or https address) and which events."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.dossiers.event_kinds import EVENT_KINDS
from motcua.integration.payloads import event_type

SCHEMES = ("http", "https")


def check_url(url: str) -> str:
    """The subscriber's address, if it is a web address (http or https) with a host."""
    parts = urlsplit((url or "").strip())
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise ValidationFailed(
            fields={"url": [_("Địa chỉ nhận phải là địa chỉ web bắt đầu bằng http:// hoặc https://.")]}
        )
    return url.strip()


def normalise_events(text: str) -> str:
    """``"dossier.received, returned"`` → ``"received,returned"``; unknown names are refused, by name."""
    names = [n.strip() for n in (text or "").replace(";", ",").replace("\n", ",").split(",") if n.strip()]
    kinds = [n.removeprefix("dossier.") for n in names]
    unknown = [name for name, kind in zip(names, kinds, strict=True) if kind not in EVENT_KINDS]
    if unknown:
        raise ValidationFailed(
            fields={
                "events": [
                    _("Không có loại sự kiện: %(unknown)s. Các loại sự kiện: %(known)s.")
                    % {
                        "unknown": ", ".join(unknown),
                        "known": ", ".join(event_type(k) for k in EVENT_KINDS),
                    }
                ]
            }
        )
    return ",".join(dict.fromkeys(kinds))
