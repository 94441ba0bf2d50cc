"""CKAN clients read the portal as any CKAN site: ckanapi against the running server."""

from __future__ import annotations

import pytest
import requests
from ckanapi import RemoteCKAN
from ckanapi.errors import CKANAPIError, NotFound, SearchQueryError, ValidationError

from motcua.opendata import packages as packages_module
from motcua.opendata.datasets import Column, Dataset

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = ["co-quan-tiep-nhan", "linh-vuc-thu-tuc", "phi-le-phi", "thanh-phan-ho-so", "thu-tuc-hanh-chinh"]
# The province's indicators (reports.public), published even before the first dossier.
INDICATORS = ["chi-so-766", "ket-qua-giai-quyet-tthc"]
EVERYTHING = sorted(CATALOGUE + INDICATORS)


@pytest.fixture
def ckan(live_server, province):
    with RemoteCKAN(live_server.url) as client:
        yield client


def test_package_list_names_every_published_dataset(ckan):
    assert ckan.action.package_list() == EVERYTHING
    assert ckan.action.package_list(limit=2, offset=1) == EVERYTHING[1:3]


def test_package_show_gives_the_metadata_licence_organisation_and_three_downloads(ckan, province):
    package = ckan.action.package_show(id="thu-tuc-hanh-chinh")
    assert package["title"] == "Danh mục thủ tục hành chính"
    assert package["license_id"] == "cc-by" and package["isopen"] is True
    assert package["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["organization"]["title"] == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert package["owner_org"] == package["organization"]["id"]
    assert {"thu-tuc-hanh-chinh", "danh-muc"} <= {tag["name"] for tag in package["tags"]}
    assert package["metadata_created"] and package["metadata_modified"]
    assert [r["format"] for r in package["resources"]] == ["CSV", "JSON", "XLSX"]
    # The same dataset by its id, as harvesters keep it.
    assert ckan.action.package_show(id=package["id"])["name"] == "thu-tuc-hanh-chinh"


def test_a_resource_url_downloads_the_rows(ckan):
    package = ckan.action.package_show(id="thu-tuc-hanh-chinh")
    csv_resource = next(r for r in package["resources"] if r["format"] == "CSV")
    assert ckan.action.resource_show(id=csv_resource["id"]) == csv_resource
    response = requests.get(csv_resource["url"], timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0].startswith("code,name,field_code,field_name")
    # The two active procedures, not the repealed one.
    assert [line.split(",")[0] for line in lines[1:]] == ["1.001193", "1.009794"]


def test_package_search_finds_by_words_without_accents(ckan):
    found = ckan.action.package_search(q="phi le phi")
    assert found["count"] >= 1
    assert found["results"][0]["name"] == "phi-le-phi"
    assert ckan.action.package_search(q="không có chữ này đâu")["count"] == 0


def test_package_search_filters_with_fq_and_pages_with_rows_and_start(ckan, province):
    everything = ckan.action.package_search(q="*:*", rows=100)
    assert everything["count"] == 7
    tagged = ckan.action.package_search(fq="tags:phi-le-phi")
    assert [p["name"] for p in tagged["results"]] == ["phi-le-phi"]
    by_organisation = ckan.action.package_search(fq="organization:000-00-00-h30", rows=0)
    assert by_organisation["count"] == 7 and by_organisation["results"] == []
    first = ckan.action.package_search(sort="name asc", rows=2, start=0)
    second = ckan.action.package_search(sort="name asc", rows=2, start=2)
    assert [p["name"] for p in first["results"] + second["results"]] == EVERYTHING[:4]


def test_package_search_counts_facets(ckan):
    found = ckan.action.package_search(**{"facet.field": '["res_format","license_id"]', "rows": 0})
    assert found["facets"]["res_format"] == {"CSV": 7, "JSON": 7, "XLSX": 7}
    assert found["search_facets"]["license_id"]["items"] == [
        {"name": "cc-by", "display_name": "cc-by", "count": 7}
    ]


def test_package_search_filters_by_modification_time_as_harvesters_ask(ckan):
    assert ckan.action.package_search(fq="metadata_modified:[2000-01-01T00:00:00Z TO *]")["count"] == 7
    assert ckan.action.package_search(fq="metadata_modified:[2999-01-01T00:00:00Z TO *]")["count"] == 0


def test_organisations_are_the_agencies(ckan, province):
    names = ckan.action.organization_list()
    assert set(names) == {"000-00-00-h30", "000-00-12-h30", "000-00-15-h30"}
    records = ckan.action.organization_list(all_fields=True, sort="package_count desc")
    assert records[0]["name"] == "000-00-00-h30" and records[0]["package_count"] == 7
    justice = ckan.action.organization_show(id="000-00-12-h30")
    assert justice["title"] == "Sở Tư pháp" and justice["is_organization"] is True
    assert {"key": "agency_code", "value": "000.00.12.H30"} in justice["extras"]
    with_datasets = ckan.action.organization_show(id=records[0]["id"], include_datasets=True)
    assert len(with_datasets["packages"]) == 7


def test_status_show_says_what_the_site_is(ckan, live_server):
    status = ckan.action.status_show()
    assert status["site_url"] == live_server.url
    assert status["ckan_version"].startswith("2.") and status["locale_default"] == "vi"


def test_unknown_dataset_resource_or_organisation_is_a_not_found_error(ckan):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="khong-co")
    with pytest.raises(NotFound):
        ckan.action.resource_show(id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        ckan.action.organization_show(id="khong-co")


def test_missing_or_bad_parameters_are_validation_errors(ckan):
    with pytest.raises(ValidationError) as missing:
        ckan.action.resource_show()
    assert missing.value.error_dict["__type"] == "Validation Error" and "id" in missing.value.error_dict
    with pytest.raises(ValidationError):
        ckan.action.package_search(rows="mười")
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="colour:green")
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(sort="size desc")


