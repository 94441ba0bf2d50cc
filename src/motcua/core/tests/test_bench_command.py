"""``motcua bench``: the benchmarks ship with the source, not with the installed package."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from motcua.core.management.commands import bench


def test_from_a_checkout_the_benchmarks_are_found_and_an_unknown_suite_is_named():
    assert set(bench.benchmarks().SUITES) >= {"dossiers", "portal", "events", "ocr", "workspace"}
    with pytest.raises(CommandError, match="Không có bài đo nope"):
        call_command("bench", "nope")


def test_installed_without_the_source_it_says_where_the_benchmarks_are(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "CHECKOUT", tmp_path)  # no benchmarks/ beside the installed package
    monkeypatch.setitem(sys.modules, "motcua_bench", None)  # and none on the path: import fails
    with pytest.raises(CommandError, match="make bench"):
        bench.benchmarks()
    with translation.override("en"), pytest.raises(CommandError, match="ship with the source"):
        bench.benchmarks()


def test_a_benchmark_command_runs_outside_the_installed_package():
    """The benchmarks' own commands are not ``motcua manage`` commands any more; they run from the
    checkout with ``python -m motcua_bench.commands`` (here: one that only needs its arguments parsed)."""
    checkout_paths = [str(bench.CHECKOUT / "benchmarks"), str(bench.CHECKOUT / "testing")]
    listed = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "manage", "help", "--commands"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "backup" in listed.stdout and "bench_fixture" not in listed.stdout
    help_text = subprocess.run(
        [sys.executable, "-m", "motcua_bench.commands", "bench_events", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(checkout_paths)},
        timeout=120,
    )
    assert help_text.returncode == 0, help_text.stderr[-2000:]
    assert "--events" in help_text.stdout
