"""Word → PDF/A with LibreOffice, which reads .docx the way officials' Word does.

With ``MOTCUA_UNOSERVER`` (``host:port`` of a running ``unoserver``) conversions go to that
persistent LibreOffice; otherwise each conversion starts ``soffice --headless`` in a
private profile (slower, ~2 s, but needs nothing running). Either way it runs with a
time limit, in a worker — never in the web process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

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
    unoserver = os.environ.get("MOTCUA_UNOSERVER", "")
    with tempfile.TemporaryDirectory(prefix="motcua-render-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx)
        target = Path(folder) / "document.pdf"
        if unoserver:
            host, _, port = unoserver.partition(":")
            command = [
                shutil.which("unoconvert") or "unoconvert",
                "--host",
                host,
                "--port",
                port or "2003",
                "--convert-to",
                "pdf",
                "--filter-options",
                "SelectPdfVersion=2",
                str(source),
                str(target),
            ]
        else:
            profile = Path(folder) / "profile"
            command = [
                _soffice(),
                "--headless",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                PDFA_FILTER,
                "--outdir",
                folder,
                str(source),
            ]
        try:
            subprocess.run(command, check=True, timeout=timeout, capture_output=True)
        except subprocess.TimeoutExpired:
            raise RenderingFailed(f"LibreOffice took longer than {timeout} s") from None
        except subprocess.CalledProcessError as exc:
            raise RenderingFailed(exc.stderr.decode(errors="replace")[-500:]) from None
        if not target.exists() or target.stat().st_size == 0:
            raise RenderingFailed("LibreOffice produced no PDF")
        return target.read_bytes()
