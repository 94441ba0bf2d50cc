"""Issuing a document: where the number, the date and the signatures go on the rendered draft,
and writing the number and date in when the leader signs.

The draft leaves blanks of no-break spaces after "Số:" and between "ngày", "tháng", "năm" (as a
draft handed to a leader does); the renderer (a worker) finds them, and the signer's name, in
the PDF it made and keeps their coordinates on the document. Signing fills the blanks in an
overlay before the first signature, so the signatures cover the number and the date.
"""

from __future__ import annotations

import ctypes
import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

NBSP = "\u00a0"
NUMBER_GAP = NBSP * 6
DATE_GAP = f"ngày{NBSP * 6}tháng{NBSP * 6}năm{NBSP * 9}"
SIGNATURE_BOX = (200, 62)  # width, height in points: QR code and the signer's name and time
SEAL_SIZE = 62


class LayoutNotFound(ValueError):
    """The rendered draft lacks a part the issuing needs (the template dropped a placeholder)."""


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    x1: float
    bottom: float  # glyph box, PDF points from the bottom of the page
    top: float
    baseline: float
    size: float


def _word(chars: list, page: int) -> Word:
    """A word from its characters: (text, box, baseline, size) each."""
    boxes = [c[1] for c in chars]
    return Word(
        text="".join(c[0] for c in chars),
        page=page,
        x0=min(b[0] for b in boxes),
        x1=max(b[2] for b in boxes),
        bottom=min(b[1] for b in boxes),
        top=max(b[3] for b in boxes),
        baseline=chars[0][2],
        size=chars[0][3],
    )


def _page_words(page, index: int) -> list[Word]:
    text = page.get_textpage()
    words, current = [], []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char:
            pdfium_c.FPDFText_GetCharOrigin(text, i, ctypes.byref(x), ctypes.byref(y))
        if not char or char.isspace() or (current and abs(current[-1][2] - y.value) > 2):
            if current:
                words.append(_word(current, index))
            current = []
        if char and not char.isspace():
            current.append((char, text.get_charbox(i), y.value, pdfium_c.FPDFText_GetFontSize(text, i)))
    if current:
        words.append(_word(current, index))
    return words


def words_of(pdf: bytes) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word of the PDF with its box and baseline (pdfium), and each page's size."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = [document[index] for index in range(len(document))]
        return [w for index, page in enumerate(pages) for w in _page_words(page, index)], [
            page.get_size() for page in pages
        ]
    finally:
        document.close()


def _same_line(a: Word, b: Word) -> bool:
    return a.page == b.page and abs(a.baseline - b.baseline) < 2


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _line_words(words: list[Word], first: Word) -> list[Word]:
    return sorted((w for w in words if _same_line(w, first)), key=lambda w: w.x0)


def _number_slot(words: list[Word]) -> dict | None:
    """After "Số:", before the "/" of the symbol, on the first page."""
    for word in words:
        if word.page == 0 and word.text == "Số:":
            after = [w for w in _line_words(words, word) if w.x0 > word.x1]
            if after and after[0].text.startswith("/"):
                return {"page": 0, "x1": after[0].x0 - 0.3, "baseline": word.baseline, "size": word.size}
    return None


def _date_slots(words: list[Word]) -> dict | None:
    """The blanks after "ngày", "tháng" and "năm" of the place-and-date line, on the first page."""
    for word in words:
        if word.page == 0 and word.text == "ngày":
            line = [w for w in _line_words(words, word) if w.x0 >= word.x0]
            texts = [w.text for w in line]
            if texts[:3] != ["ngày", "tháng", "năm"]:
                continue
            day, month, year = line[:3]
            space = word.size * 0.25
            return {
                "page": 0,
                "baseline": word.baseline,
                "size": word.size,
                "day": [day.x1, month.x0],
                "month": [month.x1, year.x0],
                "year": [year.x1 + space, year.x1 + space + word.size * 2.2],
            }
    return None


