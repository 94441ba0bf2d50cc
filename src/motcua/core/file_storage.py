"""Local file storage whose files appear whole or not at all.

Django's ``FileSystemStorage`` writes straight into the final name: a process killed
half-way (SIGKILL of a web worker during an upload, a power cut) leaves a truncated file
under the name a row will later point at, and content-addressed storage then believes the
bytes are there. Here the bytes go to a hidden ``.partial-*`` file in the same folder, are
flushed to disk, and only then linked under their name (``link`` fails if the name exists,
so two writers never overwrite each other). A ``.partial-*`` file left by a crash is
removed by the orphan sweep (documents.storage.sweep_orphans).
"""

from __future__ import annotations

import os
import shutil
import tempfile

from django.core.files.storage import FileSystemStorage

PARTIAL_PREFIX = ".partial-"


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=directory, prefix=PARTIAL_PREFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                if hasattr(content, "temporary_file_path"):
                    with open(content.temporary_file_path(), "rb") as source:
                        shutil.copyfileobj(source, out, 1 << 20)
                else:
                    if hasattr(content, "seek"):
                        content.seek(0)
                    for chunk in content.chunks():
                        out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(partial, 0o666 & ~umask)
            while True:
                try:
                    os.link(partial, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
            _fsync_directory(directory)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        return str(name).replace("\\", "/")


def _fsync_directory(directory: str) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
