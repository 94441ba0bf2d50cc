"""Reading the values of the national portal's sheets: times, fees, levels, documents, channels, legal basis.

The snippets are written like the portal's markdown export, messy cases included.
"""

from __future__ import annotations

import pytest

from motcua.catalogue.importers.national_sheet import parse_sheet
from motcua.catalogue.importers.national_values import (
    parse_documents,
    parse_fees,
    parse_flat_channels,
    parse_flat_documents,
    parse_legal_basis,
    parse_levels,
    parse_time,
)

# -- processing time -----------------------------------------------------------------------------


def test_time_in_working_days_is_read_as_written():
    assert parse_time("15 ngày làm việc") == {"amount": 15, "unit": "working_day", "note": ""}


def test_time_with_a_capital_unit_and_a_leading_zero_is_read_as_written():
    assert parse_time("05 Ngày làm việc") == {"amount": 5, "unit": "working_day", "note": ""}


@pytest.mark.parametrize("text", ["0.5 Ngày làm việc", "0,5 ngày làm việc"])
def test_half_a_working_day_keeps_its_fraction(text):
    assert parse_time(text)["amount"] == 0.5


def test_time_in_plain_days_counts_working_days_and_keeps_the_portals_words():
    time = parse_time("05 ngày")

    assert (time["amount"], time["unit"]) == (5, "working_day")
    assert "“05 ngày”" in time["note"]


def test_time_in_hours_is_in_working_hours():
    assert parse_time("4 Giờ")["unit"] == "working_hour"
    assert parse_time("4 giờ làm việc") == {"amount": 4, "unit": "working_hour", "note": ""}


def test_same_day_is_one_working_day_with_a_note():
    assert parse_time("Trong ngày") == {"amount": 1, "unit": "working_day", "note": "Trong ngày"}


def test_free_text_that_starts_with_a_time_gives_that_time_and_keeps_the_text():
    text = (
        "Không quá 10 ngày làm việc. Đối với các xã miền núi thì thời gian thực hiện "
        "được tăng thêm không quá 10 ngày làm việc. ngày"
    )

    time = parse_time(text)

    assert (time["amount"], time["unit"]) == (10, "working_day")
    assert time["note"].startswith("Không quá 10 ngày làm việc. Đối với")
    assert not time["note"].endswith(" ngày"), "the unit the portal appends to free text is dropped"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "N/A",
        "Không có thông tin",
        "Theo mô tả ngày",
        "0 ngày",
        "02 tháng và 15 ngày làm việc",
        "1/12 hàng năm ngày",
        "a) Không quá 05 ngày làm việc đối với thủ tục đổi tên; b) Không quá 10 ngày làm việc đối với...",
    ],
)
def test_time_that_gives_no_single_duration_is_not_understood(text):
    assert parse_time(text) is None


# -- fees ----------------------------------------------------------------------------------------


def test_one_charge_is_read_with_its_amount_in_dong():
    assert parse_fees("Lệ phí : 50.000 Đồng") == (
        [{"kind": "charge", "name": "Lệ phí", "amount": 50000, "note": ""}],
        [],
    )


def test_several_fees_in_one_cell_give_one_fee_each_named_from_their_note():
    text = (
        "- Lệ phí : 20.000 Đồng (Lệ phí Cấp mới, cấp lại chứng chỉ chuyên môn: 20.000 đồng/giấy.); <br>"
        "- Lệ phí : 50.000 Đồng (Lệ phí Cấp mới chứng nhận khả năng chuyên môn: 50.000 đồng/giấy;)"
    )

    fees, unparsed = parse_fees(text)

    assert [(f["kind"], f["name"], f["amount"]) for f in fees] == [
        ("charge", "Lệ phí Cấp mới, cấp lại chứng chỉ chuyên môn", 20000),
        ("charge", "Lệ phí Cấp mới chứng nhận khả năng chuyên môn", 50000),
    ]
    assert unparsed == []


def test_fee_and_charge_are_told_apart_and_keep_their_unit_and_note():
    fees, _ = parse_fees("Phí : 100.000 Đồng (thẩm định hồ sơ)<br>Lệ phí: 1.000.000 đồng/hồ sơ.")

    assert fees == [
        {"kind": "fee", "name": "Phí", "amount": 100000, "note": "(thẩm định hồ sơ)"},
        {"kind": "charge", "name": "Lệ phí", "amount": 1000000, "note": "/hồ sơ"},
    ]


def test_amount_without_thousands_separator_and_portal_link_text_is_read():
    assert parse_fees("Lệ phí: 500000 ĐồngXem chi tiết")[0][0]["amount"] == 500000


