"""Reads of the paperwork: from a token to its dossier, and the address a QR code opens."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.paperwork.models import LookupToken

LOOKUP_PATH = "/tra-cuu/{token}/"


def dossier_for_token(token: str) -> Dossier:
    found = (
        LookupToken.objects.select_related("dossier", "dossier__procedure")
        .filter(token=(token or "").strip())
        .first()
    )
    if found is None:
        raise NotFound(code="dossier_not_found", message=_("Không tìm thấy hồ sơ."))
    return found.dossier


def lookup_url(token: str) -> str:
    """The public address a receipt's QR code opens (``MOTCUA_SITE_URL`` + the look-up path)."""
    return settings.SITE_URL + LOOKUP_PATH.format(token=token)
