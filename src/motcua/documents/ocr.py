"""The OCR pipeline: a scan (PDF or image) → a searchable PDF/A with its text, page by page.

Small steps, as paperless-ngx does: split the scan into pages (pikepdf), run OCRmyPDF
with Tesseract's Vietnamese model on each page in its own process (a time limit per
page, and a page that fails is kept as it was scanned and reported, never lost), merge
the pages back keeping the PDF/A output intent and metadata of the first OCR'd page,
and extract the text (pdftotext). PDF/A is produced by OCRmyPDF's internal (pikepdf) backend,
so Ghostscript never sees an uploaded file.

Runs in the worker, on files already checked by ``inspection``. Nothing here touches
the database: ``digitization.run_digitization`` calls it and records the outcome.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PAGE_TIMEOUT_SECONDS = 300
LANGUAGES = "vie"


@dataclass
class OcrOutcome:
    pdf: bytes
    text: str
    pages: int
    failed_pages: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _split(source: Path, kind: str, workdir: Path) -> list[Path]:
    """One file per page (an image is one page already)."""
    if kind != "pdf":
        return [source]
    import pikepdf

    pages = []
    with pikepdf.open(source) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            single = pikepdf.new()
            single.pages.append(page)
            path = workdir / f"page-{number:04d}.pdf"
            single.save(path)
            pages.append(path)
    return pages


def ocr_page(source: Path, target: Path, *, image: bool = False, timeout: int = PAGE_TIMEOUT_SECONDS) -> None:
    """OCRmyPDF on one page, in a child process; ``RuntimeError`` with its last words when it fails."""
    command = [
        sys.executable,
        "-m",
        "ocrmypdf",
        "--language",
        LANGUAGES,
        "--output-type",
        "pdfa",
        # PDF/A declarations written with pikepdf: no Ghostscript at all (Debian's Ghostscript 10.0
        # corrupts pages with existing text, and it is one parser fewer for untrusted files).
        "--pdfa-backend",
        "internal",
        "--jobs",
        "1",
        "--skip-text",  # a page that has text already (a born-digital PDF) is converted, not OCR'd
        "--optimize",
        "0",
        "--tesseract-timeout",
        str(timeout),
        "--quiet",
    ]
    if image:
        command += ["--image-dpi", "300"]  # used only when the image does not say its resolution
    command += [str(source), str(target)]
    try:
        completed = subprocess.run(command, capture_output=True, timeout=timeout + 60)
        if completed.returncode != 0 and b"PdfaConversionFailed" in completed.stderr:
            # A born-digital page whose fonts are not embedded cannot become PDF/A without
            # Ghostscript: it has its text already, so it is kept as a plain PDF.
            command[command.index("pdfa")] = "pdf"
            completed = subprocess.run(command, capture_output=True, timeout=timeout + 60)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"quá {timeout + 60} giây") from None
    if completed.returncode != 0 or not target.exists():
        raise RuntimeError(
            completed.stderr.decode(errors="replace").strip()[-300:] or f"exit {completed.returncode}"
        )


def _merge(pages: list[Path], pdfa_template: Path | None, target: Path) -> None:
    import pikepdf

    opened = [pikepdf.open(path) for path in pages]
    try:
        merged = pikepdf.open(pdfa_template) if pdfa_template is not None else pikepdf.new()
        with merged:
            if pdfa_template is not None:
                del merged.pages[:]
            for pdf in opened:
                merged.pages.extend(pdf.pages)
            merged.save(target)
    finally:
        for pdf in opened:
            pdf.close()


def extract_text(pdf: Path) -> str:
    completed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120
    )
    return completed.stdout.decode("utf-8", errors="replace")


def digitize(data: bytes, *, kind: str, on_page: Callable[[int, int], None] | None = None) -> OcrOutcome:
    """OCR every page of ``data``; ``on_page(done, total)`` is called after each page."""
    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as tmp:
        workdir = Path(tmp)
        source = workdir / ("source.pdf" if kind == "pdf" else f"source.{kind}")
        source.write_bytes(data)
        pages = _split(source, kind, workdir)
        total = len(pages)
        if on_page:
            on_page(0, total)
        outputs, failed, problems, template = [], [], [], None
        for number, page in enumerate(pages, start=1):
            target = workdir / f"ocr-{number:04d}.pdf"
            try:
                ocr_page(page, target, image=kind != "pdf")
                outputs.append(target)
                template = template or target
            except RuntimeError as exc:
                failed.append(number)
                problems.append(f"{number}: {exc}")
                if kind == "pdf":
                    outputs.append(page)  # kept as scanned
                else:
                    fallback = workdir / "image.pdf"
                    _image_to_pdf(page, fallback)
                    outputs.append(fallback)
            if on_page:
                on_page(number, total)
        final = workdir / "final.pdf"
        _merge(outputs, template, final)
        return OcrOutcome(
            pdf=final.read_bytes(),
            text=extract_text(final),
            pages=total,
            failed_pages=failed,
            problems=problems,
        )


def _image_to_pdf(image: Path, target: Path) -> None:
    import img2pdf

    target.write_bytes(img2pdf.convert(str(image)))
