"""The officials' queue page as a restricted official sees it (DESIGN.md: list endpoints are where
such systems get slow, worst under restricted roles): the demo province with its 1,000 dossiers,
signed in as the processor with the longest to-do queue, on SQLite and PostgreSQL.

Baseline, measured in the same run: one indexed SELECT of a page of that official's open steps
joined to their dossiers (what the page cannot do with less). The page also counts its six
queues, applies the access rule, annotates the current step and writes the look to the audit log.
"""

from __future__ import annotations

import json
import time

from motcua_bench.dossiers import _connect, _placeholder
from motcua_bench.harness import (
    Report,
    bench_command,
    fresh_database,
    motcua,
    on_each_database,
    running_server,
)
from motcua_bench.portal import _get_all

REQUESTS = 300


def _baseline(env: dict, agencies: list[int], count: int) -> list[float]:
    mark = _placeholder(env)
    connection = _connect(env)
    sql = (
        "SELECT d.code, d.applicant_name, d.due_at, d.status, t.name FROM workspace_task t "
        "JOIN dossiers_dossier d ON d.id = t.dossier_id "
        f"WHERE t.finished_at IS NULL AND t.role = 'processor' AND t.agency_id IN ({', '.join([mark] * len(agencies))}) "
        "ORDER BY d.due_at LIMIT 25"
    )
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        connection.execute(sql, tuple(agencies)).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def run_on(kind: str, report: Report) -> None:
    report.section(f"workspace on {kind}")
    with fresh_database(kind) as env:
        motcua("demo", "--dossiers", "1000", env=env)
        fixture = json.loads(bench_command("bench_workspace_fixture", env=env))
        report.note(
            f"official {fixture['username']}: {fixture['queue']} dossiers to do, {fixture['unit_queue']} in the unit"
        )
        cookie = f"sessionid={fixture['session']}"
        with running_server(env, workers=2, threads=1) as base:
            paths = ["/can-bo/xu-ly/", "/can-bo/xu-ly/?pham-vi=don-vi", "/can-bo/xu-ly/?hang=qua-han"]
            sample = [paths[i % len(paths)] for i in range(REQUESTS)]
            _get_all(base, sample[:30], cookie=cookie)  # warm-up
            pages = _get_all(base, sample, cookie=cookie)
            bare = _baseline(env, fixture["agencies"], REQUESTS)
            report.latencies("queue page (GET /can-bo/xu-ly/)", pages, bare, "indexed SELECT")


def run(report: Report) -> None:
    on_each_database(run_on, report)