def _signature_boxes(words: list[Word], signer_name: str) -> dict:
    """The signer's box in the blank between their position and their name, centred over the
    name; the seal's over the left third of it (Decree 30/2020: the seal covers about a third of
    the signature, on its left)."""
    name = _normal(signer_name).split()
    if not name:
        raise LayoutNotFound("no signer")
    found = None
    for index, word in enumerate(words):
        run = words[index : index + len(name)]
        if [w.text for w in run] == name and all(_same_line(w, word) for w in run):
            found = run  # the last one wins: the signature block ends the document
    if found is None:
        raise LayoutNotFound(f"the signer's name {signer_name!r} is not in the document")
    page, x0, x1 = found[0].page, found[0].x0, found[-1].x1
    name_top = max(w.top for w in found)
    centre = (x0 + x1) / 2
    above = [
        w
        for w in words
        if w.page == page and w.bottom > name_top + 1 and w.x1 > centre - 90 and w.x0 < centre + 90
    ]
    if not above:
        raise LayoutNotFound("nothing above the signer's name")
    nearest = min(w.baseline for w in above)
    ceiling = min(w.bottom for w in above if abs(w.baseline - nearest) < 2)
    gap = ceiling - name_top
    width, height = SIGNATURE_BOX
    height = min(height, gap - 6)
    if height < 36:
        raise LayoutNotFound("no room for the signature between the signer's position and name")
    middle = (ceiling + name_top) / 2
    box = [centre - width / 2, middle - height / 2, centre + width / 2, middle + height / 2]
    # Paper seals cover the left third of the signature; here the seal meets the left edge of the
    # signer's box and overlaps only its frame, so both texts stay legible (the QR code is on the right).
    seal_size = min(SEAL_SIZE, height)
    seal_right = box[0] + 4
    seal = [seal_right - seal_size, middle - seal_size / 2, seal_right, middle + seal_size / 2]
    return {"page": page, "box": [round(v, 2) for v in box], "seal": [round(v, 2) for v in seal]}


def locate(pdf: bytes, *, signer_name: str) -> dict:
    """Where the number, the date and the signatures go on this draft (kept as the document's layout)."""
    words, sizes = words_of(pdf)
    return {
        "pages": len(sizes),
        "page_size": list(sizes[0]) if sizes else [595.3, 841.9],
        "number": _number_slot(words),
        "date": _date_slots(words),
        "signature": _signature_boxes(words, signer_name),
    }


def date_parts(at: datetime) -> dict:
    """Day and month as Decree 30/2020 writes them: a leading zero for days under 10 and for
    January and February (“ngày 05 tháng 02”, “ngày 15 tháng 3”)."""
    return {
        "day": f"{at.day:02d}",
        "month": f"{at.month:02d}" if at.month < 3 else str(at.month),
        "year": str(at.year),
    }


def _overlay_html(layout: dict, number: str, at: datetime) -> tuple[str, list[tuple[str, float]]]:
    """A page of the draft's size with only the number and the date, where the blanks are."""
    width, height = layout["page_size"]
    spans, expected = [], []

    def span(text: str, *, left: float, right: float, baseline: float, size: float, align: str, italic: bool):
        top = height - baseline - size  # corrected after measuring (see stamp_issue)
        style = "italic" if italic else "normal"
        spans.append(
            f'<div style="position:absolute;left:{left:.2f}pt;width:{right - left:.2f}pt;top:{top:.2f}pt;'
            f"font:{style} {size}pt/{size}pt 'Times New Roman';text-align:{align};white-space:nowrap\">{text}</div>"
        )
        expected.append((text, baseline))

    if layout.get("number") and number:
        slot = layout["number"]
        span(
            number,
            left=slot["x1"] - 60,
            right=slot["x1"],
            baseline=slot["baseline"],
            size=slot["size"],
            align="right",
            italic=False,
        )
    if layout.get("date"):
        slot, parts = layout["date"], date_parts(at)
        for key in ("day", "month", "year"):
            left, right = slot[key]
            align = "left" if key == "year" else "center"
            span(
                parts[key],
                left=left,
                right=right,
                baseline=slot["baseline"],
                size=slot["size"],
                align=align,
                italic=True,
            )
    page = f"@page {{ size: {width}pt {height}pt; margin: 0 }} body {{ margin: 0 }}"
    return f"<html><head><style>{page}</style></head><body>{''.join(spans)}</body></html>", expected


def _render_overlay(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def stamp_issue(pdf: bytes, *, layout: dict, number: str, at: datetime) -> bytes:
    """The draft with its number and date of issue written in the blanks (before any signature)."""
    if not (layout.get("number") and number) and not layout.get("date"):
        return pdf
    html, expected = _overlay_html(layout, number, at)
    overlay = _render_overlay(html)
    # Fonts put the baseline a font-dependent distance below the top of the line: measure where
    # it landed and move the overlay by the difference, so the digits sit on the line's baseline.
    drawn, _sizes = words_of(overlay)
    shifts = [baseline - w.baseline for text, baseline in expected for w in drawn if w.text == text][:1]
    shift = shifts[0] if shifts else 0.0
    with pikepdf.open(io.BytesIO(pdf)) as target, pikepdf.open(io.BytesIO(overlay)) as source:
        page = target.pages[layout.get("date", {}).get("page", 0) if layout.get("date") else 0]
        box = page.mediabox
        x0, y0, x1, y1 = (float(v) for v in box)
        page.add_overlay(source.pages[0], pikepdf.Rectangle(x0, y0 + shift, x1, y1 + shift))
        output = io.BytesIO()
        target.save(output)
    return output.getvalue()
