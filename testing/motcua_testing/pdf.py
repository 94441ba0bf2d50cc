"""Reading PDFs the way a person would check them: the text on the pages, and a validator's verdict."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_fonts(content: bytes) -> set[str]:
    """Names of the fonts embedded in the PDF (a font that is only referenced is not listed)."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font.get("/BaseFont")))
    return names


def qpdf_check(content: bytes) -> tuple[bool, str]:
    """``qpdf --check``: (valid, report). Raises ``FileNotFoundError`` when qpdf is not installed."""
    if shutil.which("qpdf") is None:
        raise FileNotFoundError("qpdf")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        result = subprocess.run(["qpdf", "--check", handle.name], capture_output=True, text=True)
    return result.returncode == 0, result.stdout + result.stderr


def pdf_to_png(content: bytes, target) -> None:
    """The first page as a PNG (pdftoppm), for screenshots people look at."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        stem = str(target)[:-4] if str(target).endswith(".png") else str(target)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", handle.name, stem],
            check=True,
        )
