from django.urls import path

from motcua.documents import views

app_name = "documents"

urlpatterns = [
    path("<str:reference>/", views.download, name="download"),
]
