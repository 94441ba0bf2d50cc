"""Submissions per second over the API on PostgreSQL, with the audit chain linked inline (every
commit queued on the chain's lock, as before issue 19) and by the sequencer (``audit/chain.py``),
beside a bare INSERT + COMMIT per submission at the same concurrency, measured in the same run.

Each mode runs several rounds (``MOTCUA_BENCH_ROUNDS``) so "steadily" is a figure too: the
slowest round is reported beside the median. In sequencer mode ``motcua audit chain --loop`` runs
beside the server for the whole run, so its cost is in the figure. Afterwards every submission
must have its audit entry, linked, and ``verify`` must pass.

The audit's share of a submission: the time spent recording the audit entry, over the time of
the whole submission, measured in one process (``bench_audit_share``) for each mode.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from motcua_bench.dossiers import baseline_inserts
from motcua_bench.harness import (
    Figure,
    Report,
    bench_command,
    fresh_database,
    lua_post,
    median,
    postgres_available,
    running_server,
    wrk,
)

DURATION = int(os.environ.get("MOTCUA_BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("MOTCUA_BENCH_ROUNDS", "3"))
CLIENTS = int(os.environ.get("MOTCUA_BENCH_CLIENTS", "8"))
WEB_WORKERS = int(os.environ.get("MOTCUA_BENCH_WEB_WORKERS", "4"))
SHARE_SUBMISSIONS = 300


def _rounds(base: str, script: str) -> list[float]:
    wrk(f"{base}/api/v1/dossiers/", script=script, duration=2, connections=CLIENTS)  # warm-up
    rates = []
    for _ in range(ROUNDS):
        result = wrk(f"{base}/api/v1/dossiers/", script=script, duration=DURATION, connections=CLIENTS)
        if result["non_2xx"]:
            raise RuntimeError(f"{result['non_2xx']} submissions were refused")
        rates.append(result["requests_per_second"])
    return rates


def _sequencer(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "audit", "chain", "--loop"],
        env={**env, "MOTCUA_AUDIT_CHAIN_SECONDS": "0.5"},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def _check_every_submission_audited(env: dict, report: Report) -> None:
    out = bench_command("bench_audit_share", "--check", env=env)
    facts = json.loads(out)
    report.note(
        f"{facts['dossiers']} dossiers, {facts['submission_entries']} submission entries in the audit log, "
        f"{facts['unchained']} waiting; verify: {facts['verify']}"
    )
    if facts["dossiers"] != facts["submission_entries"] or facts["verify"] != "ok":
        raise RuntimeError("a submission without its audit entry, or a broken chain")


def run(report: Report) -> None:
    report.section(f"submissions over the API on PostgreSQL ({CLIENTS} clients, {WEB_WORKERS} web workers)")
    if not postgres_available():
        report.note("!!!!!!!! PostgreSQL not reachable: the submission figures are SKIPPED !!!!!!!!")
        return
    with fresh_database("postgresql") as env:
        fixture = json.loads(bench_command("bench_fixture", env=env))
        script = lua_post(
            {"procedure": fixture["procedure"], "form_data": fixture["form_data"]},
            {"Authorization": f"Token {fixture['token']}", "Content-Type": "application/json"},
        )
        baseline = baseline_inserts(env, seconds=DURATION / 2, writers=CLIENTS)
        rates = {}
        for mode in ("inline", "sequencer"):
            mode_env = {**env, "MOTCUA_AUDIT_CHAIN": mode, "MOTCUA_COLLECT_STATIC": "0"}
            sequencer = _sequencer(mode_env) if mode == "sequencer" else None
            try:
                with running_server(mode_env, workers=WEB_WORKERS, threads=1) as base:
                    rates[mode] = _rounds(base, script)
            finally:
                if sequencer is not None:
                    os.killpg(sequencer.pid, signal.SIGTERM)
                    sequencer.wait(timeout=30)
            report.note(f"{mode}: rounds of {DURATION} s: " + ", ".join(f"{r:.0f}/s" for r in rates[mode]))
            for label, value in (("median", median(rates[mode])), ("slowest round", min(rates[mode]))):
                report.add(
                    Figure(
                        f"submissions/s, chain {mode}, {label}",
                        value,
                        "req/s",
                        baseline,
                        "bare INSERT+COMMIT",
                    )
                )
        _check_every_submission_audited(env, report)
        report.add(
            Figure(
                "submissions/s sequencer ÷ inline (median)",
                median(rates["sequencer"]),
                "req/s",
                median(rates["inline"]),
                "chain inline (before)",
            )
        )
        for mode in ("inline", "sequencer"):
            share = json.loads(
                bench_command(
                    "bench_audit_share",
                    "--submissions",
                    str(SHARE_SUBMISSIONS),
                    env={**env, "MOTCUA_AUDIT_CHAIN": mode},
                )
            )  # fmt: skip
            report.add(
                Figure(
                    f"audit entry per submission, chain {mode}",
                    share["audit_ms"],
                    "ms",
                    share["submission_ms"],
                    "whole submission (ratio: the share)",
                    higher_is_better=False,
                )
            )
