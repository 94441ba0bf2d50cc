"""Sample result templates in the format of Vietnamese administrative documents (Decree 30/2020/NĐ-CP,
Appendix I): the issuing agency and its parent on the left, the national title and motto on the
right, the number ("Số: 12/QĐ-UBND") under the agency and the place and date under the motto, the
title, the body, then the recipients ("Nơi nhận:") on the left and the signer's authority, position
and name on the right, with room for the signature between them.

A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman (LibreOffice draws it
with the metric-compatible Liberation Serif), body 13 pt. The number and the date are left blank in
the draft and written in when the leader signs (see ``issuing``). Provinces replace these files
with their own Word templates; the demo and the tests use them so every procedure can issue a result.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
TEXT_WIDTH = Cm(16.5)  # A4 (21 cm) less 3 cm on the left and 1.5 cm on the right
LEFT_COLUMN, RIGHT_COLUMN = Cm(6.3), Cm(10.2)
SIGNATURE_ROOM_LINES = 5  # empty lines between the signer's position and name: ~2.7 cm for the signatures

# What the documents say, by kind: the title (tên loại), the subject line (trích yếu) and the body.
_REFUSAL_BODY = [
    "Ngày {{ ngay_tiep_nhan }}, {{ co_quan }} tiếp nhận hồ sơ số {{ ma_ho_so }} về thủ tục "
    "“{{ ten_thu_tuc }}” của {{ nguoi_nop }}.",
    "Sau khi xem xét, {{ co_quan }} không giải quyết hồ sơ nêu trên. Lý do: {{ ly_do }}",
    "Mọi thắc mắc xin liên hệ {{ noi_tiep_nhan }} để được hướng dẫn.",
]
_APOLOGY_BODY = [
    "Ngày {{ ngay_tiep_nhan }}, {{ noi_tiep_nhan }} tiếp nhận hồ sơ số {{ ma_ho_so }} về thủ tục "
    "“{{ ten_thu_tuc }}” của {{ nguoi_nop }}, hẹn trả kết quả ngày {{ ngay_hen_tra }}.",
    "Đến nay hồ sơ chưa giải quyết xong đúng hẹn. Lý do: {{ ly_do }}",
    "{{ co_quan }} thành thật xin lỗi và hẹn trả kết quả vào ngày {{ ngay_hen_moi }}.",
]


def _vietnamese(document):
    """The text is Vietnamese: python-docx's blank document says English (en-US), so Word underlined
    every word as misspelt for the official editing the template, and the PDF rendered from it told
    screen readers it was English (/Lang en-US)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")


def _font(run, *, size: float, bold=False, italic=False):
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    # East-Asian and complex-script slots too, or Word falls back to another font for them.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _paragraph(
    container, text: str = "", *, size=13, bold=False, italic=False, align=None, indent=None, after=6
):
    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after, layout.line_spacing = Pt(0), Pt(after), 1.0
    if indent is not None:
        layout.first_line_indent = indent
    return paragraph


def _rule(container, *, width, column_width, after=4):
    """A thin solid line under a heading, ``width`` long and centred in its column (a bottom border
    on an empty paragraph indented from both sides: no drawing objects, so any Word reads it)."""
    paragraph = _paragraph(container, size=2, align=WD_ALIGN_PARAGRAPH.CENTER, after=after)
    side = (column_width - width) // 2
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.paragraph_format.line_spacing = Pt(3)  # exactly: the line sits right under the heading
    return paragraph


def _two_columns(document, widths):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    return left, right


def _letterhead(document):
    left, right = _two_columns(document, (LEFT_COLUMN, RIGHT_COLUMN))
    _paragraph(left, "{{ co_quan_cap_tren|upper }}", size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(left, "{{ co_quan|upper }}", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _rule(left, width=Cm(2.4), column_width=LEFT_COLUMN)
    _paragraph(left, "Số: {{ so_van_ban }}/{{ ky_hieu }}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        size=12,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )
    _paragraph(
        right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0
    )
    _rule(right, width=Cm(6.1), column_width=RIGHT_COLUMN)
    _paragraph(
        right,
        "{{ dia_danh }}, {{ ngay_ky_chu }}",
        size=13,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )


def _signature_block(document):
    left, right = _two_columns(document, (Cm(7.5), Cm(9.0)))
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, after=0)
    _paragraph(left, "- {{ nguoi_nop }};", size=11, after=0)
    _paragraph(left, "- Lưu: VT, hồ sơ {{ ma_ho_so }}.", size=11, after=0)
    _paragraph(right, "{{ chuc_vu_ky }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for _line in range(SIGNATURE_ROOM_LINES):
        _paragraph(right, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(right, "{{ nguoi_ky }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)


def result_template(
    *, title: str, form_schema: dict | None, kind: str = "result", subject: str = ""
) -> bytes:
    """A .docx template for one procedure's result (``kind`` "result"), or the province's refusal or
    apology letter; ``subject`` is the line under the title (trích yếu), if the document has one."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance = section.footer_distance = Cm(1)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    _vietnamese(document)

    _letterhead(document)
    _paragraph(document, after=6)
    _paragraph(document, title.upper(), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    if subject:
        _paragraph(document, subject, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _rule(document, width=Cm(4), column_width=TEXT_WIDTH, after=10)

    body = dict(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1), after=6)
    if kind in ("refusal", "apology"):
        _paragraph(document, "Kính gửi: {{ nguoi_nop }}.", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, after=8)
        for text in _REFUSAL_BODY if kind == "refusal" else _APOLOGY_BODY:
            _paragraph(document, text, **body)
    else:
        _paragraph(
            document,
            "Căn cứ hồ sơ số {{ ma_ho_so }} nộp ngày {{ ngay_nop }} về thủ tục “{{ ten_thu_tuc }}”,"
            " {{ co_quan }} xác nhận cho:",
            **body,
        )
        _paragraph(
            document, "Người đề nghị: {{ nguoi_nop }}; số định danh/mã số thuế: {{ so_dinh_danh }}.", **body
        )
        for name, spec in (form_schema or {}).get("properties", {}).items():
            # A field the applicant left empty (an optional one) leaves no "Tên gọi khác (nếu có): ." line.
            _paragraph(document, f'{{%p if {name} is defined and {name} not in (None, "", []) %}}', after=0)
            _paragraph(document, f"{spec.get('title', name)}: {{{{ {name} }}}}.", **body)
            _paragraph(document, "{%p endif %}", after=0)
    _paragraph(document, after=4)
    _signature_block(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