def test_the_envelope_and_status_codes_are_ckans(live_server, province):
    ok = requests.get(f"{live_server.url}/api/3/action/package_list", timeout=30)
    assert ok.status_code == 200
    body = ok.json()
    assert set(body) == {"help", "success", "result"} and body["success"] is True
    assert body["help"] == f"{live_server.url}/api/3/action/help_show?name=package_list"
    missing = requests.get(f"{live_server.url}/api/3/action/package_show?id=khong-co", timeout=30)
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert missing.json()["error"]["__type"] == "Not Found Error"
    assert missing.json()["error"]["message"].startswith("Không tìm thấy")
    english = requests.get(
        f"{live_server.url}/api/3/action/package_show?id=khong-co",
        headers={"Accept-Language": "en"},
        timeout=30,
    )
    assert english.json()["error"]["message"].startswith("Not found")
    invalid = requests.get(f"{live_server.url}/api/3/action/package_search?rows=-1", timeout=30)
    assert invalid.status_code == 409 and invalid.json()["error"]["__type"] == "Validation Error"
    unknown = requests.get(f"{live_server.url}/api/3/action/package_create", timeout=30)
    assert unknown.status_code == 400 and unknown.json()
    with pytest.raises(CKANAPIError):
        RemoteCKAN(live_server.url).action.package_create(name="x")


def test_a_harvester_paging_through_package_search_gets_every_dataset_once(
    live_server, province, monkeypatch
):
    """As CKAN's harvester does: rows=N, start=0, N, 2N… until a page comes back short."""

    def many():
        return [
            Dataset(
                slug=f"chi-so-{n:02d}",
                title=f"Chỉ số thử nghiệm {n}",
                description="Tập dữ liệu thử nghiệm cho việc thu thập theo trang.",
                columns=(Column("value", "Giá trị", "integer"),),
                rows=lambda: iter([{"value": 1}]),
                organisation=(province.justice.code if n % 2 else province.construction.code),
                group="indicators",
            )
            for n in range(23)
        ]

    monkeypatch.setattr(packages_module, "SOURCES", (*packages_module.SOURCES, many))
    client = RemoteCKAN(live_server.url)
    harvested, start, rows = [], 0, 7
    while True:
        page = client.action.package_search(q="*:*", rows=rows, start=start, sort="metadata_modified desc")
        harvested += [package["id"] for package in page["results"]]
        if len(page["results"]) < rows:
            break
        start += rows
    assert page["count"] == 30
    assert len(harvested) == 30 and len(set(harvested)) == 30
    assert client.action.organization_show(id="000-00-12-h30")["package_count"] == 11


def test_a_post_with_broken_json_is_refused_with_a_clear_message(live_server, province):
    response = requests.post(
        f"{live_server.url}/api/3/action/package_search",
        data=b'{"q": "phi',
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "JSON" in response.json()


def test_ckanapi_can_read_with_get_only(live_server, province):
    client = RemoteCKAN(live_server.url, get_only=True)
    found = client.action.package_search(q="lệ phí", rows=1)
    assert found["results"][0]["name"] == "phi-le-phi"
