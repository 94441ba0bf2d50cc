"""Serving attached files: only to those who may see the dossier, always as a download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404

from motcua.core.downloads import download_response
from motcua.core.errors import NotFound
from motcua.documents.selectors import attachment_for
from motcua.documents.storage import open_stored


@login_required
def download(request, reference):
    try:
        attachment = attachment_for(request.user, reference)
    except NotFound:
        raise Http404 from None
    # The bytes came from outside: never let a browser guess a type or run anything in them.
    return download_response(
        open_stored(attachment.file), filename=attachment.filename, content_type=attachment.file.media_type
    )