def test_price_of_a_service_counts_as_a_fee():
    fees, _ = parse_fees("Lệ phí: 9.000.000 ĐồngXem chi tiếtMức giá: 50.000.000 ĐồngXem chi tiết")

    assert [(f["kind"], f["amount"]) for f in fees] == [("charge", 9_000_000), ("fee", 50_000_000)]


@pytest.mark.parametrize("text", ["Không", "Miễn phí", "Lệ phí: không có", "Phí: 0 Đồng", "Phí: Không Đồng"])
def test_no_fee_said_outright_is_a_zero_fee(text):
    fees, unparsed = parse_fees(text)

    assert [f["amount"] for f in fees] == [0]
    assert unparsed == []


def test_fee_cell_without_information_means_no_fee_known():
    assert parse_fees("Không có thông tin") == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        "Phí: Theo quy định của Ủy ban nhân dân cấp tỉnh",
        "Phí: 5.000.000-10.000.000 Đồng (tùy giá trị hợp đồng)",
        "Lệ phí: 150 USD",
        "Phí: Không quy định",
        "Lệ phí: Miễn phí đối với người khuyết tật",
        "Phí: Đồng (Theo quy định của pháp luật về phí, lệ phí hiện hành)",
        "Phí: - Từ ngày 01/7/2025 đến hết ngày 31/12/2026: 750.000 đồng/hồ sơ;<br>- Từ ngày 01/1/2027: 1.500.000",
        "Theo quy định",
    ],
)
def test_fee_without_one_amount_in_dong_is_kept_as_text(text):
    fees, unparsed = parse_fees(text)

    assert fees == []
    assert len(unparsed) == 1


def test_a_partly_understood_fee_text_keeps_what_it_read_and_returns_the_rest():
    fees, unparsed = parse_fees("Phí: Theo quy định của UBND cấp tỉnh<br>Lệ phí: 100.000 đồng/hồ sơ.")

    assert [(f["kind"], f["amount"]) for f in fees] == [("charge", 100000)]
    assert unparsed == ["Phí: Theo quy định của UBND cấp tỉnh"]


def test_a_label_inside_parentheses_does_not_start_another_fee():
    fees, unparsed = parse_fees("Phí: 800.000 đồng/hồ sơ (áp dụng mức phí: 400.000 đồng/hồ sơ đến hết 2026)")

    assert [f["amount"] for f in fees] == [800000]
    assert "400.000" in fees[0]["note"]
    assert unparsed == []


def test_a_description_is_read_for_labelled_fees_only():
    assert parse_fees("Nộp 50.000 đồng tại kho bạc", labelled_only=True) == ([], [])
    assert parse_fees("Nộp tại kho bạc.<br>Lệ phí: 50.000 đồng", labelled_only=True)[0][0]["amount"] == 50000


# -- levels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Cấp bộ/ngành", ["central"]),
        ("Cấp Trung ương", ["central"]),
        ("Cấp Tỉnh", ["province"]),
        ("Cấp Huyện", ["district"]),
        ("Cấp xã, Cấp tỉnh, Cấp bộ/ngành", ["commune", "province", "central"]),
    ],
)
def test_levels_are_read_as_central_province_district_commune(text, levels):
    assert parse_levels(text) == (levels, [])


def test_other_agency_is_no_level_and_not_a_problem():
    assert parse_levels("Cấp tỉnh, Cơ quan khác") == (["province"], [])


def test_an_unknown_level_is_returned_as_not_understood():
    assert parse_levels("Cấp xã, Cấp thôn") == (["commune"], ["Cấp thôn"])


# -- documents, channels, legal basis ------------------------------------------------------------

DOCUMENTS_SECTION = """\
## Thành phần hồ sơ

### * Giấy tờ phải nộp:

| Tên giấy tờ | Bản chính | Bản sao | Tệp đính kèm |
| --- | --- | --- | --- |
| - Tờ khai đăng ký khai sinh theo mẫu; | 1 | 0 | [Mẫu TK01.docx](file:///C:/Users/someone/raw_data/TK01.docx)<br>[Mẫu TK01b.pdf](file:///C:/x.pdf) |
| + Giấy chứng sinh | 1 | 1 | Không có |
| Bản sao giấy tờ tùy thân | x | 1 | Không có |

### * Lưu ý:

| Tên giấy tờ | Bản chính | Bản sao | Tệp đính kèm |
| --- | --- | --- | --- |
| - Người tiếp nhận không được yêu cầu nộp thêm giấy tờ. | 0 | 0 | Không có |

| Tên giấy tờ | Bản chính | Bản sao | Tệp đính kèm |
| --- | --- | --- | --- |
| Văn bản ủy quyền (nếu có) | 0 | 1 | Không có |
"""


