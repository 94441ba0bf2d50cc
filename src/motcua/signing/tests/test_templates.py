"""Uploading a Word template: placeholders checked against the procedure's e-form."""

import io

import pytest
from docx import Document

from motcua.core.errors import ValidationFailed
from motcua.signing.docx_templates import render_docx
from motcua.signing.models import ResultTemplate
from motcua.signing.sample_templates import result_template
from motcua.signing.services import template_for, upload_template

pytestmark = pytest.mark.django_db


# What every template must have: the number, the date of issue and the signer's name.
ISSUING_LINES = ("Số: {{ so_van_ban }}", "Hà Tĩnh, {{ ngay_ky_chu }}", "{{ nguoi_ky }}")


def docx_with(*lines: str, issuing: bool = True) -> bytes:
    document = Document()
    for line in (*lines, *(ISSUING_LINES if issuing else ())):
        document.add_paragraph(line)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_a_template_using_the_dossier_and_e_form_fields_is_accepted(world):
    data = docx_with("Mã hồ sơ: {{ ma_ho_so }}", "Trẻ: {{ child_name }}, sinh {{ birth_date }}")
    template = upload_template(procedure=world.procedure, name="Giấy khai sinh", data=data)
    assert template.placeholders == [
        "birth_date",
        "child_name",
        "ma_ho_so",
        "ngay_ky_chu",
        "nguoi_ky",
        "so_van_ban",
    ]
    assert template_for(world.procedure) == template


def test_a_template_without_number_date_or_signer_is_refused_by_name_and_nothing_is_stored(world):
    with pytest.raises(ValidationFailed) as raised:
        upload_template(
            procedure=world.procedure,
            name="Thiếu",
            data=docx_with("{{ ma_ho_so }} {{ nguoi_ky }}", issuing=False),
        )
    message = str(raised.value.message)
    assert "{{ so_van_ban }}" in message and "{{ ngay_ky_chu }}" in message and "nguoi_ky" not in message
    assert not ResultTemplate.objects.exists()


def test_the_document_type_is_taken_from_the_templates_name_unless_given(world):
    decision = upload_template(procedure=world.procedure, name="Quyết định cấp phép", data=docx_with())
    assert decision.doc_type == "QĐ"
    assert (
        upload_template(procedure=world.procedure, name="Mẫu", data=docx_with(), doc_type="GP").doc_type
        == "GP"
    )


def test_an_unknown_placeholder_is_refused_by_name_and_nothing_is_stored(world):
    with pytest.raises(ValidationFailed) as raised:
        upload_template(
            procedure=world.procedure, name="Sai", data=docx_with("{{ ho_ten_cha }} {{ ma_ho_so }}")
        )
    assert "ho_ten_cha" in str(raised.value.message)
    assert not ResultTemplate.objects.exists()


def test_a_broken_placeholder_says_where(world):
    with pytest.raises(ValidationFailed) as raised:
        upload_template(procedure=world.procedure, name="Sai", data=docx_with("Xin chào {{ ma_ho_so "))
    assert "cú pháp" in raised.value.fields["docx"][0]


@pytest.mark.parametrize("data", [b"%PDF-1.7 not a docx", b"PK\x03\x04 broken zip", b""])
def test_a_file_that_is_not_a_word_document_is_refused(world, data):
    with pytest.raises(ValidationFailed) as raised:
        upload_template(procedure=world.procedure, name="Sai", data=data)
    assert "Word" in raised.value.fields["docx"][0]


def test_a_new_template_replaces_the_active_one(world):
    first = upload_template(procedure=world.procedure, name="Cũ", data=docx_with("{{ ma_ho_so }}"))
    second = upload_template(procedure=world.procedure, name="Mới", data=docx_with("{{ ma_ho_so }}"))
    first.refresh_from_db()
    assert not first.is_active and template_for(world.procedure) == second


def test_the_sample_template_uses_only_known_names(world):
    data = result_template(title="Giấy chứng nhận", form_schema=world.procedure.form_schema)
    template = upload_template(procedure=world.procedure, name="Mẫu", data=data)
    assert {"child_name", "ma_ho_so", "ngay_ky_chu"} <= set(template.placeholders)


def test_the_sample_template_leaves_out_the_lines_of_fields_left_empty():
    """An optional field the applicant did not fill gives no "Tên gọi khác (nếu có): ." line."""
    schema = {
        "type": "object",
        "properties": {
            "full_name": {"type": "string", "title": "Họ và tên"},
            "other_name": {"type": "string", "title": "Tên gọi khác (nếu có)"},
            "father": {"type": "string", "title": "Họ tên cha"},
        },
    }
    data = render_docx(
        result_template(title="Giấy xác nhận", form_schema=schema),
        {"full_name": "Nguyễn Văn Bình", "other_name": "", "ma_ho_so": "X-1"},
    )
    lines = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Họ và tên: Nguyễn Văn Bình." in lines
    assert not [line for line in lines if "Tên gọi khác" in line or "Họ tên cha" in line]
    assert not [line for line in lines if "{%" in line]
