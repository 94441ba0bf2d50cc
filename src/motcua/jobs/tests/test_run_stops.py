"""`make run` stops on Ctrl-C: the worker, the scan inbox and the web server are all gone within 10 s,
and a job the worker had in hand is handed back and done after the next start."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from motcua.jobs.celery import app
from motcua_testing.jobs import database_url, running_worker, wait_for

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "run"


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (they live in sessions of their own, so walk the parent links)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _still_running(pids: set[int], log: Path) -> str:
    """What did not stop, by command line, and the end of the run's log (for the failure message)."""
    lines = []
    for pid in sorted(_alive(pids)):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            command = "?"
        lines.append(f"{pid}: {command[:200]}")
    return "\n".join(lines) + "\n--- run.log ---\n" + log.read_text()[-3000:]


def _as_from_a_terminal() -> None:
    """The run starts as from a terminal, where Ctrl-C is not ignored. A command put in the
    background by a shell without job control (``(make test &)``, nohup in a script, some CI
    runners) starts with SIGINT and SIGQUIT ignored, and every process below inherits that; bash
    cannot even trap a signal ignored when it started. So the test, not the script, undoes it:
    without this, Ctrl-C reached a run where nothing listened (the failures of 7 Dec 2026)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def _ignores_interrupt(pid: int) -> bool:
    ignored = next(
        line.split()[1]
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("SigIgn:")
    )
    return bool(int(ignored, 16) & (1 << (signal.SIGINT - 1)))


def test_the_run_is_started_with_ctrl_c_heard_even_from_a_background_shell():
    """What the pytest process ignores (started in the background), the run must not inherit."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = subprocess.Popen(["sleep", "5"], start_new_session=True, preexec_fn=_as_from_a_terminal)
        try:
            assert not _ignores_interrupt(child.pid)
        finally:
            child.kill()
            child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
@pytest.mark.django_db(transaction=True)
def test_ctrl_c_stops_everything_within_ten_seconds_and_the_interrupted_job_runs_after_a_restart(tmp_path):
    if settings.CELERY_BROKER_URL != "filesystem://":
        pytest.skip("the embedded broker is not in use (MOTCUA_BROKER_URL is set)")
    broker = Path(settings.BROKER_DIR)
    for stale in broker.glob("*.msg"):
        stale.unlink()
    port = _free_port()
    log = tmp_path / "run.log"
    environ = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(settings.DATA_DIR),
        "MOTCUA_DATABASE_URL": database_url(),
        "MOTCUA_BIND": f"127.0.0.1:{port}",
        "MOTCUA_WEB_WORKERS": "1",
        "MOTCUA_WORKER_CONCURRENCY": "1",
        "MOTCUA_JOBS_EAGER": "0",
        "MOTCUA_BIN": str(Path(os.sys.executable).parent),
    }
    with open(log, "w") as out:
        run = subprocess.Popen(
            [str(SCRIPT)],
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_as_from_a_terminal,
        )
    try:
        answered = wait_for(lambda: _answers(f"http://127.0.0.1:{port}/healthz"), timeout=180)
        assert answered, log.read_text()[-4000:]
        app.send_task("motcua.jobs.wait", args=[20, "xong sau khi khởi động lại"])
        assert wait_for(lambda: "motcua.jobs.wait[" in log.read_text(), timeout=30), log.read_text()[-2000:]
        everything = _descendants(run.pid) | {run.pid}
        assert len(everything) >= 6  # the script, the worker and its pool, the inbox, gunicorn and its worker

        started = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does in the terminal
        assert wait_for(lambda: not _alive(everything), timeout=15, every=0.1), _still_running(
            everything, log
        )
        stopped_in = time.monotonic() - started
    finally:
        for pid in _alive(_descendants(run.pid) | {run.pid}):
            os.kill(pid, signal.SIGKILL)
        run.wait()
    assert stopped_in < 10, f"stopped in {stopped_in:.1f} s"
    assert not any(
        "motcua.jobs.wait[" in line and "succeeded" in line for line in log.read_text().splitlines()
    )
    assert any(
        "motcua.jobs.wait" in message.read_text() for message in broker.glob("*.msg")
    )  # …and handed back

    restarted = tmp_path / "worker.log"
    with running_worker(restarted):
        assert wait_for(lambda: "xong sau khi khởi động lại" in restarted.read_text(), timeout=90), (
            restarted.read_text()[-2000:]
        )
