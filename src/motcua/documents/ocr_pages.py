"""Scanned pages → a searchable PDF/A, one Tesseract run a page, at scanner speed.

A scanner's PDF (or one image) is read page by page, two or more pages at once (``jobs``, one
thread each, each running one single-threaded Tesseract): no OCRmyPDF, no Ghostscript. Per page:

1. the page's image as the scanner made it (its JPEG taken out of the PDF with pikepdf; any other
   page rendered by pdfium at 300 dpi);
2. straightened: the skew measured on a 75-dpi copy (``page_geometry``), the page turned with
   OpenCV (a page already level is kept byte for byte);
3. what Tesseract sees cleaned as ``ocr_tesseract`` does (red seals and blue signatures, a table's
   column borders taken out), written uncompressed (PGM);
4. **one** Tesseract run producing at once the text in its reading order (``txt``), the words with
   their boxes and confidences (``hocr``) and the invisible text layer (``pdf`` with
   ``textonly_pdf``); a numbered form read as a column of vertical text is read again as one column;
5. which way up: only when that reading is poor (few sure words: a page fed in upside down or
   sideways reads as garbage) does Tesseract's orientation detection run, and the page turned by
   its answer is read again; the better reading is kept. Orientation detection costs as much as a
   reading, so it is not run on the upright pages that are nearly all of them;
6. the page as it is shown (the straightened scan, JPEG) with the text layer laid over it.

The pages are put together with pikepdf and saved as PDF/A-2b by ``pikepdf.pdfa.save`` (sRGB
output intent, XMP declaration), which validates what it wrote. A page whose reading fails is
kept as scanned and named; the caller (``ocr.digitize``) takes born-digital PDFs and any document
this path cannot open to OCRmyPDF instead.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = "vie"
# A page whose lines were read across the gutter between two columns (a straightened notice whose
# lines share their baselines across it: 0.34) is read again binarized by Sauvola's method, which
# keeps the columns apart; not every page, it reads plain scans worse (a table 0.9856 against 1.0).
SAUVOLA = ["-c", "thresholding_method=2"]
DPI = 300
PAGE_TIMEOUT_SECONDS = 300
# A page read the wrong way up gives words Tesseract is unsure of: on upright pages of the corpus
# at least 85 % of the words are read with a confidence over 80, on pages upside down or sideways
# about 15 %. Below this share the orientation is checked.
SURE_WORDS_FLOOR = 0.5
SURE_WORD = 80
# Rows' unevenness over columns' (``page_geometry.line_direction``) beyond which a page's lines
# clearly run across it (its inverse: down it); pages of text measure 1.5–2.1, ruled tables ~1.0–1.2.
LINES_CLEARLY = 1.3
LEVEL = 0.05  # degrees: a page turned less than this is kept as scanned
_CONFIDENCES = re.compile(r"x_wconf (\d+)")
_LINES = re.compile(r"class='ocr_(?:line|caption|textfloat|header)'[^>]*title=\"bbox (\d+) (\d+) (\d+) (\d+)")
_ROTATE = re.compile(r"Rotate: (\d+)")
_ORIENTATION_CONFIDENCE = re.compile(r"Orientation confidence: ([\d.]+)")


class PageFailed(RuntimeError):
    pass


class NotAScan(Exception):
    """A document this path does not take (a page with text already): OCRmyPDF takes it."""


@dataclass
class PageReading:
    number: int
    pdf: bytes | None  # the page shown with its text layer; None when it failed
    text: str = ""
    hocr: str = ""
    problem: str = ""
    turned: int = 0  # degrees the page was turned to be upright
    skew: float = 0.0


@dataclass
class Source:
    """One page as it came: the encoded image (JPEG/PNG…) or decoded pixels, and its resolution."""

    data: bytes | None
    pixels: object | None  # numpy array (gray or RGB) when there is no encoded image to keep
    dpi: float


def sources(data: bytes, kind: str) -> list[Source]:
    """The pages' images: a scanner's PDF gives its images back as they are."""
    if kind != "pdf":
        import numpy as np
        from PIL import Image, ImageOps

        with Image.open(io.BytesIO(data)) as image:
            dpi = (image.info.get("dpi") or (DPI, DPI))[0] or DPI
            dpi = float(dpi) if dpi >= 100 else DPI  # a phone's "72 dpi" says nothing
            if image.mode in ("L", "RGB") and image.getexif().get(0x0112, 1) == 1:
                return [Source(data, None, dpi)]
            # turned by its EXIF tag, in CMYK, with transparency, 16 bits…: its pixels, upright
            upright = ImageOps.exif_transpose(image)
            pixels = np.asarray(upright.convert("L" if upright.mode in ("1", "L", "LA", "I;16") else "RGB"))
        return [Source(None, pixels, dpi)]
    import pikepdf
    import pypdfium2

    pages: list[Source] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        document = None
        for number, page in enumerate(pdf.pages):
            if _has_text(page):
                raise NotAScan(f"page {number + 1} has text")
            image = _single_jpeg(page)
            if image is not None:
                pages.append(image)
                continue
            if document is None:
                document = pypdfium2.PdfDocument(data)
            rendered = document[number].render(scale=DPI / 72).to_numpy()
            pages.append(Source(None, rendered[..., ::-1].copy() if rendered.ndim == 3 else rendered, DPI))
        if document is not None:
            document.close()
    return pages


def _has_text(page) -> bool:
    import pikepdf

    fonts = page.resources.get("/Font") if "/Resources" in page else None
    return isinstance(fonts, pikepdf.Dictionary) and len(fonts.keys()) > 0


def _single_jpeg(page) -> Source | None:
    """The page's one JPEG (a scanner's page) with its resolution, or ``None``."""
    import pikepdf

    images = list(page.get_images(recursive=False).values())
    if len(images) != 1:
        return None
    image = pikepdf.PdfImage(images[0])
    if image.filters != ["/DCTDecode"] or image.colorspace not in ("/DeviceGray", "/DeviceRGB"):
        return None
    box = page.mediabox
    width_pt = float(box[2]) - float(box[0])
    dpi = image.width / (width_pt / 72)
    return Source(bytes(images[0].read_raw_bytes()), None, round(dpi))


def _decode(source: Source):
    import cv2
    import numpy as np

    if source.pixels is not None:
        return source.pixels
    pixels = cv2.imdecode(np.frombuffer(source.data, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels is None:  # a format OpenCV does not read (GIF, BMP variants): Pillow does
        from PIL import Image

        with Image.open(io.BytesIO(source.data)) as image:
            return np.asarray(image.convert("L" if image.mode in ("1", "L", "LA") else "RGB"))
    if pixels.ndim == 3 and pixels.shape[2] == 4:
        return cv2.cvtColor(pixels, cv2.COLOR_BGRA2RGB)
    if pixels.ndim == 3:
        return cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    if pixels.dtype != np.uint8:
        return (pixels >> 8).astype(np.uint8)
    return pixels


def _gray(pixels):
    import cv2

    return pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)


def ocr_image(pixels):
    """What Tesseract sees (``ocr_cleaning.for_ocr``)."""
    from motcua.documents.ocr_cleaning import for_ocr

    return for_ocr(pixels)


def _turn(pixels, degrees: float):
    """Turned counter-clockwise by ``degrees`` about its centre, white showing at the corners."""
    import cv2

    h, w = pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    white = 255 if pixels.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(pixels, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=white)


def _quarter(pixels, degrees: int):
    import cv2

    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(pixels, codes[degrees]) if degrees in codes else pixels


def tesseract(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    """One single-threaded Tesseract (OpenMP threads fight each other on a busy machine)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        completed = subprocess.run(["tesseract", *args], capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        raise PageFailed(f"quá {timeout} giây") from exc
    if completed.returncode != 0:
        raise PageFailed(completed.stderr.decode(errors="replace").strip()[-300:] or "tesseract")
    return completed


@dataclass
class _Read:
    text: str
    hocr: str
    layer: bytes
    sure: float  # share of words read with a confidence over SURE_WORD
    sideways: bool  # most lines read as vertical text: the page lies on its side

    @property
    def poor(self) -> bool:
        return self.sure < SURE_WORDS_FLOOR or self.sideways


def _read(clean, dpi: float, workdir: Path, name: str, timeout: int, extra: tuple[str, ...] = ()) -> _Read:
    import cv2

    from motcua.documents.ocr_cleaning import has_stray_strip

    png = workdir / f"{name}.pgm"  # uncompressed: nothing spent writing or reading it
    cv2.imwrite(str(png), clean)
    base = workdir / name
    common = [
        str(png),
        str(base),
        "-l",
        LANGUAGES,
        "--dpi",
        str(round(dpi)),
        "-c",
        "textonly_pdf=1",
        *extra,
    ]
    tesseract([*common, "pdf", "hocr", "txt"], timeout)
    hocr = base.with_suffix(".hocr").read_text(encoding="utf-8")
    if has_stray_strip(hocr):  # a numbered form's numbers taken for vertical text: one column
        tesseract([*common, "--psm", "4", "pdf", "hocr", "txt"], timeout)
        hocr = base.with_suffix(".hocr").read_text(encoding="utf-8")
    png.unlink()
    confidences = [int(value) for value in _CONFIDENCES.findall(hocr)]
    sure = sum(value > SURE_WORD for value in confidences) / len(confidences) if confidences else 0.0
    lines = [tuple(int(v) for v in box) for box in _LINES.findall(hocr)]
    vertical = sum(1 for x0, y0, x1, y1 in lines if y1 - y0 > x1 - x0)  # read down the page
    return _Read(
        base.with_suffix(".txt").read_text(encoding="utf-8").replace("\f", ""),  # pages joined by the caller
        hocr,
        base.with_suffix(".pdf").read_bytes(),
        sure,
        bool(lines) and vertical > len(lines) / 2,
    )


def _orientation(clean, workdir: Path, name: str, timeout: int) -> int:
    """Degrees clockwise Tesseract's orientation detection says the page must be turned (0 if unsure)."""
    import cv2

    png = workdir / f"{name}-osd.pgm"
    cv2.imwrite(str(png), clean)
    try:
        said = tesseract([str(png), "-", "--psm", "0", "-l", "osd"], timeout).stdout.decode()
    except PageFailed:
        return 0
    finally:
        png.unlink(missing_ok=True)
    rotate, confidence = _ROTATE.search(said), _ORIENTATION_CONFIDENCE.search(said)
    if rotate is None or confidence is None or float(confidence.group(1)) < 1.0:
        return 0
    return int(rotate.group(1)) % 360


def _shown(pixels, source: Source, changed: bool, dpi: float) -> bytes:
    """The page as shown in the PDF: the scanner's own JPEG if nothing was turned, else a new JPEG."""
    import cv2
    import img2pdf

    if not changed and source.data is not None and source.data[:2] == b"\xff\xd8":
        jpeg = source.data
    else:
        bgr = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
        jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    return img2pdf.convert(jpeg, layout_fun=layout)


def read_page(number: int, source: Source, workdir: Path, timeout: int = PAGE_TIMEOUT_SECONDS) -> PageReading:
    """One page: straightened, read once (twice if it was the wrong way up), laid over its image.

    Which way up, at the least cost: a page whose lines run down it (sideways, told from its ink in
    a few milliseconds) asks Tesseract's orientation detection before any reading; a page whose lines
    run across and reads poorly is read upside down once more; a page too close to tell (a ruled
    table) that reads poorly asks the orientation detection. The surer reading is kept."""
    from motcua.documents.page_geometry import line_direction

    pixels, turned = _decode(source), 0
    name = f"page-{number:04d}"
    direction = line_direction(_gray(pixels), source.dpi)
    if direction < 1 / LINES_CLEARLY:
        turned = _orientation(ocr_image(pixels), workdir, name, timeout)
        pixels = _quarter(pixels, turned)
    reading, pixels, angle = _straightened_reading(pixels, source.dpi, workdir, name, timeout)
    if reading.poor and not turned:
        if direction > LINES_CLEARLY and not reading.sideways:
            degrees = 180
        else:
            degrees = _orientation(ocr_image(pixels), workdir, name, timeout)
        if degrees:
            again, upright, angle_again = _straightened_reading(
                _quarter(pixels, degrees), source.dpi, workdir, f"{name}-{degrees}", timeout
            )
            if (again.sideways, -again.sure) < (reading.sideways, -reading.sure):
                reading, turned, pixels, angle = again, degrees, upright, angle_again
    shown = _shown(pixels, source, turned != 0 or abs(angle) >= LEVEL, source.dpi)
    return PageReading(number, _overlaid(shown, reading.layer), reading.text, reading.hocr, "", turned, angle)


def _straightened_reading(pixels, dpi: float, workdir: Path, name: str, timeout: int):
    """(reading, the page as read, its skew): the page deskewed, cleaned and read."""
    from motcua.documents.ocr_cleaning import has_vertical_rules, reads_across_a_gutter
    from motcua.documents.page_geometry import skew

    straighten = os.environ.get("MOTCUA_OCR_DESKEW", "1") != "0"
    angle = skew(_gray(pixels), dpi) if straighten else 0.0
    if abs(angle) >= LEVEL:
        pixels = _turn(pixels, angle)
    clean = ocr_image(pixels)
    reading = _read(clean, dpi, workdir, name, timeout)
    if reads_across_a_gutter(reading.hocr) and not has_vertical_rules(_gray(pixels)):
        again = _read(clean, dpi, workdir, f"{name}-sauvola", timeout, tuple(SAUVOLA))
        if not reads_across_a_gutter(again.hocr):
            reading = again
    return reading, pixels, angle


def _overlaid(shown: bytes, layer: bytes) -> bytes:
    """The image page with Tesseract's invisible text laid over it, as one page's PDF."""
    import pikepdf

    with pikepdf.open(io.BytesIO(shown)) as page_pdf, pikepdf.open(io.BytesIO(layer)) as text_pdf:
        page = page_pdf.pages[0]
        page.add_overlay(text_pdf.pages[0], pikepdf.Rectangle(page.mediabox))
        out = io.BytesIO()
        page_pdf.save(out)
        return out.getvalue()


def _as_scanned(source: Source) -> bytes:
    """A page that could not be read, kept as it came."""
    import img2pdf

    if source.data is not None:
        try:
            layout = img2pdf.get_fixed_dpi_layout_fun((source.dpi, source.dpi))
            return img2pdf.convert(source.data, layout_fun=layout)
        except Exception:  # noqa: BLE001 - a format img2pdf does not embed: re-encoded below
            pass
    import cv2

    pixels = _decode(source)
    bgr = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
    jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
    return img2pdf.convert(jpeg, layout_fun=img2pdf.get_fixed_dpi_layout_fun((source.dpi, source.dpi)))


def assemble(pages: list[bytes]) -> bytes:
    """The pages in order, saved as PDF/A-2b (pikepdf validates what it writes)."""
    import pikepdf
    from pikepdf.pdfa import Flavour, save

    opened = [pikepdf.open(io.BytesIO(page)) for page in pages]
    try:
        with pikepdf.new() as pdf:
            for one in opened:
                pdf.pages.extend(one.pages)
            with tempfile.TemporaryDirectory(prefix="motcua-pdfa-") as tmp:
                target = Path(tmp) / "out.pdf"
                save(pdf, target, Flavour("2b"), output_intent="sRGB")
                return target.read_bytes()
    finally:
        for one in opened:
            one.close()


@dataclass
class Reading:
    pdf: bytes
    pages: list[PageReading]


def read_document(
    data: bytes,
    kind: str,
    *,
    jobs: int,
    on_page: Callable[[int, int], None] | None = None,
) -> Reading:
    """Every page of a scan, ``jobs`` pages at once; raises ``NotAScan`` for a born-digital PDF."""
    import cv2

    cv2.setNumThreads(1)  # the pages are the parallelism
    pages = sources(data, kind)
    total = len(pages)
    if on_page:
        on_page(0, total)
    readings: dict[int, PageReading] = {}

    with tempfile.TemporaryDirectory(prefix="motcua-ocr-") as tmp:
        workdir = Path(tmp)

        def one(number: int) -> PageReading:
            try:
                return read_page(number, pages[number - 1], workdir)
            except PageFailed as exc:
                return PageReading(number, None, problem=str(exc))

        with ThreadPoolExecutor(max(1, jobs)) as pool:
            # progress is reported from this thread: the caller writes it to the database
            for future in as_completed([pool.submit(one, number) for number in range(1, total + 1)]):
                reading = future.result()
                readings[reading.number] = reading
                if on_page:
                    on_page(len(readings), total)
    ordered = [readings[number] for number in range(1, total + 1)]
    shown = [
        reading.pdf if reading.pdf is not None else _as_scanned(pages[reading.number - 1])
        for reading in ordered
    ]
    return Reading(assemble(shown), ordered)
