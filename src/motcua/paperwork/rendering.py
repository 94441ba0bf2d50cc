"""Paper as PDF: a Django HTML template rendered by WeasyPrint, Vietnamese fonts embedded.

The templates and the data in them are ours (user text is escaped by the
template engine), and the renderer may load nothing but ``data:`` URIs: a name
typed into a form cannot make it fetch a file or a URL.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PDF_MEDIA_TYPE = "application/pdf"


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=2)
    return HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf()


def pdf_response(content: bytes, filename: str, *, download: bool = False):
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=PDF_MEDIA_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
