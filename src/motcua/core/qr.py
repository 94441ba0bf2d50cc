"""QR codes (segno): inline SVG for pages, data URIs for PDFs."""

from __future__ import annotations

import segno


def qr_svg(url: str, *, scale: int = 4, title: str = "") -> str:
    """An ``<svg>`` element to inline in a page (``title`` is read by screen readers)."""
    code = segno.make(url, error="m")
    return code.svg_inline(
        scale=scale, border=2, title=title or None, dark="#000", light="#fff", omitsize=True
    )


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)


def qr_svg_bytes(url: str, *, scale: int = 8) -> bytes:
    import io

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=True)
    return buffer.getvalue()
