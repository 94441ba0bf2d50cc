"""The OCR pipeline: a scan (PDF or image) → a searchable PDF/A with its text.

A phone's photo of a paper is first flattened (``photos``). A scan (an image, or a PDF whose
pages are images, as every scanner makes) is then read page by page by ``ocr_pages``: one
single-threaded Tesseract run a page, as many pages at once as there are cores, each page
straightened, turned upright only when its first reading says it is the wrong way up, its
coloured ink (seals, signatures) hidden from OCR, and the pages saved together as PDF/A-2b by
pikepdf, which validates it. The text is Tesseract's own, in its reading order, never re-extracted
from the PDF's text layer, where a turned page's lines come back in pieces. A page whose reading
fails is kept as it was scanned and named, never lost.

A PDF with text already (born digital, or partly) goes to OCRmyPDF instead (``--skip-text``: the
pages with text converted, the others OCR'd, ``ocr_tesseract`` as its plugin, its progress through
``ocr_progress``), and so does any PDF the page reader cannot take apart. If that run fails, the
document is taken page by page: split (pikepdf), OCRmyPDF on each page in its own process, a page
that fails kept as it was scanned and reported, and the pages merged back keeping the PDF/A output
intent and metadata of the first OCR'd page. Ghostscript never sees an uploaded file on either
path: OCRmyPDF rasterizes with pdfium (``--rasterizer pypdfium``) and writes PDF/A with its
internal (pikepdf) backend.

Runs in the worker, on files already checked by ``inspection``. Nothing here touches
the database: ``digitization.run_digitization`` calls it and records the outcome.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from motcua.documents import ocr_pages

logger = logging.getLogger(__name__)

PAGE_TIMEOUT_SECONDS = 300
ROTATE_THRESHOLD = 6
LANGUAGES = "vie"
SKIPPED = re.compile(r"^\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]$")


def deskew() -> bool:
    """``MOTCUA_OCR_DESKEW=0`` keeps pages as scanned (Tesseract reads ≤ 3° turned lines about as
    well); straightening costs about 0.1 s of CPU a page."""
    return os.environ.get("MOTCUA_OCR_DESKEW", "1") != "0"


def cores() -> int:
    """Pages OCR'd at once: ``MOTCUA_OCR_JOBS``, or every core of the machine."""
    configured = os.environ.get("MOTCUA_OCR_JOBS", "")
    return int(configured) if configured.isdigit() and int(configured) > 0 else (os.cpu_count() or 1)


@dataclass
class OcrOutcome:
    pdf: bytes
    text: str  # pages separated by form feeds, as Tesseract read them
    pages: int
    failed_pages: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    hocr: list[str] = field(default_factory=list)  # each OCR'd page's hOCR (words, boxes, confidences)


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
    jobs: int | None = None,
) -> None:
    """OCRmyPDF on a file (one page or all), in a child process; ``RuntimeError`` with its last words
    when it fails. The text goes to ``target`` + ``.txt`` and each page's hOCR to ``target`` + ``.hocr/``.
    With ``progress``, ``on_page(done, total)`` follows the OCR while it runs."""
    sidecar, hocr = _sidecar(target), _hocr_dir(target)
    hocr.mkdir(exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "ocrmypdf",
        "--language",
        LANGUAGES,
        "--output-type",
        "pdfa",
        # PDF/A declarations written with pikepdf and pages rasterized with pdfium: no Ghostscript
        # at all (Debian's Ghostscript 10.0 corrupts pages with existing text, and it is one parser
        # fewer for untrusted files).
        "--pdfa-backend",
        "internal",
        "--rasterizer",
        "pypdfium",
        "--jobs",
        str(jobs or cores()),
        "--skip-text",  # a page that has text already (a born-digital PDF) is converted, not OCR'd
        "--rotate-pages",  # a page fed in sideways or upside down is turned upright
        # Tesseract's orientation confidence on a full A4 page turned upside down with a seal on it
        # is 14–15, at OCRmyPDF's default threshold (14): such pages went unturned. No upright
        # page of the test corpus is reported turned with a confidence of 6 or more.
        "--rotate-pages-threshold",
        str(ROTATE_THRESHOLD),
        "--optimize",
        "0",
        "--tesseract-timeout",
        str(timeout),
        "--sidecar",
        str(sidecar),
        "--quiet",
        "--plugin",
        "motcua.documents.ocr_progress",
        "--plugin",
        "motcua.documents.ocr_tesseract",
    ]
    if deskew():
        command.append("--deskew")  # the page straightened in the PDF (the angle from page_geometry)
    if image:
        command += ["--image-dpi", "300"]  # used only when the image does not say its resolution
    command += [str(source), str(target)]
    env = {"MOTCUA_OCR_HOCR_DIR": str(hocr)}
    returncode, stderr = _run(command, timeout + 60, progress, on_page, env)
    if returncode != 0 and b"PdfaConversionFailed" in stderr:
        # A born-digital page whose fonts are not embedded cannot become PDF/A without
        # Ghostscript: it has its text already, so it is kept as a plain PDF.
        command[command.index("pdfa")] = "pdf"
        returncode, stderr = _run(command, timeout + 60, progress, on_page, env)
    if returncode != 0 or not target.exists():
        raise RuntimeError(stderr.decode(errors="replace").strip()[-300:] or f"exit {returncode}")


def _sidecar(target: Path) -> Path:
    return target.with_name(target.name + ".txt")


def _hocr_dir(target: Path) -> Path:
    return target.with_name(target.name + ".hocr")


