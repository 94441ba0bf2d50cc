"""Build a plain result template for a procedure, in the layout of an administrative document:
the issuing body and the national motto on top, a title, the facts from the e-form, the place
and date, and room at the bottom for the signatures. Provinces replace it with their own Word
files; the demo and the tests use it so every procedure can issue a result."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

FONT = "Noto Serif"


def _paragraph(document, text: str, *, bold=False, size=13, align=None, italic=False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    if align is not None:
        paragraph.alignment = align
    return paragraph


def result_template(*, title: str, form_schema: dict | None, kind: str = "result") -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as administrative documents are
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    header = document.add_table(rows=1, cols=2)
    header.autofit = False
    left, right = header.rows[0].cells
    for column, width in zip(header.columns, (Cm(6.5), Cm(10.5)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    left.text = "{{ co_quan_cap_tren|upper }}\n{{ co_quan|upper }}"
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold, run.font.size, run.font.name = True, Pt(11), FONT
    _paragraph(
        document, "{{ dia_danh }}, {{ ngay_ky_chu }}", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, size=12
    )
    _paragraph(document, title.upper(), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    if kind == "refusal":
        _paragraph(
            document,
            "Cơ quan không giải quyết hồ sơ số {{ ma_ho_so }} ({{ ten_thu_tuc }}) của {{ nguoi_nop }}.",
        )
        _paragraph(document, "Lý do: {{ ly_do }}")
    elif kind == "apology":
        _paragraph(
            document,
            "Hồ sơ số {{ ma_ho_so }} ({{ ten_thu_tuc }}) của {{ nguoi_nop }} hẹn trả ngày {{ ngay_hen_tra }} "
            "chưa có kết quả đúng hẹn. Cơ quan thành thật xin lỗi và hẹn trả kết quả vào ngày {{ ngay_hen_moi }}.",
        )
        _paragraph(document, "Lý do: {{ ly_do }}")
    else:
        _paragraph(
            document, "Căn cứ hồ sơ số {{ ma_ho_so }} nộp ngày {{ ngay_nop }} về thủ tục “{{ ten_thu_tuc }}”;"
        )
        _paragraph(document, "{{ co_quan }} xác nhận cho:")
        _paragraph(document, "Người đề nghị: {{ nguoi_nop }} — Số định danh/Mã số thuế: {{ so_dinh_danh }}")
        for name, spec in (form_schema or {}).get("properties", {}).items():
            _paragraph(document, f"{spec.get('title', name)}: {{{{ {name} }}}}")
    _paragraph(document, "Nơi nhận: người đề nghị; lưu hồ sơ.", size=11, italic=True)
    for _ in range(6):  # room for the signature boxes at the bottom of the page
        document.add_paragraph("")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
