"""Public verification pages: a result's QR code opens one; anyone can also upload a PDF to check it."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.audit.denials import note_denial
from motcua.core.downloads import download_response
from motcua.core.errors import NotFound
from motcua.core.uploads import oversized_uploads
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.signing.selectors import signed_result, verify_result, verify_upload

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOADS_PER_HOUR = 30


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _allow(request, scope: str, limit: int) -> bool:
    key = f"rate:{scope}:{_client(request)}"
    count = cache.get_or_set(key, 0, 3600)
    if count >= limit:
        return False
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
    return True


def result(request, token: str):
    """/xac-thuc/<token>/: what the result is, who signed it, whether it is valid and unchanged."""
    try:
        verification = verify_result(token)
    except NotFound:
        raise Http404 from None
    dossier = verification.document.dossier
    may_download = dossiers_visible_to(request.user).filter(pk=dossier.pk).exists()
    return render(request, "signing/result.html", {"v": verification, "may_download": may_download})


def result_pdf(request, token: str):
    """The signed file, for the applicant and the officials who may see the dossier."""
    try:
        document = signed_result(token)
    except NotFound:
        raise Http404 from None
    if not dossiers_visible_to(request.user).filter(pk=document.dossier_id).exists():
        note_denial(user=request.user, what="result", reference=document.dossier.code, reason="not_visible")
        raise Http404
    return download_response(
        document.signed_pdf.open("rb"),
        filename=f"ket-qua-{document.dossier.code}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
def upload(request):
    """/xac-thuc/: upload a PDF to check its signatures."""
    context, status = {}, 200
    limit = min(MAX_UPLOAD_BYTES, settings.MAX_FILE_BYTES)
    context["limit"] = f"{limit / (1024 * 1024):g} MB"
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        # A file past MAX_FILE_BYTES is dropped while it arrives (core.uploads): it is too large, not missing.
        dropped = [name for field, name in oversized_uploads(request) if field == "file"]
        if dropped or (uploaded is not None and uploaded.size > limit):
            name = dropped[0] if dropped else uploaded.name
            context["error"] = _("Tệp “%(name)s” quá lớn: trang này kiểm tra tệp tối đa %(limit)s.") % {
                "name": name,
                "limit": context["limit"],
            }
            status = 413
        elif uploaded is None:
            context["error"] = _("Cần chọn tệp PDF.")
            status = 400
        elif not _allow(request, "verify-upload", UPLOADS_PER_HOUR):
            context["error"] = _("Bạn đã kiểm tra quá nhiều tệp trong một giờ; vui lòng thử lại sau.")
            status = 429
        else:
            data = uploaded.read()
            if not data.startswith(b"%PDF-"):
                context["error"] = _("Tệp không phải PDF.")
                status = 400
            else:
                context["check"] = verify_upload(data)
                context["name"] = uploaded.name
    return render(request, "signing/upload.html", context, status=status)
