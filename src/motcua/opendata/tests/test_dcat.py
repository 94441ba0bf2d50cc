"""DCAT-AP in JSON-LD: parsed as RDF (rdflib), the graph says what a European harvester reads."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

pytestmark = pytest.mark.django_db

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


def graph_of(response) -> Graph:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content.decode("utf-8"), format="json-ld")


def test_a_dataset_is_a_dcat_dataset_with_title_publisher_and_distributions(client, province):
    graph = graph_of(client.get("/du-lieu-mo/phi-le-phi.jsonld"))
    dataset = URIRef("http://testserver/du-lieu-mo/phi-le-phi/")
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, DCTERMS.title) == Literal("Phí, lệ phí thủ tục hành chính", lang="vi")
    assert graph.value(dataset, DCTERMS.modified) is not None
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 3
    for distribution in distributions:
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        assert graph.value(distribution, DCTERMS.license) == LICENCE
    downloads = sorted(str(graph.value(d, DCAT.downloadURL)) for d in distributions)
    assert downloads == [
        "http://testserver/du-lieu-mo/phi-le-phi.csv",
        "http://testserver/du-lieu-mo/phi-le-phi.json",
        "http://testserver/du-lieu-mo/phi-le-phi.xlsx",
    ]
    # Each download URL gives the file.
    for url in downloads:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_ckanext_dcat_paths_answer_the_same(client, province):
    by_id = client.get("/api/3/action/package_show?id=phi-le-phi").json()["result"]["id"]
    same = graph_of(client.get(f"/dataset/{by_id}.jsonld"))
    assert (URIRef("http://testserver/du-lieu-mo/phi-le-phi/"), RDF.type, DCAT.Dataset) in same


def test_the_catalogue_lists_every_dataset(client, province):
    graph = graph_of(client.get("/catalog.jsonld"))
    catalog = URIRef("http://testserver/du-lieu-mo/")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert graph.value(catalog, DCTERMS.license) == LICENCE
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == 7  # the catalogue's five, the province's two indicators
    assert all((d, RDF.type, DCAT.Dataset) in graph for d in datasets)


def test_an_unknown_dataset_has_no_jsonld(client, province):
    assert client.get("/du-lieu-mo/khong-co.jsonld").status_code == 404
