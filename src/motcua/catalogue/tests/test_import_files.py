"""Importing catalogue files (JSON, flat CSV): bad rows are reported by line and nothing is imported;
a good file can be imported again without changing anything."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from motcua.catalogue.importers import import_path
from motcua.catalogue.models import DocumentComponent, Fee, Procedure, ProcessStep
from motcua.catalogue.services import ImportRejected, import_procedures
from motcua.org.models import AdministrativeUnit, Agency

pytestmark = pytest.mark.django_db


def birth_registration(**changes) -> dict:
    record = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": "Hộ tịch",
        "levels": ["commune"],
        "online_level": "full",
        "processing_time": {"amount": 1, "unit": "working_day", "note": ""},
        "fees": [{"kind": "charge", "name": "Lệ phí đăng ký khai sinh", "amount": 0}],
        "documents": [
            {"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "mandatory": True},
            {"name": "Giấy chứng sinh", "originals": 1, "copies": 0, "mandatory": True},
        ],
        "steps": [
            {"name": "Tiếp nhận", "role": "receiver", "target": "receiving", "hours": 1},
            {"name": "Xử lý", "role": "processor", "days": 0.5},
        ],
        "legal_basis": [{"name": "Luật Hộ tịch", "number": "60/2014/QH13"}],
    }
    record.update(changes)
    return record


def write_json(path, procedures) -> None:
    path.write_text(
        json.dumps({"format": "motcua-catalogue/1", "procedures": procedures}, ensure_ascii=False, indent=2)
    )


def counts() -> tuple[int, int, int, int]:
    return (
        Procedure.objects.count(),
        Fee.objects.count(),
        DocumentComponent.objects.count(),
        ProcessStep.objects.count(),
    )


# -- JSON ----------------------------------------------------------------------------------------


def test_json_file_imports_a_procedure_with_its_fees_documents_steps_and_levels(tmp_path):
    path = tmp_path / "catalogue.json"
    write_json(path, [birth_registration()])

    report = import_path(path)

    procedure = Procedure.objects.get(code="1.001193")
    assert (report.created, report.updated) == (1, 0)
    assert procedure.field.name == "Hộ tịch"
    assert [level.code for level in procedure.levels.all()] == ["commune"]
    assert procedure.processing_time_amount == Decimal("1")
    assert [(f.name, f.amount) for f in procedure.fees.all()] == [("Lệ phí đăng ký khai sinh", 0)]
    assert [d.name for d in procedure.documents.all()] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert [(s.order, s.name, s.duration_minutes) for s in procedure.steps.all()] == [
        (1, "Tiếp nhận", 60),
        (2, "Xử lý", 225),
    ]


def test_json_file_with_a_bad_procedure_reports_its_line_and_imports_nothing(tmp_path):
    path = tmp_path / "catalogue.json"
    write_json(path, [birth_registration(), birth_registration(code="1.000001", field="")])
    bad_line = next(i for i, line in enumerate(path.read_text().splitlines(), 1) if '"1.000001"' in line) - 1

    with pytest.raises(ImportRejected) as rejected:
        import_path(path)

    assert [(p.line, p.message) for p in rejected.value.problems] == [(bad_line, "thiếu lĩnh vực (field)")]
    assert counts() == (0, 0, 0, 0)


def test_json_file_that_is_not_json_reports_the_line_of_the_error(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text('{"procedures": [\n  {"code": "1.001193",\n  "name": }\n]}')

    with pytest.raises(ImportRejected) as rejected:
        import_path(path)

    assert rejected.value.problems[0].line == 3
    assert Procedure.objects.count() == 0


def test_the_same_code_twice_in_one_file_is_rejected_naming_both_lines():
    rows = [(3, birth_registration()), (30, birth_registration())]

    with pytest.raises(ImportRejected) as rejected:
        import_procedures(rows)

    assert [(p.line, p.message) for p in rejected.value.problems] == [
        (30, "mã thủ tục 1.001193 trùng với dòng 3")
    ]
    assert Procedure.objects.count() == 0


def test_a_procedure_naming_an_unknown_agency_is_rejected():
    with pytest.raises(ImportRejected) as rejected:
        import_procedures([(1, birth_registration(agencies=["000.00.99.H99"]))])

    assert rejected.value.problems[0].message == "không có cơ quan mã 000.00.99.H99"


def test_a_procedure_is_linked_to_the_agencies_it_names():
    unit = AdministrativeUnit.objects.create(code="99", name="Tỉnh Thử", level="province")
    Agency.objects.create(code="000.00.01.H99", name="UBND xã Thử", kind="commune_committee", unit=unit)

    import_procedures([(1, birth_registration(agencies=["000.00.01.H99"]))])

    assert [a.code for a in Procedure.objects.get().agencies.all()] == ["000.00.01.H99"]


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = tmp_path / "catalogue.json"
    write_json(
        path, [birth_registration(), birth_registration(code="1.000002", name="Thủ tục khác", fees=[])]
    )
    import_path(path)
    before = (
        counts(),
        list(Procedure.objects.values_list("code", "name", "processing_time_amount", "online_level")),
    )

    report = import_path(path)

    after = (
        counts(),
        list(Procedure.objects.values_list("code", "name", "processing_time_amount", "online_level")),
    )
    assert (report.created, report.updated) == (0, 2)
    assert after == before


def test_reimporting_replaces_fees_documents_steps_and_levels_with_the_new_ones():
    import_procedures([(1, birth_registration())])

    import_procedures(
        [
            (
                1,
                birth_registration(
                    levels=["commune", "province"],
                    fees=[{"kind": "fee", "name": "Phí cấp bản sao", "amount": 8000}],
                    documents=[{"name": "Tờ khai đăng ký khai sinh", "originals": 2}],
                    steps=[{"name": "Tiếp nhận và trả kết quả", "role": "receiver", "hours": 4}],
                ),
            )
        ]
    )

    procedure = Procedure.objects.get()
    assert sorted(level.code for level in procedure.levels.all()) == ["commune", "province"]
    assert [(f.kind, f.amount) for f in procedure.fees.all()] == [("fee", 8000)]
    assert [(d.name, d.originals) for d in procedure.documents.all()] == [("Tờ khai đăng ký khai sinh", 2)]
    assert [(s.order, s.name) for s in procedure.steps.all()] == [(1, "Tiếp nhận và trả kết quả")]


def test_reimporting_keeps_the_blank_form_uploaded_for_a_document_of_the_same_name():
    import_procedures([(1, birth_registration())])
    DocumentComponent.objects.filter(name="Tờ khai đăng ký khai sinh").update(
        form_file="forms/to-khai-khai-sinh.docx"
    )

    import_procedures([(1, birth_registration())])

    forms = dict(DocumentComponent.objects.values_list("name", "form_file"))
    assert forms == {"Tờ khai đăng ký khai sinh": "forms/to-khai-khai-sinh.docx", "Giấy chứng sinh": ""}


# -- flat CSV ------------------------------------------------------------------------------------

CSV_HEADER = "code,name,field,levels,online_level,processing_time,processing_time_unit,fee_name,fee_amount\n"


def test_csv_file_imports_levels_time_and_fee(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(
        CSV_HEADER
        + '1.001193,Đăng ký khai sinh,Hộ tịch,commune;province,partial,"0,5",working_day,Lệ phí,8000\n'
    )

    import_path(path)

    procedure = Procedure.objects.get()
    assert sorted(level.code for level in procedure.levels.all()) == ["commune", "province"]
    assert (procedure.processing_time_amount, procedure.online_level) == (Decimal("0.5"), "partial")
    assert [(f.name, f.amount) for f in procedure.fees.all()] == [("Lệ phí", 8000)]


def test_csv_file_with_a_bad_fee_amount_reports_its_line_and_imports_nothing(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(
        CSV_HEADER
        + "1.000001,Thủ tục một,Hộ tịch,commune,offline,1,working_day,Lệ phí,5000\n"
        + "1.000002,Thủ tục hai,Hộ tịch,commune,offline,1,working_day,Lệ phí,50.000 đồng\n"
    )

    with pytest.raises(ImportRejected) as rejected:
        import_path(path)

    assert [p.line for p in rejected.value.problems] == [3]
    assert "50.000 đồng" in rejected.value.problems[0].message
    assert Procedure.objects.count() == 0


def test_csv_file_with_an_unknown_level_reports_its_line_and_imports_nothing(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(
        CSV_HEADER
        + "1.000001,Thủ tục một,Hộ tịch,commune,offline,,,,\n"
        + "1.000002,Thủ tục hai,Hộ tịch,village,offline,,,,\n"
    )

    with pytest.raises(ImportRejected) as rejected:
        import_path(path)

    assert [p.line for p in rejected.value.problems] == [3]
    assert rejected.value.problems[0].message.startswith("cấp thực hiện (levels)")
    assert Procedure.objects.count() == 0


def test_csv_file_without_the_required_columns_is_rejected(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text("code,name\n1.000001,Thủ tục một\n")

    with pytest.raises(ImportRejected) as rejected:
        import_path(path)

    assert [(p.line, p.message) for p in rejected.value.problems] == [(1, "thiếu cột field")]


# -- the command ---------------------------------------------------------------------------------


def test_import_catalogue_command_prints_the_summary(tmp_path):
    path = tmp_path / "catalogue.json"
    write_json(path, [birth_registration()])
    out = io.StringIO()

    call_command("import_catalogue", str(path), stdout=out)

    assert (
        out.getvalue() == "Thủ tục: 1 (thêm mới 1, cập nhật 0)\nCó phiếu thông tin đầy đủ: 1\nCảnh báo: 0\n"
    )


def test_import_catalogue_command_fails_with_every_problem_and_imports_nothing(tmp_path):
    path = tmp_path / "catalogue.json"
    write_json(path, [birth_registration(field=""), birth_registration(code="1.000002", name="")])

    with pytest.raises(CommandError) as failed:
        call_command("import_catalogue", str(path))

    assert str(failed.value).startswith("Chưa nhập gì: 2 lỗi")
    assert Procedure.objects.count() == 0
