"""Tải dữ liệu của tôi: the applicant downloads everything held about them (Decree 13/2023)."""

from __future__ import annotations

from django.http import HttpResponse

from motcua.portal.access import applicant_required
from motcua.privacy.services import export_applicant_data


@applicant_required
def my_data(request):
    content = export_applicant_data(user=request.user, by=request.user)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
