"""Kho dữ liệu của tôi: the applicant's digitized documents and electronic results, to download or reuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render

from motcua.core.errors import NotFound
from motcua.core.text import fold
from motcua.documents.repository import document_of, repository_of
from motcua.documents.storage import open_stored
from motcua.payments.selectors import receipts_of
from motcua.portal.access import applicant_required


@applicant_required
def my_documents(request):
    documents = list(repository_of(request.user).prefetch_related("reuses__dossier"))
    return render(
        request,
        "portal/repository/list.html",
        {"documents": documents, "receipts": receipts_of(request.user)},
    )


@applicant_required
def document_file(request, reference):
    try:
        document = document_of(request.user, reference)
    except (NotFound, ValidationError):
        raise Http404 from None
    stored = document.searchable or document.original
    name = fold(document.applicant_title).replace(" ", "-")[:80] or "giay-to"
    response = FileResponse(
        open_stored(stored), as_attachment=True, filename=f"{name}.pdf", content_type=stored.media_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
