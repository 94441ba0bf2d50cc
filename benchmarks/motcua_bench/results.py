"""Results rendered and signed per second (Word template → PDF/A → leader's signature → seal);
rendering alone (through a warm converter) and signing alone measured apart, our signing beside
pyHanko's plain signatures on the same PDF with the same keys, all in the same run.

Rendering goes through a persistent LibreOffice (unoserver) started for the run when
Debian's python3-uno is present, else through one ``soffice`` per result (both are reported
when possible: the first is how to run at scale).
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from pyhanko.sign.signers import SimpleSigner

from motcua.signing import ca, docx_templates, pades, rendering
from motcua.signing.sample_templates import result_template
from motcua_bench.harness import Figure, Report, free_port

RESULTS = int(os.environ.get("MOTCUA_BENCH_RESULTS", "12"))
SIGNATURES = 30
FORM = {
    "type": "object",
    "properties": {
        "child_name": {"type": "string", "title": "Họ, chữ đệm, tên của trẻ"},
        "birth_date": {"type": "string", "title": "Ngày sinh", "format": "date"},
    },
}


def _signers():
    authority = ca.create_root()
    made = []
    for name in ("Nguyễn Văn Lãnh Đạo", "Sở Tư pháp tỉnh Hà Tĩnh"):
        certificate, key = ca.issue_signing_certificate(
            authority, common_name=name, organisation="Sở Tư pháp"
        )
        data = ca.pkcs12_bytes(certificate, key, authority, passphrase="pin", friendly_name=name)
        made.append(SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=b"pin"))
    return made


def _sign_twice(pdf: bytes, leader, seal) -> bytes:
    url = "http://127.0.0.1:8000/xac-thuc/bench/"
    pdf = pades.sign_pdf(pdf, signer=leader, field_name="ChuKyLanhDao", verification_url=url)
    return pades.sign_pdf(
        pdf, signer=seal, field_name="DauCoQuan", verification_url=url, placement=pades.Placement(slot=1)
    )


def _start_converter(folder: Path) -> tuple[subprocess.Popen, str] | None:
    if subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0:
        return None
    from motcua.signing.converter import converter_environment

    venv = converter_environment(folder)
    port = free_port()
    process = subprocess.Popen(
        [str(venv / "bin" / "unoserver"), "--interface", "127.0.0.1", "--port", str(port), "--uno-port", str(free_port())],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    return process, f"127.0.0.1:{port}"


def _pyhanko_twice(pdf: bytes, leader, seal) -> bytes:
    """The baseline: the same two PAdES signatures by pyHanko alone (invisible, no stamp)."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    for signer, name in ((leader, "ChuKyLanhDao"), (seal, "DauCoQuan")):
        metadata = signers.PdfSignatureMetadata(
            field_name=name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf = signers.sign_pdf(writer, metadata, signer=signer).getvalue()
    return pdf


def _rate(work, count: int) -> float:
    work()  # warm-up
    started = time.perf_counter()
    for _ in range(count):
        work()
    return count / (time.perf_counter() - started)


def _rates_side_by_side(ours, theirs, count: int) -> tuple[float, float]:
    """Both rates, one signature of each in turn: on a shared machine the load changes within
    seconds, and two blocks measured one after the other compared two different machines."""
    ours()
    theirs()  # warm-up
    spent = [0.0, 0.0]
    for _ in range(count):
        for index, work in enumerate((ours, theirs)):
            started = time.perf_counter()
            work()
            spent[index] += time.perf_counter() - started
    return count / spent[0], count / spent[1]


def _pipeline_rate(docx: bytes, context: dict, leader, seal, count: int) -> float:
    rendering.docx_to_pdf(docx_templates.render_docx(docx, context))  # warm-up
    started = time.perf_counter()
    for n in range(count):
        pdf = rendering.docx_to_pdf(
            docx_templates.render_docx(docx, {**context, "ma_ho_so": f"BENCH-{n:04d}"})
        )
        _sign_twice(pdf, leader, seal)
    return count / (time.perf_counter() - started)


def run(report: Report) -> None:
    from django.conf import settings

    report.section("electronic results: render + sign")
    leader, seal = _signers()
    docx = result_template(title="Giấy chứng nhận", form_schema=FORM)
    context = {name: f"[{name}]" for name in docx_templates.BUILTIN_VARIABLES}
    context.update({"child_name": "Nguyễn Thị An", "birth_date": "01/11/2026"})
    pdf = rendering.docx_to_pdf(docx_templates.render_docx(docx, context))
    signing_only, pyhanko_only = _rates_side_by_side(
        lambda: _sign_twice(pdf, leader, seal), lambda: _pyhanko_twice(pdf, leader, seal), SIGNATURES
    )
    report.add(
        Figure(
            "signing alone: leader + seal, PDFs/s",
            signing_only,
            "/s",
            pyhanko_only,
            "pyHanko alone, same PDF, no stamp",
        )
    )
    with tempfile.TemporaryDirectory(prefix="motcua-bench-converter-") as folder:
        started_converter = _start_converter(Path(folder))
        original = settings.UNOSERVER
        try:
            if started_converter is not None:
                settings.UNOSERVER = started_converter[1]
                rendered = _rate(
                    lambda: rendering.docx_to_pdf(docx_templates.render_docx(docx, context)), RESULTS
                )
                report.add(
                    Figure(
                        "rendering alone (warm unoserver), PDFs/s",
                        rendered,
                        "/s",
                        signing_only,
                        "signing alone",
                    )
                )
                rate = _pipeline_rate(docx, context, leader, seal, RESULTS)
                report.add(
                    Figure(
                        "results rendered+signed/s (unoserver)",
                        rate,
                        "/s",
                        signing_only,
                        "pyHanko signing only",
                    )
                )
            else:
                report.note("python3-uno missing: no persistent converter measured")
            settings.UNOSERVER = ""
            rate = _pipeline_rate(docx, context, leader, seal, max(3, RESULTS // 4))
            report.add(
                Figure(
                    "results rendered+signed/s (soffice per result)",
                    rate,
                    "/s",
                    signing_only,
                    "pyHanko signing only",
                )
            )
        finally:
            settings.UNOSERVER = original
            if started_converter is not None:
                os.killpg(started_converter[0].pid, 15)
                started_converter[0].wait(timeout=30)
