from django.urls import path

from motcua.signing import views

app_name = "signing"

urlpatterns = [
    path("", views.upload, name="verify-upload"),
    path("<str:token>/", views.result, name="verify-result"),
    path("<str:token>/tep/", views.result_pdf, name="result-pdf"),
]
