"""Dossier submissions per second over the API, and public look-up latency, on SQLite and PostgreSQL.

Baselines, measured in the same run against the same database: a bare SQL
INSERT + COMMIT per submission (same concurrency), and an indexed SELECT by
code per look-up.
"""

from __future__ import annotations

import http.client
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from motcua_bench.harness import (
    Figure,
    Report,
    bench_command,
    fresh_database,
    lua_post,
    on_each_database,
    running_server,
    wrk,
)

DURATION = int(os.environ.get("MOTCUA_BENCH_SECONDS", "10"))
CONNECTIONS = 16
LOOKUPS = 2000


def _connect(env: dict):
    url = env.get("MOTCUA_DATABASE_URL")
    if url:
        import psycopg

        return psycopg.connect(url)
    connection = sqlite3.connect(
        Path(env["MOTCUA_DATA_DIR"]) / "motcua.sqlite3", timeout=30, isolation_level=None
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def _placeholder(env: dict) -> str:
    return "%s" if env.get("MOTCUA_DATABASE_URL") else "?"


def baseline_inserts(env: dict, *, seconds: float, writers: int) -> float:
    """Bare single-row INSERT + COMMIT per second, ``writers`` connections in parallel."""
    mark = _placeholder(env)
    setup = _connect(env)
    setup.execute("CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, code TEXT, body TEXT)")
    if env.get("MOTCUA_DATABASE_URL"):
        setup.commit()
    setup.close()
    counts = [0] * writers
    stop = time.monotonic() + seconds

    def writer(index: int) -> None:
        connection = _connect(env)
        sql = f"INSERT INTO bench_baseline (id, code, body) VALUES ({mark}, {mark}, {mark})"
        n = 0
        while time.monotonic() < stop:
            key = index * 10_000_000 + n
            if env.get("MOTCUA_DATABASE_URL"):
                connection.execute(sql, (key, f"code-{key}", '{"a": 1}'))
                connection.commit()
            else:
                for _attempt in range(50):
                    try:
                        connection.execute("BEGIN IMMEDIATE")
                        connection.execute(sql, (key, f"code-{key}", '{"a": 1}'))
                        connection.execute("COMMIT")
                        break
                    except sqlite3.OperationalError:
                        time.sleep(0.001)
            n += 1
        counts[index] = n
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def baseline_selects(env: dict, codes: list[str]) -> list[float]:
    mark = _placeholder(env)
    connection = _connect(env)
    timings = []
    sql = f"SELECT status, due_at, procedure_id FROM dossiers_dossier WHERE code = {mark}"
    for code in codes:
        started = time.perf_counter()
        connection.execute(sql, (code,)).fetchone()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def lookups(base: str, codes: list[str]) -> list[float]:
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    timings = []
    for code in codes:
        started = time.perf_counter()
        connection.request("GET", f"/api/v1/lookup/{code}/", headers={"Accept": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"look-up answered {response.status}")
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    return timings


def run_on(kind: str, report: Report) -> None:
    report.section(f"dossiers on {kind}")
    with fresh_database(kind) as env:
        fixture = json.loads(bench_command("bench_fixture", env=env))
        with running_server(env, workers=2, threads=1) as base:
            script = lua_post(
                {"procedure": fixture["procedure"], "form_data": fixture["form_data"]},
                {"Authorization": f"Token {fixture['token']}", "Content-Type": "application/json"},
            )
            wrk(f"{base}/api/v1/dossiers/", script=script, duration=2, connections=CONNECTIONS)  # warm-up
            result = wrk(
                f"{base}/api/v1/dossiers/", script=script, duration=DURATION, connections=CONNECTIONS
            )
            if result["non_2xx"]:
                report.note(f"!! {result['non_2xx']} submissions were refused")
            submitted = result["requests_per_second"] * (1 - result["non_2xx"] / max(1, result["requests"]))
            baseline = baseline_inserts(env, seconds=DURATION / 2, writers=CONNECTIONS)
            report.add(
                Figure(
                    f"submissions/s over the API ({CONNECTIONS} clients)",
                    submitted,
                    "req/s",
                    baseline,
                    "bare INSERT+COMMIT",
                )
            )
            connection = _connect(env)
            codes = [
                row[0]
                for row in connection.execute("SELECT code FROM dossiers_dossier WHERE code IS NOT NULL")
            ]
            connection.close()
            report.note(f"{len(codes)} dossiers in the database")
            sample = [codes[(i * 7919) % len(codes)] for i in range(LOOKUPS)]
            lookups(base, sample[:200])  # warm-up
            ours = lookups(base, sample)
            bare = baseline_selects(env, sample)
            report.latencies("look-up latency (GET /api/v1/lookup/)", ours, bare, "indexed SELECT")


def run(report: Report) -> None:
    on_each_database(run_on, report)
