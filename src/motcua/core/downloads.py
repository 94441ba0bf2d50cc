"""One safe response for every file the site hands out (attachments, results, papers, exports).

Every download gets the same headers, built here and nowhere else:

- ``Content-Disposition`` with an RFC 5987 ``filename*`` when the name is not ASCII
  (Vietnamese names reach the user as typed, not as ``?``), ``attachment`` unless ``inline``;
- ``X-Content-Type-Options: nosniff``: the browser never guesses a type from the bytes;
- ``Content-Security-Policy: default-src 'none'; sandbox``: a file opened on its own (an SVG,
  an HTML file someone attached) runs nothing under the site's origin. Inline PDFs are the one
  exception: browsers' PDF viewers refuse to show a sandboxed document, so an inline PDF keeps
  the site's own policy (set by the CSP middleware: no inline code, nothing from elsewhere);
- ``Cache-Control: private, no-store`` unless the caller says the file is the same for everyone
  (``public_seconds``): personal files stay out of shared and browser caches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

SANDBOX_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
PRIVATE = "private, no-store"
PDF = "application/pdf"


def download_response(
    content: bytes | str | IO[bytes] | Iterator[bytes],
    *,
    filename: str,
    content_type: str | None,
    inline: bool = False,
    public_seconds: int | None = None,
) -> HttpResponse:
    """A response carrying ``content``: bytes, text, an open binary file (streamed and closed), or
    an iterator of byte chunks (streamed as they come: a large export never sits in memory)."""
    content_type = content_type or "application/octet-stream"
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    elif hasattr(content, "read"):
        response = FileResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    if not (inline and content_type.split(";")[0].strip() == PDF):
        response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = PRIVATE if public_seconds is None else f"public, max-age={public_seconds}"
    return response
