"""Importing the national procedure catalogue (``procedures.csv`` + markdown sheets).

The first part reads small catalogue folders written like the portal's export
(the values inside a sheet are tested in ``test_national_values``); the second
part (``slow``) reads the real catalogue where it is kept, never a copy in the
repository: ``$MOTCUA_SHARED_DATA`` (the folder holding ``national-catalogue/``),
else ``shared/data`` in a parent of the repository, else ``/work/shared/data``.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from motcua.catalogue.importers import import_path, national, summarize
from motcua.catalogue.models import DocumentComponent, Fee, Procedure
from motcua.catalogue.records import validate_record
from motcua_testing.data import missing_data

# -- a small catalogue folder --------------------------------------------------------------------

CSV_TEXT = """\
Mã số,Tên,Cơ quan ban hành,Cơ quan thực hiện,Lĩnh vực,URL
1.001193,Đăng ký khai sinh,Bộ Tư pháp,Ủy ban nhân dân cấp xã,Hộ tịch,https://dichvucong.gov.vn/thu-tuc-hanh-chinh/a
2.000001,"Cấp giấy phép, có dấu phẩy",Bộ Xây dựng,Sở Xây dựng,Xây dựng; Quy hoạch,https://dichvucong.gov.vn/thu-tuc-hanh-chinh/b
"""

SHEET = """\
# Đăng ký khai sinh (tên rút gọn

## Thông tin chung

* **Mã thủ tục:** {code}
* **Số quyết định:** 1872/QĐ-BTP
* **Cấp thực hiện:** {levels}
* **Loại thủ tục:** TTHC được luật giao quy định chi tiết
* **Lĩnh vực:** {field}
* **Đối tượng thực hiện:** Công dân Việt Nam
* **Cơ quan có thẩm quyền:** Ủy ban nhân dân cấp xã
* **Địa chỉ tiếp nhận HS:** Không có thông tin

## Trình tự thực hiện

1. **Bước 1:** Nộp hồ sơ.

## Cách thức thực hiện

| Hình thức nộp | Thời gian giải quyết | Phí, lệ phí | Mô tả |
| --- | --- | --- | --- |
{channels}

## Thành phần hồ sơ

| Tên giấy tờ | Bản chính | Bản sao | Tệp đính kèm |
| --- | --- | --- | --- |
| - Tờ khai đăng ký khai sinh | 1 | 0 | Không có |
| - Giấy chứng sinh | 1 | 0 | Không có |

## Căn cứ pháp lý

| Tên văn bản pháp lý | Mã văn bản |
| --- | --- |
| Luật Hộ tịch | 60/2014/QH13 |

## Cơ quan thực hiện

Ủy ban nhân dân cấp xã

## Yêu cầu, điều kiện thực hiện

Không có thông tin

## Kết quả xử lý

* Giấy khai sinh (Mã: `KQ.G15.000001`)

## Mô tả

