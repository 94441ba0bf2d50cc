"""Paper as PDF: a Django HTML template rendered by WeasyPrint, Vietnamese fonts embedded.

The templates and the data in them are ours (user text is escaped by the
template engine), and the renderer may load nothing but ``data:`` URIs: a name
typed into a form cannot make it fetch a file or a URL.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from motcua.core.downloads import download_response

PDF_MEDIA_TYPE = "application/pdf"


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=2)
    return HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf()


def pdf_response(content: bytes, filename: str, *, download: bool = False, public_seconds: int | None = None):
    return download_response(
        content,
        filename=filename,
        content_type=PDF_MEDIA_TYPE,
        inline=not download,
        public_seconds=public_seconds,
    )