def read_documents(markdown: str):
    return parse_documents(parse_sheet(markdown).tables("Thành phần hồ sơ"))


def test_documents_are_read_without_bullets_with_their_counts():
    documents, _, _ = read_documents(DOCUMENTS_SECTION)

    assert [(d["name"], d["originals"], d["copies"], d["mandatory"]) for d in documents] == [
        ("Tờ khai đăng ký khai sinh theo mẫu;", 1, 0, True),
        ("Giấy chứng sinh", 1, 1, True),
        ("Bản sao giấy tờ tùy thân", 0, 1, True),
        ("Văn bản ủy quyền (nếu có)", 0, 1, True),
    ]


def test_attached_forms_become_form_names_without_the_exporters_file_paths():
    documents, _, _ = read_documents(DOCUMENTS_SECTION)

    assert [d["form_name"] for d in documents] == ["Mẫu TK01.docx; Mẫu TK01b.pdf", "", "", ""]


def test_documents_carry_the_heading_of_their_table_as_note():
    documents, _, _ = read_documents(DOCUMENTS_SECTION)

    assert [d["note"] for d in documents] == ["Giấy tờ phải nộp"] * 3 + [""]


def test_remarks_table_is_not_read_as_documents():
    documents, remarks, _ = read_documents(DOCUMENTS_SECTION)

    assert remarks == ["Người tiếp nhận không được yêu cầu nộp thêm giấy tờ."]
    assert all("Người tiếp nhận" not in d["name"] for d in documents)


def test_a_count_that_is_not_a_number_is_reported():
    _, _, problems = read_documents(DOCUMENTS_SECTION)

    assert problems == ["số bản “x” của “Bản sao giấy tờ tùy thân” không phải số từ 0 đến 100"]


def test_flattened_documents_of_a_fallback_sheet_are_split_at_their_counts():
    text = (
        "Hồ sơ của người nhận con nuôi: Tên giấy tờ Mẫu đơn, tờ khai Số lượng - Đơn xin nhận con nuôi; "
        "1.nxinnhnconnui.doc Bản chính: 1 - Bản sao: 0 -Bản sao Hộ chiếu; Bản chính: 0 - Bản sao: 2"
    )

    documents, leftover = parse_flat_documents(text)

    assert [(d["name"], d["originals"], d["copies"], d["note"]) for d in documents] == [
        ("Đơn xin nhận con nuôi; 1.nxinnhnconnui.doc", 1, 0, "Hồ sơ của người nhận con nuôi:"),
        ("Bản sao Hộ chiếu;", 0, 2, "Hồ sơ của người nhận con nuôi:"),
    ]
    assert leftover == ""


def test_flattened_channels_of_a_fallback_sheet_give_each_channel_its_time_and_fee():
    text = (
        "Hình thức nộp Thời hạn giải quyết Phí, lệ phí Mô tả Trực tiếp 03 Ngày làm việc Lệ phí: 500000 "
        "ĐồngXem chi tiết Nộp trực tiếp hoặc qua bưu chính. Trực tuyến 03 Ngày làm việc Lệ phí: 500000 "
        "ĐồngXem chi tiết Trực tuyến tại Cổng dịch vụ công."
    )

    channels = parse_flat_channels(text)

    assert [(c["channel"], c["time"], c["fee"]) for c in channels] == [
        ("Trực tiếp", "03 Ngày làm việc", "Lệ phí: 500000 Đồng"),
        ("Trực tuyến", "03 Ngày làm việc", "Lệ phí: 500000 Đồng"),
    ]
    assert channels[1]["description"] == "Trực tuyến tại Cổng dịch vụ công."


def test_legal_basis_is_read_as_name_and_number():
    sheet = parse_sheet(
        "## Căn cứ pháp lý\n\n| Tên văn bản pháp lý | Mã văn bản |\n| --- | --- |\n"
        "| Luật Hộ tịch | 60/2014/QH13 |\n| Nghị định quy định chi tiết | 123/2015/NĐ-CP |\n"
    )

    assert parse_legal_basis(sheet.tables("Căn cứ pháp lý")) == [
        {"name": "Luật Hộ tịch", "number": "60/2014/QH13"},
        {"name": "Nghị định quy định chi tiết", "number": "123/2015/NĐ-CP"},
    ]


def test_legal_basis_without_information_is_empty():
    assert (
        parse_legal_basis(parse_sheet("## Căn cứ pháp lý\n\nKhông có thông tin\n").tables("Căn cứ pháp lý"))
        == []
    )