Không có thông tin
"""

IN_PERSON_AND_ONLINE = (
    "| Trực tuyến | 2 ngày làm việc | Không có thông tin | Lệ phí: 5.000 đồng |\n"
    "| Trực tiếp | 3 ngày làm việc | Lệ phí : 8.000 Đồng | Không có thông tin |"
)


def write_folder(folder: Path, sheets: dict[str, str], csv_text: str = CSV_TEXT) -> Path:
    (folder / "sheets").mkdir(parents=True)
    (folder / "procedures.csv").write_text(csv_text, encoding="utf-8-sig")
    for code, text in sheets.items():
        national.sheet_path(folder, code).write_text(text, encoding="utf-8")
    return folder


def sheet(code="1.001193", *, levels="Cấp xã", field="Hộ tịch", channels=IN_PERSON_AND_ONLINE) -> str:
    return SHEET.format(code=code, levels=levels, field=field, channels=channels)


def read_folder(tmp_path, sheets) -> tuple[dict[str, tuple], list]:
    rows, warnings = national.read(write_folder(tmp_path / "catalogue", sheets))
    return {record["code"]: (line, record) for line, record in rows}, warnings


def test_every_csv_row_becomes_a_record_with_its_line_number(tmp_path):
    records, _ = read_folder(tmp_path, {})

    line, record = records["2.000001"]
    assert line == 3
    assert record == {
        "code": "2.000001",
        "name": "Cấp giấy phép, có dấu phẩy",
        "field": "Xây dựng",
        "issuing_body": "Bộ Xây dựng",
        "implementing_agencies": "Sở Xây dựng",
        "source_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/b",
        "has_full_sheet": False,
    }


def test_a_sheet_fills_in_its_csv_procedure_keeping_the_csv_name(tmp_path):
    records, warnings = read_folder(tmp_path, {"1.001193": sheet()})

    record = records["1.001193"][1]
    assert record["has_full_sheet"] is True
    assert record["name"] == "Đăng ký khai sinh"
    assert record["levels"] == ["commune"]
    assert record["decision_number"] == "1872/QĐ-BTP"
    assert record["competent_authority"] == "Ủy ban nhân dân cấp xã"
    assert record["steps_text"] == "1. Bước 1: Nộp hồ sơ."
    assert record["result"] == "Giấy khai sinh (Mã: KQ.G15.000001)"
    assert record["conditions"] == ""
    assert record["legal_basis"] == [{"name": "Luật Hộ tịch", "number": "60/2014/QH13"}]
    assert [d["name"] for d in record["documents"]] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert record.get("agencies", []) == [], "local agencies are mapped by the province, not guessed"
    assert warnings == []


def test_time_and_fees_come_from_the_in_person_channel(tmp_path):
    records, _ = read_folder(tmp_path, {"1.001193": sheet()})

    record = records["1.001193"][1]
    assert record["processing_time"] == {"amount": 3, "unit": "working_day", "note": ""}
    assert [(f["kind"], f["amount"]) for f in record["fees"]] == [("charge", 8000)]


def test_time_and_fees_come_from_the_first_readable_channel_when_in_person_has_no_time(tmp_path):
    channels = (
        "| Trực tiếp | N/A | Không có thông tin | Không có thông tin |\n"
        "| Dịch vụ bưu chính | 4 Giờ | Không có thông tin | Phí: 20.000 đồng/lần |"
    )

    records, warnings = read_folder(tmp_path, {"1.001193": sheet(channels=channels)})

    record = records["1.001193"][1]
    assert record["processing_time"] == {
        "amount": 4,
        "unit": "working_hour",
        "note": "Cổng ghi “4 Giờ”, không nói rõ là giờ làm việc",
    }
    assert [(f["kind"], f["amount"], f["note"]) for f in record["fees"]] == [("fee", 20000, "/lần")]
    assert warnings == []


def test_channels_are_kept_as_the_portal_wrote_them(tmp_path):
    records, _ = read_folder(tmp_path, {"1.001193": sheet()})

    assert records["1.001193"][1]["channels"] == [
        {"channel": "Trực tuyến", "time": "2 ngày làm việc", "fee": "", "description": "Lệ phí: 5.000 đồng"},
        {"channel": "Trực tiếp", "time": "3 ngày làm việc", "fee": "Lệ phí : 8.000 Đồng", "description": ""},
    ]


def test_a_procedure_with_an_online_channel_is_partially_online(tmp_path):
    records, _ = read_folder(tmp_path, {"1.001193": sheet()})

    assert records["1.001193"][1]["online_level"] == "partial"


def test_a_procedure_without_an_online_channel_is_offline(tmp_path):
    channels = "| Trực tiếp | 3 ngày làm việc | Không có thông tin | Không có thông tin |"

    records, _ = read_folder(tmp_path, {"1.001193": sheet(channels=channels)})

    assert records["1.001193"][1]["online_level"] == "offline"


def test_an_unreadable_time_is_a_warning_naming_the_procedure_and_the_part(tmp_path):
    channels = "| Trực tiếp | Theo mô tả ngày | Không có thông tin | Không có thông tin |"

    records, warnings = read_folder(tmp_path, {"1.001193": sheet(channels=channels)})

    assert "processing_time" not in records["1.001193"][1]
    assert [(w.line, w.kind, w.message) for w in warnings] == [
        (
            "sheets/1_001193_procedure_detail.md",
            "time",
            "thủ tục 1.001193: không hiểu thời hạn giải quyết “Theo mô tả ngày”",
        )
    ]


def test_an_unreadable_fee_goes_to_the_fee_note_with_a_warning(tmp_path):
    channels = "| Trực tiếp | 3 ngày làm việc | Phí: Theo quy định của HĐND tỉnh | Không có thông tin |"

    records, warnings = read_folder(tmp_path, {"1.001193": sheet(channels=channels)})

    record = records["1.001193"][1]
    assert (record["fees"], record["fee_note"]) == ([], "Phí: Theo quy định của HĐND tỉnh")
    assert [w.kind for w in warnings] == ["fee"]


def test_an_unknown_level_is_a_warning_and_the_known_ones_are_kept(tmp_path):
    records, warnings = read_folder(tmp_path, {"1.001193": sheet(levels="Cấp xã, Cấp thôn")})

    assert records["1.001193"][1]["levels"] == ["commune"]
    assert [(w.kind, w.message) for w in warnings] == [
        ("level", "thủ tục 1.001193: không nhận ra cấp thực hiện “Cấp thôn”")
    ]


def test_a_sheet_whose_code_is_not_in_the_csv_is_imported_with_its_own_name_and_field(tmp_path):
    records, _ = read_folder(tmp_path, {"9.000009": sheet("9.000009", field="Lý lịch tư pháp")})

    line, record = records["9.000009"]
    assert line == "sheets/9_000009_procedure_detail.md"
    assert (record["name"], record["field"]) == ("Đăng ký khai sinh (tên rút gọn", "Lý lịch tư pháp")
    assert record["implementing_agencies"] == "Ủy ban nhân dân cấp xã"


def test_a_procedure_without_a_field_is_filed_under_other_with_a_warning(tmp_path):
    records, warnings = read_folder(tmp_path, {"9.000009": sheet("9.000009", field="Không có thông tin")})

    assert records["9.000009"][1]["field"] == "Khác"
    assert [w.kind for w in warnings] == ["field"]


def test_a_sheet_in_decomposed_unicode_is_read_like_a_composed_one(tmp_path):
    decomposed = unicodedata.normalize("NFD", sheet())
    assert decomposed != sheet()

    records, warnings = read_folder(tmp_path, {"1.001193": decomposed})

    record = records["1.001193"][1]
    assert (record["levels"], record["processing_time"]["amount"], record["fees"][0]["amount"]) == (
        ["commune"],
        3,
        8000,
    )
    assert record["competent_authority"] == "Ủy ban nhân dân cấp xã"
    assert warnings == []


def test_is_national_csv_needs_the_sheets_folder_beside_it(tmp_path):
    folder = write_folder(tmp_path / "catalogue", {})
    (tmp_path / "procedures.csv").write_text(CSV_TEXT)

    assert national.is_national_csv(folder / "procedures.csv")
    assert not national.is_national_csv(tmp_path / "procedures.csv")


@pytest.mark.django_db
def test_importing_a_national_folder_stores_the_sheet_and_summarises_the_import(tmp_path):
    sheets = {
        "1.001193": sheet(levels="Cấp xã, Cấp tỉnh"),
        "9.000009": sheet("9.000009", channels="| Trực tiếp | N/A | | |"),
    }
    folder = write_folder(tmp_path / "catalogue", sheets)

    report = import_path(folder / "procedures.csv")

    procedure = Procedure.objects.get(code="1.001193")
    assert (procedure.processing_time_amount, procedure.online_level) == (Decimal("3"), "partial")
    assert sorted(level.code for level in procedure.levels.all()) == ["commune", "province"]
    assert [(f.kind, f.amount) for f in procedure.fees.all()] == [("charge", 8000)]
    assert procedure.documents.count() == 2
    assert summarize(report) == (
        "Thủ tục: 3 (thêm mới 3, cập nhật 0)\nCó phiếu thông tin đầy đủ: 2\nCảnh báo: 1 (time: 1)"
    )


# -- the real catalogue --------------------------------------------------------------------------

REPOSITORY = Path(__file__).resolve().parents[4]


def shared_data() -> Path | None:
    """Where the shared data lives: ``$MOTCUA_SHARED_DATA``, a parent's ``shared/data``, or ``/work/shared/data``."""
    if os.environ.get("MOTCUA_SHARED_DATA"):
        candidates = [Path(os.environ["MOTCUA_SHARED_DATA"])]
    else:
        candidates = [parent / "shared" / "data" for parent in REPOSITORY.parents]
        candidates.append(Path("/work/shared/data"))
    for candidate in candidates:
        if (candidate / "national-catalogue" / "procedures.csv").is_file():
            return candidate / "national-catalogue"
    return None


