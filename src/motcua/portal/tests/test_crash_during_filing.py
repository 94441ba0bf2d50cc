"""SIGKILL of the web server during a burst of online submissions with attachments.

A real ``motcua serve`` (gunicorn, two workers) on the test database; four citizens' browsers
(HTTP clients reading the forms each page renders) file dossiers with a scanned PDF. Half-way
the whole server is killed with SIGKILL and started again; the clients retry what was not
answered, with the same form (same form key), as a person pressing the button again would.
Afterwards every dossier a client saw acknowledged is there, submitted, with its file whole;
no stored file is cut short; and once the orphan sweep has run, no file is left without a row.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from motcua.documents.models import Attachment
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.factories import CitizenFactory, DocumentFactory
from motcua_testing.files import pdf_bytes
from motcua_testing.http_filing import file_one, sign_in
from motcua_testing.integration import free_port
from motcua_testing.jobs import database_url, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CLIENTS, PER_CLIENT, KILL_AFTER = 4, 5, 8


class Server:
    def __init__(self, data_dir: Path, files: Path, log: Path):
        self.port = free_port()
        self.env = {
            **os.environ,
            "MOTCUA_DATA_DIR": str(data_dir),
            "MOTCUA_DATABASE_URL": database_url(),
            "MOTCUA_STORAGE_URL": f"file://{files}",
            "MOTCUA_BIND": f"127.0.0.1:{self.port}",
            "MOTCUA_WEB_WORKERS": "2",
            "MOTCUA_JOBS_EAGER": "0",
            "MOTCUA_SIGNIN_RATE": "1000/min",
        }
        self.log, self.process = log, None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        out = open(self.log, "a")  # noqa: SIM115 - closed with the process
        # What `motcua serve` runs, minus its collectstatic (minutes of compression on a busy
        # machine; WhiteNoise serves from the finders anyway).
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "motcua.wsgi:application",
                "--config",
                "python:motcua.gunicorn_config",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],  # fmt: skip
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes master and workers at once
        )
        assert wait_for(self._answers, timeout=60), self.log.read_text()[-2000:]

    def _answers(self) -> bool:
        try:
            answer = httpx.get(f"{self.url}/healthz", timeout=2)
            return answer.status_code == 200 and answer.headers["server"] == "motcua"  # no gunicorn banner
        except httpx.HTTPError:
            return False

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def test_every_acknowledged_dossier_and_file_survives_a_sigkill_of_the_web_server(world, tmp_path):
    DocumentFactory(procedure=world.procedure, name="Tờ khai", mandatory=True)
    citizens = [CitizenFactory() for _ in range(CLIENTS)]
    files = tmp_path / "files"
    server = Server(tmp_path / "data", files, tmp_path / "serve.log")
    server.start()
    acknowledged: list[str] = []
    errors: list[BaseException] = []
    killed = threading.Event()

    def citizen_files(user, number):
        try:
            client = sign_in(server.url, user)
            for n in range(PER_CLIENT):
                scan = pdf_bytes(f"client {number} dossier {n}")
                acknowledged.append(file_one(client, world.procedure.code, scan))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    def killer():
        wait_for(lambda: len(acknowledged) >= KILL_AFTER, timeout=300, every=0.05)
        server.kill()
        killed.set()
        server.start()

    threads = [threading.Thread(target=citizen_files, args=(user, n)) for n, user in enumerate(citizens)]
    threads.append(threading.Thread(target=killer))
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
    finally:
        server.stop()
    assert not errors, errors
    assert killed.is_set()
    assert len(acknowledged) == CLIENTS * PER_CLIENT

    from django.db import connection

    connection.close()
    dossiers = {str(d.uuid): d for d in Dossier.objects.filter(uuid__in=acknowledged)}
    assert set(dossiers) == set(acknowledged)
    assert {d.status for d in dossiers.values()} == {Status.SUBMITTED}
    for dossier in dossiers.values():
        (attachment,) = Attachment.objects.filter(dossier=dossier).select_related("file")
        content = (files / attachment.file.name).read_bytes()
        assert (
            len(content) == attachment.file.size
            and hashlib.sha256(content).hexdigest() == attachment.file.sha256
        )

    stored = [p for p in (files / "documents").rglob("*") if p.is_file()]
    for path in stored:
        if not path.name.startswith(".partial-"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name  # none cut short

    from django.test import override_settings

    from motcua.documents.storage import sweep_orphans

    with override_settings(
        STORAGES={
            "default": {
                "BACKEND": "motcua.core.file_storage.AtomicFileSystemStorage",
                "OPTIONS": {"location": str(files)},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        from datetime import timedelta

        sweep_orphans(older_than=timedelta(0))
    referenced = set(Attachment.objects.values_list("file__name", flat=True))
    left = {str(p.relative_to(files)) for p in (files / "documents").rglob("*") if p.is_file()}
    assert left == referenced
