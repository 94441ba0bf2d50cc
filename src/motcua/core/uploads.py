"""An upload handler that stops keeping a file once it is larger than any file may be.

Django writes large uploads to temporary files before a view sees them, so a
multi-gigabyte upload would fill the disk before the size check in
``validation.check_file`` could refuse it. This handler runs first: it passes
chunks on to Django's own handlers until a file passes ``MAX_FILE_BYTES``, then
drops that file (the rest of its bytes are read and discarded, never stored)
and notes it on the request, so the page can still say which file was too large.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class FileSizeLimitHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MAX_FILE_BYTES:
            dropped = getattr(self.request, "oversized_uploads", None)
            if dropped is None:
                dropped = self.request.oversized_uploads = []
            dropped.append((self.field_name, self.file_name))
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file


def oversized_uploads(request) -> list[tuple[str, str]]:
    """(form field, file name) of the files dropped for being too large."""
    return list(getattr(request, "oversized_uploads", []))
