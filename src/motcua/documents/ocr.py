"""The OCR pipeline: a scan (PDF or image) → a searchable PDF/A with its text.

Small steps, as paperless-ngx does. First one OCRmyPDF run (Tesseract's Vietnamese model)
over the whole document in a child process with a time limit, its page-by-page progress
reported through a small plugin (``ocr_progress``). If that run fails, the document is
taken page by page instead: split (pikepdf), OCRmyPDF on each page in its own process, a
page that fails kept as it was scanned and reported, never lost, and the pages merged back
keeping the PDF/A output intent and metadata of the first OCR'd page. Then the text is
extracted (pdftotext). PDF/A is produced by OCRmyPDF's internal (pikepdf) backend,
so Ghostscript never sees an uploaded file.

Runs in the worker, on files already checked by ``inspection``. Nothing here touches
the database: ``digitization.run_digitization`` calls it and records the outcome.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
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


def ocr_page(
    source: Path,
    target: Path,
    *,
    image: bool = False,
    timeout: int = PAGE_TIMEOUT_SECONDS,
    progress: Path | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> None:
    """OCRmyPDF on a file (one page or all), in a child process; ``RuntimeError`` with its last words
    when it fails. With ``progress``, ``on_page(done, total)`` follows the OCR while it runs."""
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
        "--plugin",
        "motcua.documents.ocr_progress",
    ]
    if image:
        command += ["--image-dpi", "300"]  # used only when the image does not say its resolution
    command += [str(source), str(target)]
    returncode, stderr = _run(command, timeout + 60, progress, on_page)
    if returncode != 0 and b"PdfaConversionFailed" in stderr:
        # A born-digital page whose fonts are not embedded cannot become PDF/A without
        # Ghostscript: it has its text already, so it is kept as a plain PDF.
        command[command.index("pdfa")] = "pdf"
        returncode, stderr = _run(command, timeout + 60, progress, on_page)
    if returncode != 0 or not target.exists():
        raise RuntimeError(stderr.decode(errors="replace").strip()[-300:] or f"exit {returncode}")


def _run(command, timeout, progress, on_page) -> tuple[int, bytes]:
    env = {**os.environ, "MOTCUA_OCR_PROGRESS": str(progress or "")}
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        deadline, seen = time.monotonic() + timeout, None
        while child.poll() is None:
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                raise RuntimeError(f"quá {timeout} giây")
            if progress is not None and on_page is not None and progress.exists():
                reported = progress.read_text().split()
                if len(reported) == 2 and reported != seen:
                    seen = reported
                    on_page(int(reported[0]), int(reported[1]))
            time.sleep(0.3)
        errors.seek(0)
        return child.returncode, errors.read()


def _count_pages(source: Path, kind: str) -> int:
    if kind != "pdf":
        return 1
    import pikepdf

    with pikepdf.open(source) as pdf:
        return len(pdf.pages)


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
        whole = workdir / "whole.pdf"
        total = _count_pages(source, kind)
        try:
            ocr_page(
                source,
                whole,
                image=kind != "pdf",
                timeout=PAGE_TIMEOUT_SECONDS * total,
                progress=workdir / "progress",
                on_page=on_page,
            )
        except RuntimeError:
            pass  # taken again page by page below, to keep what can be kept and name what cannot
        else:
            if on_page:
                on_page(total, total)
            return OcrOutcome(pdf=whole.read_bytes(), text=extract_text(whole), pages=total)
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
