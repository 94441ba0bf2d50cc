from django.urls import path

from motcua.backoffice import workspace as views

app_name = "workspace"

urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("ho-so/<str:code>/", views.dossier_page, name="dossier"),
    path("ho-so/<str:code>/phieu-kiem-soat/", views.slip_page, name="slip"),
    path("ho-so/<str:code>/giay-to/<slug:slug>.pdf", views.paper, name="paper"),
    path("ho-so/<str:code>/<slug:action>/", views.act, name="act"),
]
