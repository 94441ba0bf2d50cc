"""Scale-out shown: the topology of README "How to run at scale", started for real and hurt mid-burst.

haproxy (Debian's package, with ``deploy/haproxy.cfg`` itself) in front of two ``motcua serve``
processes; two ``motcua worker`` processes and one ``motcua beat`` on RabbitMQ (a virtual host of
its own); files on S3 (moto's server); PostgreSQL. Citizens file dossiers with a scanned PDF
through the load balancer, reading the forms the pages render; half-way one web process and one
worker are killed (SIGKILL). Afterwards every dossier a citizen saw acknowledged is there once,
each file is readable from S3 whole, each event is in the history once and reached RabbitMQ (by
its id) through the surviving worker, the audit chain is linked and verifies, and both web
processes answered requests.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest
from conftest import require_service

from motcua_testing.files import pdf_bytes
from motcua_testing.http_filing import file_one, sign_in
from motcua_testing.integration import AMQP_URL, PORTS, Consumer, free_port, private_exchange, reachable
from motcua_testing.jobs import database_url, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, pytest.mark.postgresql]

CLIENTS, PER_CLIENT, KILL_AFTER = 4, 5, 6
HAPROXY_CONFIG = Path(__file__).resolve().parents[4] / "deploy" / "haproxy.cfg"
BUCKET = "motcua-scale-out"


class Process:
    """A child in its own process group, so a kill takes a master and its workers at once."""

    def __init__(self, name: str, argv: list[str], env: dict, log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> Process:
        with open(self.log, "a") as out:
            self.process = subprocess.Popen(
                self.argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@contextlib.contextmanager
def private_vhost():
    """A RabbitMQ virtual host of this test's own: its job queues meet no other test run's workers."""
    name = f"motcua-scale-{uuid.uuid4().hex[:8]}"
    ctl = shutil.which("rabbitmqctl")
    require_service("rabbitmqctl", ctl is not None, "apt-get install rabbitmq-server")
    for command in (["add_vhost", name], ["set_permissions", "-p", name, "guest", ".*", ".*", ".*"]):
        # Output to /dev/null, not a pipe: the Erlang tools leave helpers holding a pipe open.
        subprocess.run(
            [ctl, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )
    try:
        yield AMQP_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        subprocess.run(
            [ctl, "delete_vhost", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )


@contextlib.contextmanager
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _s3(endpoint: str):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="scale-out", aws_secret_access_key="scale-out",
    )  # fmt: skip


def _haproxy_config(folder: Path, front: int, web: list[int]) -> Path:
    """deploy/haproxy.cfg with this run's ports: the file operators deploy is the one tested."""
    text = HAPROXY_CONFIG.read_text()
    text = text.replace("bind 127.0.0.1:8000", f"bind 127.0.0.1:{front}")
    for number, port in enumerate(web, start=1):
        text, replaced = re.subn(
            rf"server web{number} 127\.0\.0\.1:\d+", f"server web{number} 127.0.0.1:{port}", text
        )
        assert replaced == 1, f"web{number} is not in deploy/haproxy.cfg"
    path = folder / "haproxy.cfg"
    path.write_text(text)
    return path