@pytest.fixture(scope="module")
def catalogue() -> Path:
    folder = shared_data()
    if folder is None:
        missing_data(
            "NATIONAL CATALOGUE NOT FOUND: set MOTCUA_SHARED_DATA to the folder holding national-catalogue/ "
            "(procedures.csv and sheets/) to run the tests on the real data"
        )
    return folder


@pytest.fixture(scope="module")
def read_catalogue(catalogue):
    rows, warnings = national.read(catalogue)
    return {record["code"]: record for _line, record in rows}, warnings


def expected_counts(folder: Path) -> tuple[int, int]:
    """Procedures (CSV codes and sheet codes together) and full sheets, counted straight from the files."""
    with open(folder / "procedures.csv", encoding="utf-8-sig") as file:
        codes = {row["Mã số"].strip() for row in csv.DictReader(file)}
    sheets = [
        path.name.removesuffix("_procedure_detail.md").replace("_", ".")
        for path in (folder / "sheets").glob("*_procedure_detail.md")
    ]
    return len(codes | set(sheets)), len(sheets)


@pytest.mark.slow
def test_real_catalogue_reads_every_procedure_and_every_sheet(catalogue, read_catalogue):
    records, _ = read_catalogue
    procedures, sheets = expected_counts(catalogue)

    assert len(records) == procedures >= 5608
    assert sum(record["has_full_sheet"] for record in records.values()) == sheets == 2104


