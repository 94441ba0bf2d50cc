"""What the benchmarks share: throw-away databases, a real server, figures beside baselines."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POSTGRES_SERVER = os.environ.get("MOTCUA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: float
    baseline_name: str
    higher_is_better: bool = True

    def line(self) -> str:
        ratio = self.value / self.baseline if self.baseline else float("nan")
        return (
            f"  {self.name:<44} {self.value:>10.1f} {self.unit:<8} | baseline {self.baseline_name}: "
            f"{self.baseline:>10.1f} {self.unit:<8} | ratio {ratio:5.2f}"
        )


class Report:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.figures: list[Figure] = []

    def section(self, title: str) -> None:
        print(f"\n== {title}", file=self.out, flush=True)

    def note(self, text: str) -> None:
        print(f"  {text}", file=self.out, flush=True)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        print(figure.line(), file=self.out, flush=True)

    def latencies(
        self, name: str, ours: list[float], baseline: list[float], baseline_name: str, *, tail: int = 99
    ) -> None:
        """Two figures, in milliseconds: the median and the tail percentile of ours beside the baseline's."""
        self.add(Figure(f"{name} p50", median(ours), "ms", median(baseline), baseline_name, False))
        self.add(
            Figure(
                f"{name} p{tail}",
                percentile(ours, tail),
                "ms",
                percentile(baseline, tail),
                baseline_name,
                False,
            )
        )


def on_each_database(run_on, report: Report) -> None:
    """Runs ``run_on(kind, report)`` on SQLite, then on PostgreSQL when it is reachable (loudly skipped if not)."""
    run_on("sqlite", report)
    if postgres_available():
        run_on("postgresql", report)
    else:
        report.note("!!!!!!!! PostgreSQL not reachable: the PostgreSQL figures are SKIPPED !!!!!!!!")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3).close()
        return True
    except Exception:  # noqa: BLE001
        return False


def motcua(*args: str, env: dict, capture: bool = False) -> str:
    """``motcua ARGS`` in a child process; it finds the benchmarks and the test support too (a
    ``manage shell -c`` snippet may import ``motcua_bench``)."""
    result = subprocess.run(
        [sys.executable, "-m", "motcua.cli", *args],
        env=with_checkout(env),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout if capture else ""


# Where the benchmarks and the test support live in the checkout (they are not installed with motcua):
# the commands a benchmark runs in a child process find them through PYTHONPATH.
CHECKOUT_PATHS = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[2] / "testing"),
]


def with_checkout(env: dict) -> dict:
    """``env`` with the benchmarks and the test support on PYTHONPATH."""
    paths = [*CHECKOUT_PATHS, env.get("PYTHONPATH", "")]
    return {**env, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def bench_command(name: str, *args: str, env: dict) -> str:
    """Run the benchmark command ``name`` (``motcua_bench.commands.<name>``) in the database ``env``
    names; returns what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "motcua_bench.commands", name, *args],
        env=with_checkout(env),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return result.stdout


@contextlib.contextmanager
def fresh_database(kind: str) -> Iterator[dict]:
    """Environment variables for a new, migrated database of ``kind`` (sqlite or postgresql)."""
    data_dir = tempfile.mkdtemp(prefix="motcua-bench-")
    # The benchmarks' officials hold a session made by a fixture command, without a second factor:
    # two factors (on by default) would turn every measured page into a redirect to the code page.
    env = {**os.environ, "MOTCUA_DATA_DIR": data_dir, "MOTCUA_LOG_LEVEL": "WARNING", "MOTCUA_TWO_FACTOR": "0"}
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["MOTCUA_DATABASE_URL"] = f"{POSTGRES_SERVER}/{name}"
    else:
        env.pop("MOTCUA_DATABASE_URL", None)
    try:
        motcua("migrate", env=env)
        yield env
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if kind == "postgresql":
            import psycopg

            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(
    env: dict, *, workers: int = 2, threads: int = 1, startup_seconds: int = 180
) -> Iterator[str]:
    """``motcua serve`` on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    server_env = {
        **env,
        "MOTCUA_BIND": f"127.0.0.1:{port}",
        "MOTCUA_WEB_WORKERS": str(workers),
        "MOTCUA_WEB_THREADS": str(threads),
        "MOTCUA_LOOKUP_RATE": "100000000/min",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "motcua.cli",
            "serve",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        env=server_env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # collectstatic compresses every static file of a fresh data directory first (~40 s on a busy machine).
        deadline = time.monotonic() + startup_seconds
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk(url: str, *, script: str, duration: int, connections: int, threads: int = 2) -> dict:
    """Run wrk with a Lua script; returns requests/s and the count of non-2xx answers."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (scripts/install-system-packages installs it)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", handle.name, url],
            check=True,
            text=True,
            capture_output=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    result = {"requests_per_second": 0.0, "non_2xx": 0, "requests": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["requests_per_second"] = float(line.split()[1])
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["non_2xx"] = int(line.split()[-1])
        elif "requests in" in line:
            result["requests"] = int(line.split()[0])
    return result


def lua_string(text: str) -> str:
    """A Lua string literal; UTF-8 bytes outside printable ASCII as decimal escapes (Lua has no \\u)."""
    out = []
    for byte in text.encode():
        char = chr(byte)
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


def lua_post(body: dict, headers: dict) -> str:
    lines = ['wrk.method = "POST"', f"wrk.body = {lua_string(json.dumps(body, ensure_ascii=False))}"]
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"
