"""The admin's file inputs for stored files.

Django's file input links the current file to ``MEDIA_URL`` + its name, but motcua never serves
``/files/`` (files go out through views that decide who may read them): that link is a 404.
``StoredFileInput`` shows the file's name, linked to the page given in ``link`` (a view that
serves it), or not linked at all.
"""

from __future__ import annotations

from django import forms


class _Current:
    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class StoredFileInput(forms.ClearableFileInput):
    template_name = "core/widgets/stored_file_input.html"
    link = ""

    def format_value(self, value):
        if self.is_initial(value):
            return _Current(value.name.rsplit("/", 1)[-1], self.link)
        return super().format_value(value)
