"""A province's year (issue 19): officials' lists and the public look-up at ``--dossiers`` dossiers
(100,000 by default; 1,000,000 is the target), 4 concurrent clients against a real ``motcua serve``.

The data is the demo's 1,000 dossiers copied into a year (``benchmarks.province``), in its own
database: ``motcua_scale`` on PostgreSQL (``MOTCUA_BENCH_POSTGRES``), ``var/bench-scale`` on SQLite,
kept between runs (``--fresh`` starts again) since a million dossiers take minutes to make.

Each list is measured beside its SQL baseline in the same run: the one indexed query that returns
the same page's rows (what the page cannot do with less), run by 4 clients at once as well.
Figures are p50/p95 in milliseconds; a table, then one JSON line with every figure.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from motcua_bench.harness import (
    POSTGRES_SERVER,
    Figure,
    Report,
    bench_command,
    motcua,
    percentile,
    postgres_available,
    running_server,
)

CLIENTS = 4
REQUESTS = int(os.environ.get("MOTCUA_BENCH_SCALE_REQUESTS", "80"))
SECONDS = float(os.environ.get("MOTCUA_BENCH_SCALE_SECONDS", "30"))
DATABASE = os.environ.get("MOTCUA_BENCH_SCALE_DATABASE", "motcua_scale")  # one per person benchmarking


def _connect(env: dict):
    url = env.get("MOTCUA_DATABASE_URL")
    if url:
        import psycopg

        return psycopg.connect(url, autocommit=True)
    connection = sqlite3.connect(
        Path(env["MOTCUA_DATA_DIR"]) / "motcua.sqlite3", timeout=30, isolation_level=None
    )
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


@contextlib.contextmanager
def scale_database(kind: str, *, fresh: bool):
    """The benchmark's own database (never the developer's), kept between runs."""
    data_dir = Path(os.environ.get("MOTCUA_DATA_DIR", "var")).resolve() / f"bench-scale-{kind}"
    env = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(data_dir),
        "MOTCUA_LOG_LEVEL": "WARNING",
        "MOTCUA_TWO_FACTOR": "0",
    }
    if fresh:
        shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
            if exists and fresh:
                conn.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')
        env["MOTCUA_DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE}"
    else:
        env.pop("MOTCUA_DATABASE_URL", None)
    motcua("migrate", env=env)
    yield env


def _concurrently(work, items: list, *, clients: int = CLIENTS, seconds: float = SECONDS) -> list[float]:
    """``work(state, item)`` over ``items`` by ``clients`` threads, each with its own ``work.state()``
    (a connection); timings in ms. Stops after ``seconds`` (a slow list must not hold the run for
    an hour: the note says how many were done)."""
    timings: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    queue = list(items)

    def client():
        state = work.state()
        while time.monotonic() < stop:
            with lock:
                if not queue:
                    break
                item = queue.pop()
            started = time.perf_counter()
            work(state, item)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
        with contextlib.suppress(Exception):
            state.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


class _Pages:
    """GET a page or endpoint as one signed-in person; a non-200 answer stops the run."""

    def __init__(self, base: str, *, cookie: str = "", token: str = ""):
        self.base = urlparse(base)
        self.headers = {"Accept": "application/json"} if token else {}
        if cookie:
            self.headers["Cookie"] = f"sessionid={cookie}"
        if token:
            self.headers["Authorization"] = f"Token {token}"

    def state(self):
        return http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=120)

    def __call__(self, connection, path):
        connection.request("GET", path, headers=self.headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")


class _Sql:
    def __init__(self, env: dict, sql: str, params: tuple = ()):
        self.env, self.sql, self.params = env, sql, params

    def state(self):
        return _connect(self.env)

    def __call__(self, connection, params):
        connection.execute(self.sql, params if params is not None else self.params).fetchall()


def _marks(env, values) -> str:
    mark = "%s" if env.get("MOTCUA_DATABASE_URL") else "?"
    return ", ".join([mark] * len(values))


def _figures(
    report: Report, name: str, ours: list[float], bare: list[float], baseline: str, figures: dict
) -> None:
    for tail in (50, 95):
        report.add(
            Figure(f"{name} p{tail}", percentile(ours, tail), "ms", percentile(bare, tail), baseline, False)
        )
    figures[name] = {
        "p50": round(percentile(ours, 50), 1),
        "p95": round(percentile(ours, 95), 1),
        "p99": round(percentile(ours, 99), 1),
        "baseline_p50": round(percentile(bare, 50), 1),
        "baseline_p95": round(percentile(bare, 95), 1),
        "samples": len(ours),
    }


def measure(report: Report, env: dict, fixture: dict, kind: str) -> dict:
    figures: dict = {}
    mark = "%s" if env.get("MOTCUA_DATABASE_URL") else "?"

    def queue_baseline(agencies, role=None):
        role_filter = f"AND t.role = '{role}' " if role else ""
        return _Sql(
            env,
            "SELECT d.code, d.applicant_name, d.due_at, d.status, t.name FROM workspace_task t "
            "JOIN dossiers_dossier d ON d.id = t.dossier_id "
            f"WHERE t.finished_at IS NULL {role_filter}AND t.agency_id IN ({_marks(env, agencies)}) "
            "ORDER BY d.due_at LIMIT 25",
            tuple(agencies),
        )

    def api_baseline(agencies, extra="", offset=0):
        return _Sql(
            env,
            "SELECT d.id, d.code, d.status, d.created_at FROM dossiers_dossier d "
            f"WHERE (d.competent_agency_id IN ({_marks(env, agencies)}) OR d.receiving_agency_id IN ({_marks(env, agencies)})) "
            f"{extra} ORDER BY d.created_at DESC, d.id DESC LIMIT 20 OFFSET {offset}",
            tuple(agencies) * 2,
        )

    # Each start collects and compresses the static files again: minutes on a loaded machine.
    with running_server(env, workers=2, threads=1, startup_seconds=900) as base:
        processor, leader, admin, receiver = (
            fixture["processor"],
            fixture["commune_leader"],
            fixture["admin"],
            fixture["receiver"],
        )
        plans = [
            (
                "queue page, department processor (mine / units / overdue)",
                _Pages(base, cookie=processor["session"]),
                ["/can-bo/xu-ly/", "/can-bo/xu-ly/?pham-vi=don-vi", "/can-bo/xu-ly/?hang=qua-han"],
                queue_baseline(processor["agencies"], "processor"),
            ),
            (
                "queue page, commune leader",
                _Pages(base, cookie=leader["session"]),
                ["/can-bo/xu-ly/", "/can-bo/xu-ly/?hang=cho-ky", "/can-bo/xu-ly/?pham-vi=don-vi"],
                queue_baseline(leader["agencies"]),
            ),
            (
                "queue page units, provincial administrator",
                _Pages(base, cookie=admin["session"]),
                ["/can-bo/xu-ly/?pham-vi=don-vi"],
                queue_baseline(admin["agencies"]),
            ),
            (
                "API list, processor, first page",
                _Pages(base, token=processor["token"]),
                ["/api/v1/dossiers/"],
                api_baseline(processor["agencies"]),
            ),
            (
                "API list, processor, page 200",
                _Pages(base, token=processor["token"]),
                ["/api/v1/dossiers/?page=200"],
                api_baseline(processor["agencies"], offset=199 * 20),
            ),
            (
                "API list, processor, status filter",
                _Pages(base, token=processor["token"]),
                ["/api/v1/dossiers/?status=processing"],
                api_baseline(processor["agencies"], extra="AND d.status = 'processing'"),
            ),
            (
                "API list, provincial administrator, page 200",
                _Pages(base, token=admin["token"]),
                ["/api/v1/dossiers/?page=200"],
                api_baseline(admin["agencies"], offset=199 * 20),
            ),
            (
                "counter page, department receiver",
                _Pages(base, cookie=receiver["session"]),
                ["/can-bo/mot-cua/", "/can-bo/mot-cua/?hang=da-tra"],
                _Sql(
                    env,
                    f"SELECT d.code FROM dossiers_dossier d WHERE d.receiving_agency_id IN ({_marks(env, receiver['agencies'])}) "
                    "AND d.status = 'submitted' ORDER BY d.submitted_at, d.id LIMIT 25",
                    tuple(receiver["agencies"]),
                ),
            ),
        ]
        for name, pages, paths, baseline in plans:
            sample = [paths[i % len(paths)] for i in range(REQUESTS)]
            _concurrently(pages, sample[: CLIENTS * 2], seconds=SECONDS)  # warm-up
            ours = _concurrently(pages, sample)
            bare = _concurrently(baseline, [None] * REQUESTS)
            if len(ours) < len(sample):
                report.note(f"!! {name}: {len(ours)} of {len(sample)} requests in {SECONDS:.0f} s")
            _figures(report, name, ours, bare, "indexed SQL", figures)
        codes = fixture["codes"]
        lookups = _Pages(base)
        lookups.headers["Accept"] = "application/json"
        sample = [f"/api/v1/lookup/{codes[i % len(codes)]}/" for i in range(max(REQUESTS, 400))]
        _concurrently(lookups, sample[:40])
        ours = _concurrently(lookups, sample)
        bare = _concurrently(
            _Sql(env, f"SELECT status, due_at, procedure_id FROM dossiers_dossier WHERE code = {mark}"),
            [(codes[i % len(codes)],) for i in range(len(sample))],
        )
        _figures(report, "public look-up", ours, bare, "indexed SELECT by code", figures)
    return figures


def run_on(kind: str, report: Report, *, dossiers: int, fresh: bool) -> dict:
    report.section(f"a province's year on {kind}: {dossiers:,} dossiers, {CLIENTS} concurrent clients")
    with scale_database(kind, fresh=fresh) as env:
        started = time.monotonic()
        motcua("demo", env=env)
        fixture = json.loads(bench_command("bench_scale_fixture", "--dossiers", str(dossiers), env=env))
        report.note(f"{fixture['dossiers']:,} dossiers ready in {time.monotonic() - started:.0f} s")
        return {
            "database": kind,
            "dossiers": fixture["dossiers"],
            "figures": measure(report, env, fixture, kind),
        }


def run(
    report: Report,
    *,
    dossiers: int = 100_000,
    databases: tuple[str, ...] = ("sqlite", "postgresql"),
    fresh: bool = False,
) -> None:
    results = []
    for kind in databases:
        if kind == "postgresql" and not postgres_available():
            report.note("!!!!!!!! PostgreSQL not reachable: the PostgreSQL figures are SKIPPED !!!!!!!!")
            continue
        results.append(run_on(kind, report, dossiers=dossiers, fresh=fresh))
    print(
        json.dumps({"bench": "scale", "clients": CLIENTS, "results": results}, ensure_ascii=False),
        file=report.out,
    )