@pytest.mark.slow
def test_real_catalogue_records_are_all_valid(read_catalogue):
    records, _ = read_catalogue

    problems = {code: validate_record(record, known_agencies=set()) for code, record in records.items()}

    assert {code: p for code, p in problems.items() if p} == {}


@pytest.mark.slow
def test_real_catalogue_warnings_stay_under_the_measured_ceilings(read_catalogue):
    _, warnings = read_catalogue

    kinds = Counter(w.kind for w in warnings)

    # Measured on the catalogue of 2025-11 (181 warnings): 108 time, 55 fallback, 15 fee, 3 field.
    assert len(warnings) <= 190, kinds
    assert kinds["time"] <= 110, kinds
    assert kinds["fee"] <= 16, kinds
    assert kinds["fallback"] <= 55, kinds
    assert kinds["field"] <= 3, kinds
    assert kinds["document"] + kinds["level"] + kinds["channel"] + kinds["sheet"] == 0, kinds


@pytest.mark.slow
def test_real_sheet_with_two_charges_in_its_description(read_catalogue):
    # sheets/1_003135: "Lệ phí : 20.000 Đồng (...); Lệ phí : 50.000 Đồng (...)", 5 ngày làm việc,
    # "Cấp tỉnh, Cơ quan khác", four documents (the photos: 2 originals).
    record = read_catalogue[0]["1.003135"]

    assert [(f["kind"], f["amount"]) for f in record["fees"]] == [("charge", 20000), ("charge", 50000)]
    assert record["processing_time"] == {"amount": 5, "unit": "working_day", "note": ""}
    assert record["levels"] == ["province"]
    assert [d["originals"] for d in record["documents"]] == [1, 2, 1, 1]


@pytest.mark.slow
def test_real_sheet_with_forms_and_document_cases(read_catalogue):
    # sheets/1_000757 (cấp lại thẻ căn cước, trung ương): three tables each under a heading,
    # Mẫu DC02 and Mẫu CC01 attached, 7 ngày làm việc, online and in person.
    record = read_catalogue[0]["1.000757"]

    assert [d["form_name"] for d in record["documents"]] == [
        "Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc",
        "Mẫu CC01 Phiếu thu nhận thông tin căn cước.doc",
        "",
    ]
    assert record["documents"][0]["note"].startswith("Phiếu này là biểu mẫu điện tử")
    assert (record["levels"], record["online_level"], record["processing_time"]["amount"]) == (
        ["central"],
        "partial",
        7,
    )


@pytest.mark.slow
def test_real_sheet_only_procedure_from_a_fallback_page(read_catalogue):
    # sheets/1_001692 is not in the CSV and is a flattened fallback page: Trực tiếp 10 Ngày làm việc,
    # three documents each "Bản chính: 1 - Bản sao: 0".
    record = read_catalogue[0]["1.001692"]

    assert record["name"] == "Cấp chứng chỉ thẩm tra viên an toàn giao thông đường bộ"
    assert record["processing_time"]["amount"] == 10
    assert [(d["originals"], d["copies"]) for d in record["documents"]] == [(1, 0)] * 3
    assert record["source_url"].endswith("ma_thu_tuc=1.001692")


@pytest.mark.slow
@pytest.mark.django_db
def test_importing_the_real_catalogue_creates_every_procedure_with_its_sheet(catalogue):
    procedures, sheets = expected_counts(catalogue)

    report = import_path(catalogue)

    assert (report.created, report.full_sheets) == (procedures, sheets)
    assert Procedure.objects.count() == procedures
    assert Procedure.objects.filter(has_full_sheet=True).count() == sheets
    # sheets/1_000010: one working day, central level, two documents, three legal texts.
    procedure = Procedure.objects.get(code="1.000010")
    assert (procedure.processing_time_amount, procedure.processing_time_unit) == (Decimal("1"), "working_day")
    assert [level.code for level in procedure.levels.all()] == ["central"]
    assert procedure.documents.count() == 2
    assert [law["number"] for law in procedure.legal_basis] == [
        "95/2015/QH13",
        "40/2016/TT-BGTVT",
        "17/2023/TT-BGTVT",
    ]


@pytest.mark.slow
@pytest.mark.django_db
def test_reimporting_the_real_catalogue_changes_nothing(catalogue):
    def snapshot():
        return (
            Procedure.objects.count(),
            Fee.objects.count(),
            DocumentComponent.objects.count(),
            sorted(
                Procedure.objects.values_list("code", "updated_at", "processing_time_amount", "field__name")
            ),
            sorted(Fee.objects.values_list("procedure__code", "order", "amount")),
        )

    import_path(catalogue)
    before = snapshot()

    report = import_path(catalogue)

    assert (report.created, report.updated) == (0, before[0])
    assert snapshot() == before
