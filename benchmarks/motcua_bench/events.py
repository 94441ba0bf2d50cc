"""Outbound events: relayed per second into RabbitMQ and latency from commit to consumer (p50/p99),
on SQLite and PostgreSQL.

Baselines, measured in the same run against the same RabbitMQ and consumer: the same payloads
published straight with pika (publisher confirms on, no database), for both figures.
"""

from __future__ import annotations

import json
import os

from motcua_bench.harness import (
    Figure,
    Report,
    bench_command,
    fresh_database,
    median,
    percentile,
    postgres_available,
)

EVENTS = int(os.environ.get("MOTCUA_BENCH_EVENTS", "5000"))
SAMPLES = int(os.environ.get("MOTCUA_BENCH_LATENCY_SAMPLES", "300"))


def _rabbitmq() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
        return True
    except OSError:
        return False


def run_on(kind: str, report: Report) -> None:
    report.section(f"events on {kind}")
    with fresh_database(kind) as env:
        out = bench_command(
            "bench_events",
            "--events",
            str(EVENTS),
            "--samples",
            str(SAMPLES),
            env=env,
            capture=True,
        )
    figures = json.loads(out.strip().splitlines()[-1])
    report.add(
        Figure(
            f"events relayed/s into RabbitMQ ({EVENTS} waiting)",
            figures["relayed_per_second"],
            "ev/s",
            figures["raw_per_second"],
            "pika publish alone",
        )
    )
    ours, raw = figures["latency_ms"], figures["raw_latency_ms"]
    report.add(
        Figure(
            "commit → consumer latency p50", median(ours), "ms", median(raw), "pika publish→consume", False
        )
    )
    report.add(
        Figure(
            "commit → consumer latency p99",
            percentile(ours, 99),
            "ms",
            percentile(raw, 99),
            "pika publish→consume",
            False,
        )
    )
    if figures["waiting_after"]:
        report.note(f"!! {figures['waiting_after']} events still waiting at the end")


def run(report: Report) -> None:
    if not _rabbitmq():
        report.note(
            "!!!!!!!! RabbitMQ not reachable on 127.0.0.1:5672: the event figures are SKIPPED !!!!!!!!"
        )
        return
    run_on("sqlite", report)
    if postgres_available():
        run_on("postgresql", report)
    else:
        report.note("!!!!!!!! PostgreSQL not reachable: the PostgreSQL figures are SKIPPED !!!!!!!!")
