from django.contrib import admin
from django.urls import include, path

from motcua.assistant.api import AssistantView
from motcua.core import site
from motcua.core import views as core_views

admin.site.site_header = "motcua — quản trị"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị hệ thống giải quyết thủ tục hành chính"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("logo", site.logo, name="site-logo"),
    path("favicon.ico", site.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The assistant is a front door of its own: its endpoint is mounted here, beside the API.
    path("api/v1/assistant/", AssistantView.as_view(), name="assistant"),
    path("api/v1/", include("motcua.api.urls")),
    # The open data portal (a front door): its pages, and CKAN's and DCAT's paths at the root.
    path("du-lieu-mo/", include("motcua.opendata.urls")),
    path("", include("motcua.opendata.api_urls")),
    path("can-bo/ket-qua/", include("motcua.signing.backoffice_urls")),
    path("can-bo/so-hoa/", include("motcua.documents.backoffice_urls")),
    path("can-bo/xu-ly/", include("motcua.backoffice.workspace_urls")),
    path("can-bo/chi-so/", include("motcua.reports.urls")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("tep/", include("motcua.documents.urls")),
    path("xac-thuc/", include("motcua.signing.urls")),
    path("tro-ly/", include("motcua.assistant.urls")),
    path("so-lieu/", include("motcua.reports.public_urls")),
    path("", include("motcua.payments.urls")),
    path("sandbox/", include("motcua.demo.urls")),
    path("", include("motcua.portal.urls")),
]

handler400 = "motcua.core.views.bad_request"
handler403 = "motcua.core.views.permission_denied"
handler404 = "motcua.core.views.not_found"
handler500 = "motcua.core.views.server_error"
