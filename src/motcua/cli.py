"""The ``motcua`` command: ``serve``, ``worker``, ``migrate``, ``demo``, ``import-catalogue``,
``createofficial``, ``bench``, ``reports``, and ``manage`` for any other Django command."""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "migrate": ["migrate", "--noinput"],
    "demo": ["demo"],
    "import-catalogue": ["import_catalogue"],
    "createofficial": ["createofficial"],
    "bench": ["bench"],
    "relay": ["relay"],
    "scan-inbox": ["scan_inbox"],
    "audit": ["audit"],
    "reports": ["reports"],
    "backup": ["backup"],
    "restore": ["restore"],
}

USAGE = """usage: motcua COMMAND [ARGS]

  serve                 serve the web application (gunicorn) on MOTCUA_BIND (127.0.0.1:8000)
  worker [--beat]       run background jobs (Celery); --beat also runs the periodic ones
  beat                  run the periodic-job scheduler alone (one per installation, at scale)
  relay [--once]        publish dossier events from the outbox (AMQP, webhooks, notifications) in a loop
  converter [HOST:PORT] run a persistent LibreOffice (unoserver) for Word → PDF results
  migrate               create or update the database tables
  demo                  load the demo province once (agencies, officials, catalogue, 1,000 dossiers)
  import-catalogue FILE import procedures (JSON, CSV, or the national catalogue folder)
  createofficial        create an official account with roles
  bench                 run the benchmarks
  scan-inbox            watch every counter's scan folder (MOTCUA_SCAN_INBOX_DIR) and queue what arrives
  reports rebuild       recompute the dashboard's figures from the dossiers' history and open work
  reports check         compare the stored daily figures with the history (exit 1 on a difference)
  audit verify          check the audit log's chain and its checkpoints outside the database
  audit chain [--loop]  link the audit entries waiting for their place in the chain (the sequencer)
  backup FILE           database and files into one archive encrypted with MOTCUA_BACKUP_KEY
  restore FILE          a backup into an empty instance (new data directory, empty database)
  manage ARGS           any Django management command
"""


def _django(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["motcua", *argv])


def serve(args: list[str]) -> None:
    """Collect static files (unless MOTCUA_COLLECT_STATIC=0), then hand the process over to gunicorn."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    # At scale the files are collected once per release; each of N web processes compressing them
    # again at start takes minutes on a busy machine (WhiteNoise serves from the finders meanwhile).
    if os.environ.get("MOTCUA_COLLECT_STATIC", "1") != "0":
        _django(["collectstatic", "--noinput", "--verbosity", "0"])
    bind = os.environ.get("MOTCUA_BIND", "127.0.0.1:8000")
    workers = os.environ.get("MOTCUA_WEB_WORKERS", str(max(2, os.cpu_count() or 2)))
    threads = os.environ.get("MOTCUA_WEB_THREADS", "1")
    # Our workers answer a too-long address with the site's own page (core/gunicorn_workers.py).
    worker_class = "ThreadWorker" if int(threads) > 1 else "SyncWorker"
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "motcua.wsgi:application",
        "--config",
        "python:motcua.gunicorn_config",
        "--bind",
        bind,
        "--workers",
        workers,
        "--threads",
        threads,
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--worker-class",
        f"motcua.core.gunicorn_workers.{worker_class}",
        # A long question typed in a search box (percent-encoded, ~3 bytes per Vietnamese letter) still fits.
        "--limit-request-line",
        "8190",
        *args,
    ]
    print(f"motcua: serving on http://{bind}/ ({workers} workers × {threads} threads)", flush=True)
    os.execv(sys.executable, argv)


def worker(args: list[str]) -> None:
    """Hand the process over to a Celery worker (``--beat``: with the periodic-job scheduler inside)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.conf import settings

    beat = "--beat" in args
    args = [a for a in args if a != "--beat"]
    argv = [sys.executable, "-m", "celery", "--app", "motcua.jobs.celery", "worker", "--loglevel", "INFO"]
    argv += ["--concurrency", str(settings.WORKER_CONCURRENCY)]
    if beat:
        argv += ["--beat", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME]
    if not any(a in ("-n", "--hostname") or a.startswith("--hostname=") for a in args):
        # Two workers on one host under Celery's default name (celery@host) fight over one control
        # queue (RabbitMQ: RESOURCE_LOCKED) and the second stops taking jobs: each gets its own name.
        argv += ["--hostname", f"motcua-{os.getpid()}@%h"]
    print(
        f"motcua: background worker ({settings.WORKER_CONCURRENCY} processes{', with beat' if beat else ''})",
        flush=True,
    )
    os.execv(sys.executable, [*argv, *args])


def beat(args: list[str]) -> None:
    """Hand the process over to Celery beat, which queues the periodic jobs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.conf import settings

    argv = [sys.executable, "-m", "celery", "--app", "motcua.jobs.celery", "beat", "--loglevel", "INFO"]
    os.execv(sys.executable, [*argv, "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME, *args])


def converter(args: list[str]) -> None:
    """A persistent LibreOffice (unoserver) for rendering results; set MOTCUA_UNOSERVER to use it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.conf import settings

    from motcua.signing.converter import run

    run(args[0] if args else (settings.UNOSERVER or "127.0.0.1:2003"), settings.DATA_DIR)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        serve(rest)
    elif command == "worker":
        worker(rest)
    elif command == "beat":
        beat(rest)
    elif command == "converter":
        converter(rest)
    elif command == "manage":
        _django(rest)
    elif command in COMMANDS:
        _django([*COMMANDS[command], *rest])
    else:
        print(f"motcua: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