def _free_ports(count: int) -> list[int]:
    """``count`` distinct free ports of the tests' range (``free_port`` gives the first free one, again
    and again until something listens on it)."""
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError(f"not {count} free ports in {PORTS}")


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_burst_over_two_web_processes_and_two_workers_loses_and_doubles_nothing_when_one_of_each_dies(
    world, tmp_path, settings
):
    require_service("haproxy", shutil.which("haproxy") is not None, "apt-get install haproxy")
    require_service(
        "rabbitmq", reachable("127.0.0.1", 5672), "127.0.0.1:5672, apt-get install rabbitmq-server"
    )
    from django.db import connection

    from motcua.audit.models import AuditEntry
    from motcua.audit.verification import verify
    from motcua.documents.models import Attachment
    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.dossiers.states import Status
    from motcua_testing.factories import CitizenFactory, DocumentFactory

    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")  # the workers' checkpoints, read by verify
    DocumentFactory(procedure=world.procedure, name="Tờ khai", mandatory=True)
    citizens = [CitizenFactory() for _ in range(CLIENTS)]
    exchange = private_exchange()
    with private_vhost() as broker, s3_server() as endpoint, Consumer(exchange) as consumer:
        _s3(endpoint).create_bucket(Bucket=BUCKET)
        data = tmp_path / "data"
        data.mkdir()
        env = {
            **os.environ,
            "MOTCUA_DATA_DIR": str(data),
            "MOTCUA_DATABASE_URL": database_url(),
            "MOTCUA_SECRET_KEY": "scale-out-secret-key-shared-by-every-process",
            "MOTCUA_AUDIT_KEY": settings.AUDIT_KEY,  # this test verifies their chain with its own key
            "MOTCUA_AUDIT_CHECKPOINT_DIR": settings.AUDIT_CHECKPOINT_DIR,
            "MOTCUA_STORAGE_URL": f"s3://{BUCKET}?endpoint_url={endpoint}&region_name=us-east-1&addressing_style=path",
            "AWS_ACCESS_KEY_ID": "scale-out",
            "AWS_SECRET_ACCESS_KEY": "scale-out",
            "MOTCUA_BROKER_URL": broker,
            "MOTCUA_EVENTS_AMQP_URL": AMQP_URL,
            "MOTCUA_EVENTS_EXCHANGE": exchange,
            "MOTCUA_RELAY_EVERY_SECONDS": "1",
            "MOTCUA_AUDIT_CHAIN": "sequencer",
            "MOTCUA_AUDIT_CHAIN_SECONDS": "1",
            "MOTCUA_JOBS_EAGER": "0",
            "MOTCUA_WORKER_CONCURRENCY": "1",
            "MOTCUA_WEB_WORKERS": "2",
            "MOTCUA_SIGNIN_RATE": "1000/min",
            "MOTCUA_LOG_LEVEL": "WARNING",
            "MOTCUA_COLLECT_STATIC": "0",  # collected once per release; WhiteNoise serves from the finders
        }
        *ports, front = _free_ports(3)
        motcua = [sys.executable, "-m", "motcua.cli"]
        web = [
            Process(
                f"web{n}",
                [*motcua, "serve"],
                {**env, "MOTCUA_BIND": f"127.0.0.1:{port}"},
                tmp_path / f"web{n}.log",
            )
            for n, port in enumerate(ports, start=1)
        ]
        workers = [
            Process(f"worker{n}", [*motcua, "worker"], env, tmp_path / f"worker{n}.log") for n in (1, 2)
        ]
        beat = Process("beat", [*motcua, "beat"], env, tmp_path / "beat.log")
        balancer = Process(
            "haproxy",
            ["haproxy", "-db", "-f", str(_haproxy_config(tmp_path, front, ports))],
            env,
            tmp_path / "haproxy.log",
        )
        everything = [*web, *workers, beat, balancer]
        connection.close()  # the children must not inherit our connection
        try:
            for process in everything:
                process.start()
                if process in web:  # the first serve collects the static files; the next finds them
                    url = "http://" + process.env["MOTCUA_BIND"]
                    assert wait_for(lambda u=url: _answers(u), timeout=300, every=0.5), process.tail()
            base = f"http://127.0.0.1:{front}"
            assert wait_for(lambda: _answers(base), timeout=30), balancer.tail()

            served: Counter[str] = Counter()
            served_after_kill: Counter[str] = Counter()
            acknowledged: list[str] = []
            errors: list[BaseException] = []
            killed = threading.Event()

            def count(response: httpx.Response) -> None:
                server = response.headers.get("x-served-by", "?")
                served[server] += 1
                if killed.is_set():
                    served_after_kill[server] += 1

            def citizen_files(user, number):
                try:
                    client = sign_in(base, user, event_hooks={"response": [count]})
                    for n in range(PER_CLIENT):
                        scan = pdf_bytes(f"client {number} dossier {n}")
                        acknowledged.append(file_one(client, world.procedure.code, scan))
                except BaseException as error:  # noqa: BLE001 - reported by the test
                    errors.append(error)

            def killer():
                wait_for(lambda: len(acknowledged) >= KILL_AFTER, timeout=600, every=0.05)
                web[1].kill()
                workers[0].kill()
                killed.set()

            threads = [threading.Thread(target=citizen_files, args=(u, n)) for n, u in enumerate(citizens)]
            threads.append(threading.Thread(target=killer))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=900)
            assert not errors, errors
            assert killed.is_set() and len(acknowledged) == CLIENTS * PER_CLIENT
            assert served["web1"] > 0 and served["web2"] > 0, served  # the burst went over both
            assert served_after_kill["web1"] > 0 and served_after_kill["web2"] == 0, served_after_kill

            # Every event reaches RabbitMQ through the surviving worker (the relay job, queued by beat).
            expected = {
                str(i)
                for i in DossierEvent.objects.filter(dossier__uuid__in=acknowledged).values_list(
                    "event_id", flat=True
                )
            }
            assert wait_for(lambda: expected <= consumer.ids(), timeout=120), (
                f"{len(expected - consumer.ids())} events not published\n{workers[1].tail()}"
            )
            # ... and the sequencer (the chain job on that worker) has linked every audit entry.
            assert wait_for(lambda: not AuditEntry.objects.filter(seq=None).exists(), timeout=60)
        finally:
            for process in reversed(everything):
                process.stop()
            connection.close()

        # Every dossier acknowledged, each once: no retry made a second one.
        dossiers = list(Dossier.objects.filter(applicant__in=citizens).prefetch_related("attachments__file"))
        assert sorted(str(d.uuid) for d in dossiers) == sorted(acknowledged)
        assert {d.status for d in dossiers} == {Status.SUBMITTED}
        assert len({d.code for d in dossiers}) == len(dossiers)
        # Each file once, readable from S3, byte for byte what was stored.
        s3 = _s3(endpoint)
        for dossier in dossiers:
            (attachment,) = Attachment.objects.filter(dossier=dossier).select_related("file")
            body = s3.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
            assert len(body) == attachment.file.size
            assert hashlib.sha256(body).hexdigest() == attachment.file.sha256
        # Each event once in the history, published (de-duplicated by id) and audited once.
        events = DossierEvent.objects.filter(dossier__in=dossiers)
        kinds = Counter(events.values_list("dossier_id", "kind"))
        assert set(kinds.values()) == {1}
        assert {str(i) for i in events.values_list("event_id", flat=True)} <= consumer.ids()
        audited = Counter(
            AuditEntry.objects.filter(action="change", object_type="dossier").values_list(
                "object_ref", "detail__seq"
            )
        )
        for dossier in dossiers:  # a draft's entries name it by its uuid, until it has a code
            for event in dossier.events.all():
                assert audited[(dossier.code, event.seq)] + audited[(str(dossier.uuid), event.seq)] == 1
        report = verify()
        assert report.ok, report.problem