def page_texts(target: Path, pages: int) -> list[str]:
    """Each page's text: Tesseract's, from the sidecar; a page that was not OCR'd (it had text
    already) read from the PDF with pdftotext."""
    chunks = _sidecar(target).read_text(encoding="utf-8").split("\f") if _sidecar(target).exists() else []
    texts: list[str] = []
    for chunk in chunks:
        skipped = SKIPPED.match(chunk.strip())
        if skipped:
            first = int(skipped.group(1))
            last = int(skipped.group(2) or first)
            born_digital = extract_text(target, first=first, last=last).split("\f")
            texts += [(born_digital[i] if i < len(born_digital) else "") for i in range(last - first + 1)]
        else:
            texts.append(chunk)
    return (texts + [""] * pages)[:pages]


def page_hocr(target: Path) -> list[str]:
    folder = _hocr_dir(target)
    return (
        [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.hocr"))]
        if folder.exists()
        else []
    )


def _run(command, timeout, progress, on_page, extra_env=None) -> tuple[int, bytes]:
    # One thread per Tesseract: OCRmyPDF runs a Tesseract per core already.
    env = {
        **os.environ,
        "OMP_THREAD_LIMIT": "1",
        "MOTCUA_OCR_PROGRESS": str(progress or ""),
        **(extra_env or {}),
    }
    with tempfile.TemporaryFile() as errors:
        # A session of its own: past the deadline OCRmyPDF goes with its Tesseracts, none left running.
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=env, start_new_session=True
        )
        deadline, seen = time.monotonic() + timeout, None
        while child.poll() is None:
            if time.monotonic() > deadline:
                os.killpg(child.pid, signal.SIGKILL)
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


def extract_text(pdf: Path, *, first: int | None = None, last: int | None = None) -> str:
    """The text layer of a born-digital PDF (a signed result); never used for what OCR read."""
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    completed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True, timeout=120
    )
    return completed.stdout.decode("utf-8", errors="replace")


def _photo_flattened(data: bytes, kind: str) -> tuple[bytes, str]:
    """A phone's photo of a paper becomes the flat sheet alone; any other file is kept as it is."""
    if kind == "pdf":
        return data, kind
    from motcua.documents import photos

    try:
        flat = photos.flatten(data)
    except Exception:  # a photo that cannot be flattened is OCR'd as it is
        return data, kind
    return (flat, "jpeg") if flat is not None else (data, kind)


def digitize(
    data: bytes,
    *,
    kind: str,
    on_page: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
) -> OcrOutcome:
    """OCR every page of ``data``; ``on_page(done, total)`` is called as pages are done."""
    data, kind = _photo_flattened(data, kind)
    try:
        return _page_at_a_time(data, kind, on_page, jobs)
    except ocr_pages.NotAScan:
        pass  # a born-digital PDF: OCRmyPDF converts what has text and OCRs the rest
    except Exception:  # noqa: BLE001 - a PDF this path cannot take apart: OCRmyPDF's repairs may
        logger.warning("page-at-a-time OCR failed, OCRmyPDF takes the document", exc_info=True)
    return _with_ocrmypdf(data, kind, on_page, jobs)


def _page_at_a_time(data: bytes, kind: str, on_page, jobs) -> OcrOutcome:
    reading = ocr_pages.read_document(data, kind, jobs=jobs or cores(), on_page=on_page)
    return OcrOutcome(
        pdf=reading.pdf,
        text="\f".join(page.text for page in reading.pages),
        pages=len(reading.pages),
        failed_pages=[page.number for page in reading.pages if page.pdf is None],
        problems=[f"{page.number}: {page.problem}" for page in reading.pages if page.pdf is None],
        hocr=[page.hocr for page in reading.pages if page.hocr],
    )


def _with_ocrmypdf(data: bytes, kind: str, on_page, jobs) -> OcrOutcome:
    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as tmp:
        workdir = Path(tmp)
        source = workdir / ("source.pdf" if kind == "pdf" else f"source.{kind}")
        source.write_bytes(data)
        whole = workdir / "whole.pdf"
        total = _count_pages(source, kind)
        if on_page:
            on_page(0, total)  # the officials see how many pages are coming at once
        try:
            ocr_page(
                source,
                whole,
                image=kind != "pdf",
                timeout=PAGE_TIMEOUT_SECONDS * total,
                progress=workdir / "progress",
                on_page=on_page,
                jobs=jobs,
            )
        except RuntimeError:
            pass  # taken again page by page below, to keep what can be kept and name what cannot
        else:
            if on_page:
                on_page(total, total)
            return OcrOutcome(
                pdf=whole.read_bytes(),
                text="\f".join(page_texts(whole, total)),
                pages=total,
                hocr=page_hocr(whole),
            )
        return _page_by_page(source, kind, workdir, on_page)


def _page_by_page(source: Path, kind: str, workdir: Path, on_page) -> OcrOutcome:
    pages = _split(source, kind, workdir)
    total = len(pages)
    if on_page:
        on_page(0, total)
    outputs, failed, problems, template, texts, hocr = [], [], [], None, [], []
    for number, page in enumerate(pages, start=1):
        target = workdir / f"ocr-{number:04d}.pdf"
        try:
            ocr_page(page, target, image=kind != "pdf", jobs=1)
            outputs.append(target)
            template = template or target
            texts += page_texts(target, 1)
            hocr += page_hocr(target)
        except RuntimeError as exc:
            failed.append(number)
            problems.append(f"{number}: {exc}")
            texts.append("")
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
        text="\f".join(texts),
        pages=total,
        failed_pages=failed,
        problems=problems,
        hocr=hocr,
    )


def _image_to_pdf(image: Path, target: Path) -> None:
    import img2pdf

    target.write_bytes(img2pdf.convert(str(image)))
