"""CKAN's paths: ``/api/3/action/<name>`` and ``/api/action/<name>`` (what ``ckanapi`` calls),
and ckanext-dcat's ``/catalog.jsonld`` and ``/dataset/<id>.jsonld``."""

from django.urls import path

from motcua.opendata import actions, views

app_name = "opendata-api"

urlpatterns = [
    path("api/3", actions.api_root, name="root"),
    path("api/3/action/<str:name>", actions.action_view, name="action"),
    path("api/action/<str:name>", actions.action_view, name="action-unversioned"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog"),
    path("dataset/<str:slug>.jsonld", views.dataset_jsonld, name="dataset-jsonld"),
]
