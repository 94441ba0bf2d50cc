"""Stored files are whole or absent, whatever kills the process; bytes no row points at are swept."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from motcua.documents.models import StoredFile
from motcua.documents.storage import storage_name, store, sweep_orphans
from motcua.documents.validation import FileKind
from motcua_testing.files import pdf_bytes, scanned_pdf

pytestmark = pytest.mark.django_db

WRITER = """
import sys, time
from motcua.core.file_storage import AtomicFileSystemStorage
from django.core.files.base import File

class Slow:
    def chunks(self):
        yield b"%PDF-1.4 first half "
        print("half", flush=True)
        time.sleep(60)
        yield b"second half %%EOF"
    def seek(self, n):
        pass

AtomicFileSystemStorage(location=sys.argv[1]).save("documents/ab/cd/abcd", Slow())
"""


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_a_process_killed_while_writing_leaves_no_file_under_the_name(tmp_path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "store")], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "half"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    folder = tmp_path / "store" / "documents" / "ab" / "cd"
    assert not (folder / "abcd").exists()
    assert [p.name for p in folder.iterdir()][0].startswith(".partial-")


def test_a_copy_cut_short_before_is_written_again_on_the_next_upload(world):
    data = pdf_bytes()
    import hashlib

    name = storage_name(hashlib.sha256(data).hexdigest())
    default_storage.save(name, ContentFile(data[: len(data) // 2]))
    stored = store(scanned_pdf(), kind=FileKind.PDF)
    with default_storage.open(stored.name, "rb") as handle:
        assert handle.read() == data


def test_the_sweep_removes_orphans_and_partials_and_keeps_what_rows_point_at(world):
    kept = store(scanned_pdf(), kind=FileKind.PDF)
    default_storage.save("documents/00/00/orphan", ContentFile(b"rolled back"))
    default_storage.save("documents/00/00/.partial-x1", ContentFile(b"half"))
    assert sweep_orphans(older_than=timedelta(hours=1)) == 0  # too young: a transaction may be running
    time.sleep(0.01)
    assert sweep_orphans(older_than=timedelta(0)) == 2
    assert default_storage.exists(kept.name) and StoredFile.objects.filter(pk=kept.pk).exists()
    assert not default_storage.exists("documents/00/00/orphan")
