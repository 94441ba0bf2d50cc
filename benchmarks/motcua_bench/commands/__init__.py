"""The benchmarks' own Django commands: they build a benchmark's world in its fresh database (with
the test support) or measure from inside it, and print what the benchmark needs as JSON.

They are not installed with motcua (``motcua manage`` does not list them): a benchmark runs one with
``harness.bench_command(NAME, *args, env=env)``, that is ``python -m motcua_bench.commands NAME``.
"""
