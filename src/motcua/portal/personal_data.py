"""Tải dữ liệu của tôi: the applicant downloads everything held about them (Decree 13/2023)."""

from __future__ import annotations

from motcua.core.downloads import download_response
from motcua.portal.access import applicant_required
from motcua.privacy.services import export_applicant_data


@applicant_required
def my_data(request):
    content = export_applicant_data(user=request.user, by=request.user)
    return download_response(content, filename="du-lieu-cua-toi.zip", content_type="application/zip")
