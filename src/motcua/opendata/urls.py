from django.urls import path

from motcua.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.dataset_list, name="list"),
    path("<slug:slug>/", views.dataset_detail, name="dataset"),
    path("<slug:slug>.jsonld", views.dataset_jsonld, name="jsonld"),
    path("<slug:slug>.<str:extension>", views.download, name="download"),
]
