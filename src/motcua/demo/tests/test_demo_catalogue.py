"""The demo procedure catalogue: real procedures of the national catalogue, as a
two-level province (Hà Tĩnh after July 2025) serves them, ready to import.

The file is the JSON import format (``motcua-catalogue/1``) plus one key the
demo builder reads, ``demo_owner``: which local agency a procedure belongs to.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import motcua.demo
from motcua.catalogue import eforms
from motcua.catalogue.importers import json_file
from motcua.catalogue.models import Procedure
from motcua.catalogue.records import step_minutes, validate_record
from motcua.catalogue.services import import_procedures
from motcua.core.calendar import MINUTES_PER_DAY, TimeUnit, WorkingDuration
from motcua.demo.forms import sample_form_data
from motcua_testing.data import missing_data

CATALOGUE_PATH = Path(motcua.demo.__file__).with_name("catalogue.json")
REPO_ROOT = Path(__file__).resolve().parents[4]

DEMO_OWNERS = {
    "so-tu-phap",
    "so-tai-chinh",
    "so-xay-dung",
    "so-nong-nghiep-moi-truong",
    "van-phong-dang-ky-dat-dai",
    "so-noi-vu",
    "so-giao-duc",
    "so-y-te",
    "so-cong-thuong",
    "so-van-hoa",
    "so-khoa-hoc-cong-nghe",
    "cong-an-tinh",
    "commune",
}

# The fields a demo must show, by the national catalogue's own field names.
REQUIRED_TOPICS = {
    "đăng ký doanh nghiệp, hộ kinh doanh": {
        "Thành lập và hoạt động của doanh nghiệp",
        "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
    },
    "lý lịch tư pháp": {"Lý lịch tư pháp"},
    "giấy phép lái xe": {"Sát hạch, cấp giấy phép lái xe"},
    "giấy phép xây dựng": {"Hoạt động xây dựng"},
    "hộ tịch": {"Hộ tịch"},
    "đất đai": {"Đất đai"},
    "lao động, việc làm": {"Việc làm"},
    "giáo dục": {"Văn bằng, chứng chỉ", "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân"},
}

# Codes whose name deliberately differs from the national catalogue, with the reason.
# Empty: every procedure carries its national name word for word.
ADAPTED_NAMES: dict[str, str] = {}

TEXTS_A_CITIZEN_READS = ("name", "field", "description", "result", "target_groups", "competent_authority")


def _load() -> list[dict]:
    return [record for _line, record in json_file.read(CATALOGUE_PATH)]


RECORDS = _load()
BY_CODE = {record["code"]: record for record in RECORDS}


def per_procedure():
    return pytest.mark.parametrize("record", RECORDS, ids=[record["code"] for record in RECORDS])


def _without_owner(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "demo_owner"}


def _shared_data() -> Path | None:
    """The shared data folder: $MOTCUA_SHARED_DATA, else shared/data above the repository, else /work."""
    if os.environ.get("MOTCUA_SHARED_DATA"):
        return Path(os.environ["MOTCUA_SHARED_DATA"])
    for parent in REPO_ROOT.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    fallback = Path("/work/shared/data")
    return fallback if fallback.is_dir() else None


def test_file_declares_the_import_format():
    document = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))

    assert document["format"] == "motcua-catalogue/1"
    assert len(document["procedures"]) == len(RECORDS)


@per_procedure()
def test_record_is_valid_as_written_including_its_demo_owner(record):
    assert validate_record(record, known_agencies=set()) == []


@pytest.mark.django_db
def test_whole_file_imports_without_a_single_problem():
    rows = [(line, _without_owner(record)) for line, record in json_file.read(CATALOGUE_PATH)]

    report = import_procedures(rows)

    assert (report.created, report.updated, report.warnings) == (len(RECORDS), 0, [])
    assert Procedure.objects.count() == len(RECORDS)


@pytest.mark.django_db
def test_imported_procedure_shows_its_fee_levels_steps_and_form():
    import_procedures([(1, _without_owner(BY_CODE["3.000333"]))])

    procedure = Procedure.objects.get(code="3.000333")

    assert procedure.name.startswith("Cấp Phiếu Lý lịch tư pháp")
    assert procedure.total_fee == 200_000
    assert list(procedure.levels.values_list("code", flat=True)) == ["province"]
    assert procedure.online_level == "full"
    assert procedure.processing_time == WorkingDuration(Decimal(10), TimeUnit.WORKING_DAY)
    assert [step.role for step in procedure.steps.all()] == [
        "receiver",
        "processor",
        "processor",
        "leader",
        "receiver",
    ]
    assert procedure.form_schema["properties"]["id_number"]["pattern"] == r"^\d{12}$"


def test_catalogue_has_at_least_44_procedures_in_at_least_10_fields():
    assert len(RECORDS) >= 44
    assert len({record["field"] for record in RECORDS}) >= 10


def test_every_field_a_demo_must_show_has_several_procedures():
    per_field = Counter(record["field"] for record in RECORDS)
    per_topic = {topic: sum(per_field[name] for name in names) for topic, names in REQUIRED_TOPICS.items()}

    assert {topic: count for topic, count in per_topic.items() if count < 3} == {}


def test_codes_are_unique():
    codes = Counter(record["code"] for record in RECORDS)

    assert [code for code, count in codes.items() if count > 1] == []


def test_every_procedure_belongs_to_a_known_demo_agency():
    assert {
        record["code"]: record.get("demo_owner")
        for record in RECORDS
        if record.get("demo_owner") not in DEMO_OWNERS
    } == {}


def test_levels_follow_the_two_level_province():
    assert {
        record["code"]: record["levels"]
        for record in RECORDS
        if record["levels"] not in (["province"], ["commune"])
    } == {}


def test_online_levels_are_mostly_partial_with_some_full_and_a_few_offline():
    levels = Counter(record["online_level"] for record in RECORDS)

    assert levels["partial"] > levels["full"] > levels["offline"] > 0


@per_procedure()
def test_record_carries_what_a_citizen_reads(record):
    assert [key for key in TEXTS_A_CITIZEN_READS if not str(record.get(key, "")).strip()] == []
    assert record["documents"], "no document list"
    assert record["legal_basis"], "no legal basis"
    assert isinstance(record["fees"], list)
    assert record["processing_time"]["unit"] in {unit.value for unit in TimeUnit}


@per_procedure()
def test_form_schema_is_usable_and_every_property_has_a_label_and_an_example(record):
    schema = record["form_schema"]
    properties = schema["properties"]

    assert eforms.schema_problems(schema) == []
    assert 4 <= len(properties) <= 12
    assert [
        name for name, spec in properties.items() if not spec.get("title") or not spec.get("examples")
    ] == []


@per_procedure()
def test_form_filled_from_the_examples_is_accepted(record):
    schema = record["form_schema"]

    assert eforms.form_errors(schema, sample_form_data(schema)) == {}


@per_procedure()
def test_empty_form_asks_for_every_required_field_by_its_label(record):
    schema = record["form_schema"]

    errors = eforms.form_errors(schema, {})

    assert set(errors) == set(schema["required"])
    for name in schema["required"]:
        assert errors[name] == [f"Cần nhập {schema['properties'][name]['title']}."]


@per_procedure()
def test_internal_process_fits_in_the_legal_processing_time(record):
    time = record["processing_time"]
    allowed = WorkingDuration(Decimal(str(time["amount"])), TimeUnit(time["unit"])).minutes
    steps = record["steps"]

    budget = sum(step_minutes(step) for step in steps)

    assert 0 < budget <= allowed, f"{budget} phút > {allowed} phút ({allowed / MINUTES_PER_DAY:g} ngày)"
    assert (steps[0]["role"], steps[0]["target"]) == ("receiver", "receiving")
    assert (steps[-1]["role"], steps[-1]["target"]) == ("receiver", "receiving")
    assert {"processor", "leader"} <= {step["role"] for step in steps}
    assert {step["target"] for step in steps[1:-1]} == {"competent"}


def test_codes_found_in_the_national_catalogue_carry_its_names():
    folder = _shared_data()
    national = folder / "national-catalogue" / "procedures.csv" if folder else None
    if national is None or not national.is_file():
        message = (
            f"NATIONAL CATALOGUE NOT FOUND (looked for {national or 'shared/data'}); "
            "set MOTCUA_SHARED_DATA to the shared data folder to check procedure names"
        )
        missing_data(message)
    with national.open(encoding="utf-8-sig", newline="") as handle:
        names = {row["Mã số"].strip(): row["Tên"].strip() for row in csv.DictReader(handle)}

    mismatched = {
        record["code"]: (record["name"], names[record["code"]])
        for record in RECORDS
        if record["code"] in names
        and record["code"] not in ADAPTED_NAMES
        and record["name"].strip() != names[record["code"]]
    }

    assert mismatched == {}
    assert [code for code in BY_CODE if code not in names] == []
