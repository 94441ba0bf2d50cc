"""Kho dữ liệu của tôi: the applicant's digitized documents and electronic results, to download or reuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from motcua.core.downloads import download_response
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
    return download_response(open_stored(stored), filename=f"{name}.pdf", content_type=stored.media_type)
