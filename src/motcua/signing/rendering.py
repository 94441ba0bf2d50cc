"""Word → PDF/A with LibreOffice, which reads .docx the way officials' Word does.

With ``MOTCUA_UNOSERVER`` (``host:port`` of a running ``unoserver``, e.g. started by
``motcua converter``) conversions go to that persistent LibreOffice (~0.3 s each); otherwise
each conversion starts ``soffice --headless`` in a private profile (~2 s, needs nothing running). Either way it runs with a
time limit, in a worker — never in the web process.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 120


class RenderingFailed(RuntimeError):
    pass


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderingFailed("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The Word document as PDF/A-2 (fonts embedded)."""
    address = settings.UNOSERVER
    if address:
        return _through_unoserver(docx, address)
    return _through_soffice(docx, timeout=timeout)


def _through_unoserver(docx: bytes, address: str) -> bytes:
    from unoserver.client import UnoClient

    host, _, port = address.partition(":")
    try:
        pdf = UnoClient(host, port or "2003").convert(
            indata=docx, convert_to="pdf", filter_options=["SelectPdfVersion=2", "UseTaggedPDF=true"]
        )
    except Exception as exc:  # noqa: BLE001 - the converter reports its errors as xmlrpc faults
        raise RenderingFailed(f"unoserver {address}: {exc}") from None
    if not pdf:
        raise RenderingFailed("unoserver produced no PDF")
    return pdf


def _through_soffice(docx: bytes, *, timeout: int) -> bytes:
    with tempfile.TemporaryDirectory(prefix="motcua-render-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx)
        target = Path(folder) / "document.pdf"
        profile = Path(folder) / "profile"
        command = [
            _soffice(), "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to", PDFA_FILTER, "--outdir", folder, str(source),
        ]  # fmt: skip
        try:
            subprocess.run(command, check=True, timeout=timeout, capture_output=True)
        except subprocess.TimeoutExpired:
            raise RenderingFailed(f"LibreOffice took longer than {timeout} s") from None
        except subprocess.CalledProcessError as exc:
            raise RenderingFailed(exc.stderr.decode(errors="replace")[-500:]) from None
        if not target.exists() or target.stat().st_size == 0:
            raise RenderingFailed("LibreOffice produced no PDF")
        return target.read_bytes()
