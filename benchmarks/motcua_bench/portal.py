"""The pages people open most: the QR look-up (a receipt scanned with a phone) and the receipt PDF
printed at the counter, on SQLite and PostgreSQL.

Baselines, measured in the same run: an indexed SELECT of the token's dossier
(what the look-up cannot do with less), and WeasyPrint rendering a one-line
page in this process (what any PDF costs before our template and data).
"""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlparse

from motcua_bench.dossiers import _connect, _placeholder
from motcua_bench.harness import (
    Report,
    bench_command,
    fresh_database,
    on_each_database,
    running_server,
)

LOOKUPS = 1000
RECEIPTS = 60


def _get_all(base: str, paths: list[str], *, cookie: str = "") -> list[float]:
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    timings = []
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def _baseline_token_selects(env: dict, tokens: list[str]) -> list[float]:
    mark = _placeholder(env)
    connection = _connect(env)
    sql = (
        "SELECT d.code, d.status, d.due_at FROM paperwork_lookuptoken t "
        f"JOIN dossiers_dossier d ON d.id = t.dossier_id WHERE t.token = {mark}"
    )
    timings = []
    for token in tokens:
        started = time.perf_counter()
        connection.execute(sql, (token,)).fetchone()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def _baseline_pdf(count: int) -> list[float]:
    from weasyprint import HTML

    HTML(string="<p>motcua</p>").write_pdf()  # warm-up: fonts and styles load once
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        HTML(string="<p style='font-family: Noto Serif'>Giấy tiếp nhận hồ sơ</p>").write_pdf()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def run_on(kind: str, report: Report) -> None:
    report.section(f"portal on {kind}")
    with fresh_database(kind) as env:
        fixture = json.loads(bench_command("bench_portal_fixture", env=env))
        tokens, codes = fixture["tokens"], fixture["codes"]
        with running_server(env, workers=2, threads=1) as base:
            sample = [tokens[(i * 7919) % len(tokens)] for i in range(LOOKUPS)]
            _get_all(base, [f"/tra-cuu/{t}/" for t in sample[:100]])  # warm-up
            pages = _get_all(base, [f"/tra-cuu/{t}/" for t in sample])
            bare = _baseline_token_selects(env, sample)
            report.latencies("QR look-up page (GET /tra-cuu/<token>/)", pages, bare, "indexed SELECT")
            cookie = f"sessionid={fixture['session']}"
            paths = [
                f"/can-bo/mot-cua/ho-so/{codes[i % len(codes)]}/giay-to/giay-tiep-nhan.pdf"
                for i in range(RECEIPTS)
            ]
            _get_all(base, paths[:5], cookie=cookie)  # warm-up: each worker loads its fonts once
            receipts = _get_all(base, paths, cookie=cookie)
            minimal = _baseline_pdf(RECEIPTS)
            report.latencies(
                "receipt PDF (form 01 with QR code)", receipts, minimal, "one-line WeasyPrint PDF"
            )


def run(report: Report) -> None:
    on_each_database(run_on, report)
