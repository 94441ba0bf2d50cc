"""Procedure pages: the list with search, one procedure, its QR code and its counter poster."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from motcua.catalogue.models import Field, Level, OnlineLevel, Procedure
from motcua.core.downloads import download_response
from motcua.core.pdf import pdf_response, render_pdf
from motcua.core.qr import qr_data_uri, qr_svg, qr_svg_bytes
from motcua.payments.fees import collects_at_filing
from motcua.portal.blank_forms import blank_form_response
from motcua.search.selectors import MAX_QUESTION, ranked_procedures, understood
from motcua.search.statistics import click_token, record_click, record_question

PAGE_SIZE = 20


def _procedure(code: str) -> Procedure:
    procedure = (
        Procedure.objects.select_related("field")
        .prefetch_related("levels", "fees", "documents", "agencies")
        .filter(code=code, is_active=True)
        .first()
    )
    if procedure is None:
        raise Http404
    return procedure


def procedure_url(request, procedure: Procedure) -> str:
    from django.conf import settings

    return settings.SITE_URL + reverse("portal:procedure", args=[procedure.code])


def procedure_list(request):
    """Tìm thủ tục: by a question as people say it (``search``), field, level and online level; htmx swaps only the results."""
    params = request.GET
    text = params.get("q", "").strip()[:MAX_QUESTION]
    queryset = ranked_procedures(
        text,
        field=params.get("linh-vuc") or None,
        level=params.get("cap") or None,
        online_level=params.get("truc-tuyen") or None,
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(params.get("trang"))
    corrected = getattr(queryset, "corrected", {})
    click = ""
    # Counted when asked with the Tìm button (its name comes with the form): not per page of the
    # results, nor for each pause while someone is still typing (the live search).
    if text and params.get("tim") and not params.get("trang"):
        click = click_token(record_question(text, found=bool(len(queryset)), corrected=corrected))
    context = {
        "page": page,
        "q": text,
        "question_max": MAX_QUESTION,
        "corrected": corrected,
        "understood": understood(text, corrected),
        "click": click,
        "fields": Field.objects.order_by("name"),
        "levels": Level.objects.all(),
        "online_levels": OnlineLevel.choices,
        "chosen": {
            "field": params.get("linh-vuc", ""),
            "level": params.get("cap", ""),
            "online": params.get("truc-tuyen", ""),
        },
        "query": params.urlencode() if params else "",
    }
    template = (
        "portal/procedures/_results.html"
        if request.headers.get("HX-Request")
        else "portal/procedures/list.html"
    )
    return render(request, template, context)


def procedure_detail(request, code):
    procedure = _procedure(code)
    record_click(request.GET.get("tk", ""))
    url = procedure_url(request, procedure)
    agencies = [a for a in procedure.agencies.all() if a.is_active]
    return render(
        request,
        "portal/procedures/detail.html",
        {
            "procedure": procedure,
            "fees": list(procedure.fees.all()),
            "pay_at_filing": collects_at_filing(procedure),
            "documents": list(procedure.documents.all()),
            "agencies": agencies[:12],
            "more_agencies": max(0, len(agencies) - 12),
            "levels": list(procedure.levels.all()),
            "qr": qr_svg(url, scale=3, title=procedure.name[:80]),
            "page_url": url,
        },
    )


def procedure_qr(request, code):
    procedure = _procedure(code)
    return download_response(
        qr_svg_bytes(procedure_url(request, procedure)),
        filename=f"qr-{procedure.code}.svg",
        content_type="image/svg+xml",
        inline=True,
        public_seconds=3600,
    )


def procedure_poster(request, code):
    """Áp phích: the procedure's QR code on an A4 page for the counter's wall."""
    procedure = _procedure(code)
    url = procedure_url(request, procedure)
    pdf = render_pdf(
        "portal/procedures/poster.html",
        {
            "procedure": procedure,
            "fees": list(procedure.fees.all()),
            "documents": list(procedure.documents.all()),
            "qr": qr_data_uri(url, scale=10),
            "page_url": url,
        },
    )
    return pdf_response(pdf, f"ap-phich-{procedure.code}.pdf")


def blank_form(request, code, component):
    """Tải mẫu: the blank form of one document of the procedure (the catalogue's file, or one drawn from the e-form)."""
    return blank_form_response(_procedure(code), component)
