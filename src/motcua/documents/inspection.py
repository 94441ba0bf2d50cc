"""Deep checks of an uploaded file, run in a separate process with CPU and memory limits.

``validation.check_file`` decides the type from the first bytes. That is not enough:
a file can start like a PDF and be a ZIP archive too (a polyglot), a PDF can be
encrypted, truncated, carry JavaScript or a stream that inflates to gigabytes, and
an image can announce a billion pixels (a decompression bomb). Finding that out
means parsing the file, and an untrusted file never reaches a parser inside the web
process (DESIGN.md): the parent sends the bytes on stdin to
``python -m motcua.documents.inspection KIND MAX_PIXELS`` and reads one JSON line
back. A crash, a time-out or a memory limit reached reads as a refusal.

The child imports nothing from Django, so it starts in a fraction of a second; the
parent turns the problem code it returns into a message in the reader's language.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import zipfile
import zlib

CPU_SECONDS = 30
MEMORY_BYTES = 2 * 1024 * 1024 * 1024
# A scanned A4 page at 600 dpi in colour is ~105 MB decoded; a stream inflating past this is a bomb.
MAX_STREAM_BYTES = 256 * 1024 * 1024
MAX_PDF_PAGES = 2000
# Markup before a PDF header turns the file into something a browser would render (a polyglot).
MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<?xml", b"<body", b"<iframe")
# The only actions a document for a dossier needs: jump inside itself, open a web page.
ALLOWED_ACTIONS = {"/GoTo", "/URI"}
# Keys whose values are actions (or, for /AA, a dictionary of trigger → action).
ACTION_KEYS = {"/A", "/OpenAction", "/Next"}
ACTIVE_KEYS = {"/JS", "/JavaScript", "/XFA"}
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
# A PDF with more objects than this (inline ones included) is too complex to inspect here.
MAX_NODES = 2_000_000


class Refused(Exception):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _polyglot(data: bytes) -> None:
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise Refused("polyglot_archive")
    head = data[:1024].lower()
    if any(marker in head for marker in MARKUP):
        raise Refused("polyglot_markup")


def _inflate_bounded(raw: bytes) -> int:
    """Decoded size of a FlateDecode stream, stopping as soon as it passes MAX_STREAM_BYTES."""
    inflater = zlib.decompressobj()
    total = 0
    chunk = raw
    while chunk:
        out = inflater.decompress(chunk, 16 * 1024 * 1024)
        total += len(out)
        if total > MAX_STREAM_BYTES:
            raise Refused("pdf_bomb")
        chunk = inflater.unconsumed_tail
    return total


def inspect_pdf(data: bytes, max_pixels: int) -> dict:
    import pikepdf

    if not data.startswith(b"%PDF-"):
        raise Refused("polyglot_prefix")
    if b"%%EOF" not in data[-2048:]:
        raise Refused("pdf_truncated")
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PasswordError:
        raise Refused("pdf_encrypted") from None
    except pikepdf.PdfError as exc:
        raise Refused("pdf_broken", detail=str(exc)[:200]) from None
    with pdf:
        if pdf.is_encrypted:
            raise Refused("pdf_encrypted")
        pages = len(pdf.pages)
        if pages == 0:
            raise Refused("pdf_broken", detail="no pages")
        if pages > MAX_PDF_PAGES:
            raise Refused("pdf_too_many_pages", pages=pages, limit=MAX_PDF_PAGES)
        _refuse_active_content(pdf)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if str(obj.get("/Subtype", "")) == "/Image":
                    width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
                    if width * height > max_pixels:
                        raise Refused("pixel_bomb", pixels=width * height, limit=max_pixels)
                filters = obj.get("/Filter")
                if filters is not None and str(filters) == "/FlateDecode":
                    try:
                        _inflate_bounded(obj.read_raw_bytes())
                    except zlib.error:
                        raise Refused("pdf_broken", detail="bad stream") from None
        return {"pages": pages}


def _refuse_active_content(pdf) -> None:
    """Walk every dictionary reachable from the trailer, inline or indirect, and refuse active content.

    ``pdf.objects`` lists only indirect objects: an action written inline under
    ``/OpenAction`` or a page's ``/AA`` is not among them, so it is not enough.
    """
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = [(pdf.trailer, "")]
    nodes = 0
    while stack:
        obj, parent_key = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise Refused("too_complex")
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary | pikepdf.Array) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend((item, parent_key) for item in obj)
            continue
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        keys = set(obj.keys())
        if keys & ACTIVE_KEYS:
            raise Refused("pdf_active")
        if "/EF" in keys or "/EmbeddedFiles" in keys or str(obj.get("/Type", "")) == "/EmbeddedFile":
            raise Refused("pdf_embedded")
        if str(obj.get("/Subtype", "")) in ACTIVE_ANNOTATIONS and "/Rect" in keys:
            raise Refused("pdf_active")
        if parent_key in ACTION_KEYS or str(obj.get("/Type", "")) == "/Action":
            _check_action(obj)
        for key in keys:
            value = obj.get(key)
            if parent_key == "/AA" or key == "/AA":
                # /AA holds trigger → action; its values are actions whatever their key.
                stack.append((value, "/A" if parent_key == "/AA" else "/AA"))
            else:
                stack.append((value, key))


def _check_action(action) -> None:
    import pikepdf

    if not isinstance(action, pikepdf.Dictionary):
        return
    if "/S" not in action and str(action.get("/Type", "")) != "/Action":
        return  # a page of a destination array under /OpenAction, not an action
    kind = str(action.get("/S", ""))
    if kind not in ALLOWED_ACTIONS:
        raise Refused("pdf_active")
    if kind == "/URI":
        try:
            target = bytes(action.get("/URI", b"")).decode("latin-1").strip().lower()
        except (TypeError, ValueError):
            target = ""
        if not target.startswith(("http://", "https://")):
            raise Refused("pdf_active")


def inspect_image(data: bytes, max_pixels: int) -> dict:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # we bound it ourselves, before any pixel is decoded
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise Refused("pixel_bomb", pixels=width * height, limit=max_pixels)
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # a truncated image fails here
    except Refused:
        raise
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise Refused("image_broken", detail=str(exc)[:200]) from None
    if data.startswith(b"\x89PNG") and not data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise Refused("polyglot_trailer")
    return {"pages": 1, "width": width, "height": height}


def inspect(data: bytes, kind: str, max_pixels: int) -> dict:
    _polyglot(data)
    if kind == "pdf":
        return inspect_pdf(data, max_pixels)
    return inspect_image(data, max_pixels)


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def inspect_isolated(data: bytes, *, kind: str, max_pixels: int, timeout: int = 60) -> dict:
    """``{"ok": True, "pages": N}`` or ``{"ok": False, "code": …, "params": {…}}``, from a child process."""
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "motcua.documents.inspection", kind, str(max_pixels)],
            input=data,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "code": "too_complex", "params": {}}
    if completed.returncode == 0 and completed.stdout:
        return json.loads(completed.stdout.decode().splitlines()[-1])
    return {"ok": False, "code": "too_complex", "params": {}}


def main(argv: list[str]) -> int:
    kind, max_pixels = argv[0], int(argv[1])
    try:
        payload = {"ok": True, **inspect(sys.stdin.buffer.read(), kind, max_pixels)}
    except Refused as refused:
        payload = {"ok": False, "code": refused.code, "params": refused.params}
    print(json.dumps(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
