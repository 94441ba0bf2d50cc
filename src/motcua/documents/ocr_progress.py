"""An OCRmyPDF plugin that writes OCR progress (pages done, pages in all) to the file named by
``MOTCUA_OCR_PROGRESS``, so the worker can show it to the officials while one OCRmyPDF run handles
the whole document (``ocr.digitize``). Loaded with ``--plugin motcua.documents.ocr_progress``."""

from __future__ import annotations

import os

from ocrmypdf import hookimpl


class FileProgress:
    def __init__(self, *, total=None, desc=None, unit=None, disable=False, **kwargs):
        self.total, self.desc, self.done = total, desc, 0
        self.path = os.environ.get("MOTCUA_OCR_PROGRESS")

    def __enter__(self):
        self._write()
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1, *, completed=None):
        self.done = completed if completed is not None else self.done + n
        self._write()

    def _write(self) -> None:
        if not self.path or self.desc not in ("OCR", "Image processing") or not self.total:
            return
        partial = f"{self.path}.part"
        with open(partial, "w") as handle:
            handle.write(f"{int(self.done)} {int(self.total)}")
        os.replace(partial, self.path)


@hookimpl
def get_progressbar_class():
    return FileProgress
