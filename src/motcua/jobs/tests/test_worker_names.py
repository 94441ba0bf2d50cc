"""Two ``motcua worker`` processes on one host must not share Celery's default node name
(``celery@host``): the second cannot declare the control queue (RabbitMQ answers RESOURCE_LOCKED)
and stops taking jobs. The scale-out test found it."""

from motcua import cli


def _argv_of(monkeypatch, *args: str) -> list[str]:
    seen = {}
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: seen.setdefault("argv", argv))
    cli.worker(list(args))
    return seen["argv"]


def test_each_worker_gets_a_node_name_of_its_own(monkeypatch):
    argv = _argv_of(monkeypatch)
    name = argv[argv.index("--hostname") + 1]
    assert name.startswith("motcua-") and name.endswith("@%h")


def test_a_name_given_on_the_command_line_is_kept(monkeypatch):
    argv = _argv_of(monkeypatch, "--hostname", "scan-room@%h")
    assert argv.count("--hostname") == 1 and "scan-room@%h" in argv
