"""The downloads: every format carries the same rows, with the right type, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_json_and_xlsx_carry_the_same_rows(client, province):
    csv_response = client.get("/du-lieu-mo/phi-le-phi.csv")
    assert isinstance(csv_response, StreamingHttpResponse)
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert csv_response["X-Content-Type-Options"] == "nosniff"
    assert "phi-le-phi.csv" in csv_response["Content-Disposition"]
    assert csv_response["Cache-Control"].startswith("public")
    rows = list(csv.DictReader(io.StringIO(body(csv_response).decode("utf-8"))))
    assert [(r["procedure_code"], r["name"], r["amount"]) for r in rows] == [
        ("1.001193", "Lệ phí đăng ký khai sinh", "0"),
        ("1.009794", "Lệ phí cấp giấy phép xây dựng", "75000"),
    ]

    json_response = client.get("/du-lieu-mo/phi-le-phi.json")
    assert json_response["Content-Type"] == "application/json; charset=utf-8"
    records = json.loads(body(json_response))
    assert [(r["procedure_code"], r["amount"]) for r in records] == [("1.001193", 0), ("1.009794", 75000)]

    xlsx_response = client.get("/du-lieu-mo/phi-le-phi.xlsx")
    assert xlsx_response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(body(xlsx_response))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("Mã thủ tục", "Tên thủ tục")
    assert [(v[0], v[4]) for v in values[1:]] == [("1.001193", 0), ("1.009794", 75000)]


def test_the_agencies_dataset_counts_their_procedures_and_names_their_parent(client, province):
    rows = json.loads(body(client.get("/du-lieu-mo/co-quan-tiep-nhan.json")))
    justice = next(r for r in rows if r["code"] == "000.00.12.H30")
    assert justice["name"] == "Sở Tư pháp" and justice["parent_code"] == "000.00.00.H30"
    assert justice["procedures"] == 1 and justice["hotline"] == "0239 1022"


def test_booleans_and_times_are_written_plainly(client, province):
    documents = list(
        csv.DictReader(io.StringIO(body(client.get("/du-lieu-mo/thanh-phan-ho-so.csv")).decode()))
    )
    assert documents[0]["mandatory"] == "true" and documents[0]["form_name"] == "Mẫu TK-01"
    procedures = json.loads(body(client.get("/du-lieu-mo/thu-tuc-hanh-chinh.json")))
    assert procedures[0]["updated_at"].endswith("+07:00")
    assert procedures[1]["total_fee"] == 75000 and procedures[1]["field_name"] == "Hoạt động xây dựng"


def test_an_unknown_format_or_dataset_is_not_found(client, province):
    assert client.get("/du-lieu-mo/phi-le-phi.pdf").status_code == 404
    assert client.get("/du-lieu-mo/khong-co.csv").status_code == 404


def test_the_download_reads_as_many_queries_for_90_procedures_as_for_30(client, province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua_testing.factories import FeeFactory, ProcedureFactory

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            FeeFactory(procedure=ProcedureFactory(code=f"8.{n:06d}", agencies=[province.justice]), amount=n)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            lines = body(client.get("/du-lieu-mo/thu-tuc-hanh-chinh.csv")).decode().splitlines()
        return len(captured), len(lines)

    add(30, 0)
    queries()  # the first answer also records when the datasets were first published
    few, rows_few = queries()
    add(60, 30)
    many, rows_many = queries()
    assert rows_many == rows_few + 60
    assert many == few


def test_package_search_reads_the_same_number_of_queries_for_more_agencies(client, province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua_testing.factories import AgencyFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/3/action/package_search?rows=100").status_code == 200
        return len(queries)

    count()  # the first answer also records when the datasets were first published
    before = count()
    for _ in range(20):
        AgencyFactory()
    assert count() == before


@pytest.mark.parametrize(
    "query",
    [
        "q=%22unclosed",
        "q=tags:",
        "q=(((",
        "fq=metadata_modified:[yesterday TO *]",
        "fq=metadata_modified:2026",
        "fq=tags:(phi-le-phi OR danh-muc)",
        "q=http://example.com",
        "sort=name%20sideways",
        "sort=,,,",
        "rows=1e3",
        "start=-5",
        "facet.field=[broken",
        "facet.field=%5B%22colour%22%5D",
        "facet.limit=many",
        "q=" + "a" * 5000,
    ],
)
def test_odd_search_input_gets_a_ckan_error_never_a_crash(client, province, query):
    response = client.get(f"/api/3/action/package_search?{query}")
    assert response.status_code in (200, 400, 409)
    body = response.json()
    if response.status_code != 200:
        assert body["success"] is False and body["error"]["__type"] in (
            "Validation Error",
            "Search Query Error",
        )
