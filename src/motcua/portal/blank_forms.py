"""Mẫu đơn, tờ khai: the blank form of a document component, to print and fill by hand.

The catalogue may hold the form's file (uploaded in the admin, or kept by the
catalogue import); when it does and the storage still has it, that file is
served. Otherwise a component that names a form gets a printable blank of it,
drawn from the procedure's e-form (one ruled line per field), so a link never
leads to a missing file. A component that names no form has no link.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.http import Http404
from django.urls import reverse

from motcua.catalogue.eform_fields import eform_fields
from motcua.catalogue.models import DocumentComponent, Procedure
from motcua.core.downloads import download_response
from motcua.core.pdf import pdf_response, render_pdf


def has_blank_form(component: DocumentComponent) -> bool:
    return bool(component.form_file or component.form_name.strip())


def blank_form_url(component: DocumentComponent) -> str:
    return reverse("portal:blank-form", args=[component.procedure.code, component.pk])


def blank_form_pdf(component: DocumentComponent) -> bytes:
    """A printable blank of the component's form: its name, the e-form's fields as lines to fill, a signature."""
    procedure = component.procedure
    return render_pdf(
        "portal/procedures/blank_form.html",
        {"component": component, "procedure": procedure, "fields": eform_fields(procedure.form_schema)},
    )


def _stored(component: DocumentComponent):
    if not component.form_file:
        return None
    storage = component.form_file.storage
    try:
        return (
            storage.open(component.form_file.name, "rb") if storage.exists(component.form_file.name) else None
        )
    except OSError:
        return None


def blank_form_response(procedure: Procedure, component_id: int):
    component = procedure.documents.filter(pk=component_id).first()
    if component is None or not has_blank_form(component):
        raise Http404
    stored = _stored(component)
    if stored is not None:
        name = PurePosixPath(component.form_file.name).name
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return download_response(stored, filename=name, content_type=content_type, public_seconds=3600)
    # The same blank for everyone: shared caches may keep it for an hour.
    return pdf_response(
        blank_form_pdf(component),
        f"mau-{procedure.code}-{component.pk}.pdf",
        download=True,
        public_seconds=3600,
    )
