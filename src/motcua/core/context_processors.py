"""What every page's frame shows: the portal's name (MOTCUA_SITE_NAME, in English MOTCUA_SITE_NAME_EN) and
emblem (MOTCUA_SITE_LOGO)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from motcua.core.site import logo_url


def site_name() -> str:
    return settings.SITE_NAME_EN if translation.get_language() == "en" else settings.SITE_NAME


def site(request) -> dict:
    return {"site_name": site_name(), "site_logo_url": logo_url()}
