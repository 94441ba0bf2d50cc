"""OCR throughput: pages per minute through the whole pipeline (split, OCRmyPDF with Tesseract's
Vietnamese model to PDF/A, merge, text extraction) beside ``tesseract`` run directly on the same
pages as 300 dpi images, one page at a time, in the same run (the cost of the pipeline around OCR)."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from motcua.benchmarks.harness import Figure, Report

PAGES = 4


def _pages():
    from motcua.testing.scans import SAMPLE_PAGE, text_page

    return [text_page(SAMPLE_PAGE, rotate=0.5 * i, noise=0.001, seed=i) for i in range(PAGES)]


def run(report: Report) -> None:
    from motcua.documents import ocr
    from motcua.testing.scans import SAMPLE_PAGE, character_accuracy, image_bytes, pdf_of

    report.section(f"OCR ({PAGES} Vietnamese A4 pages at 300 dpi, one core)")
    pages = _pages()
    scan = pdf_of(pages)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-ocr-") as tmp:
        started = time.perf_counter()
        texts = []
        for number, page in enumerate(pages):
            png = Path(tmp) / f"p{number}.png"
            png.write_bytes(image_bytes(page, "PNG"))
            subprocess.run(
                ["tesseract", str(png), str(Path(tmp) / f"p{number}"), "-l", "vie"],
                check=True,
                capture_output=True,
                env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            )
            texts.append((Path(tmp) / f"p{number}.txt").read_text())
        direct = time.perf_counter() - started
    started = time.perf_counter()
    outcome = ocr.digitize(scan, kind="pdf")
    pipeline = time.perf_counter() - started
    report.add(
        Figure(
            "OCR pipeline → searchable PDF/A",
            PAGES * 60 / pipeline,
            "pages/min",
            PAGES * 60 / direct,
            "tesseract alone",
        )
    )
    expected = "\n".join(SAMPLE_PAGE)
    accuracy = min(character_accuracy(expected, t) for t in outcome.text.split("\f") if t.strip())
    report.note(
        f"character accuracy (worst page): pipeline {accuracy:.4f}, tesseract alone "
        f"{min(character_accuracy(expected, t) for t in texts):.4f}; failed pages: {outcome.failed_pages}"
    )
