"""The portal's name and emblem, configured per province.

``MOTCUA_SITE_LOGO`` names an image file on the server (the province's emblem
or the portal's logo); it is served at ``/logo`` and doubles as the favicon.
Without it, a neutral placeholder emblem from the static files is shown.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse

from motcua.core.downloads import download_response

IMAGE_TYPES = {
    "image/png",
    "image/jpeg",
    "image/svg+xml",
    "image/webp",
    "image/x-icon",
    "image/vnd.microsoft.icon",
}
PLACEHOLDER = "core/emblem.svg"


def _logo_file() -> Path | None:
    if not settings.SITE_LOGO:
        return None
    path = Path(settings.SITE_LOGO)
    return path if path.is_file() and mimetypes.guess_type(path.name)[0] in IMAGE_TYPES else None


def logo_url() -> str:
    return reverse("site-logo") if _logo_file() is not None else static(PLACEHOLDER)


def logo(request):
    """/logo: the configured emblem (404 without one: pages then link the placeholder directly)."""
    path = _logo_file()
    if path is None:
        raise Http404
    # An SVG opened on its own must not run scripts under the site's origin: the sandbox policy.
    return download_response(
        path.open("rb"),
        filename=path.name,
        content_type=mimetypes.guess_type(path.name)[0],
        inline=True,
        public_seconds=86400,
    )


def favicon(request):
    """/favicon.ico, asked for by browsers whatever the page says: the emblem."""
    return HttpResponseRedirect(logo_url())
