from django.urls import path

from motcua.signing import backoffice

app_name = "signing-backoffice"

urlpatterns = [
    path("<str:reference>/", backoffice.results, name="results"),
    path("<str:reference>/du-thao/", backoffice.prepare, name="prepare"),
    path("<str:reference>/<str:token>/ky/", backoffice.sign, name="sign"),
    path("<str:reference>/<str:token>/du-thao.pdf", backoffice.draft_pdf, name="draft-pdf"),
]
