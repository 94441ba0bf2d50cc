"""Suggested metadata: read from the text as OCR gave it, diacritics kept, with Tesseract's confidence."""

import datetime

from motcua.documents import metadata, ocr_words

HEADER_READ_ACROSS = """UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ XÂY DỰNG Độc lập - Tự do - Hạnh phúc
Số: 101/QĐ-SXD Hà Tĩnh, ngày 2 tháng 2 năm 2026

QUYẾT ĐỊNH
Về việc cấp giấy phép xây dựng
"""

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='image "x.png"; bbox 0 0 2480 3508'>
<span class='ocr_line' id='line_1_1' title="bbox 1 1 2 2">
<span class='ocrx_word' id='word_1_1' title='bbox 1 1 2 2; x_wconf 96'>UBND</span>
<span class='ocrx_word' id='word_1_2' title='bbox 1 1 2 2; x_wconf 95'>TỈNH</span>
</span>
<span class='ocr_line' id='line_1_2' title="bbox 1 1 2 2">
<span class='ocrx_word' id='word_1_3' title='bbox 1 1 2 2; x_wconf 91'>SỞ</span>
<span class='ocrx_word' id='word_1_4' title='bbox 1 1 2 2; x_wconf 62'>XÂY</span>
<span class='ocrx_word' id='word_1_5' title='bbox 1 1 2 2; x_wconf 90'>DỰNG</span>
<span class='ocrx_word' id='word_1_6' title='bbox 1 1 2 2; x_wconf 93'>Số:</span>
<span class='ocrx_word' id='word_1_7' title='bbox 1 1 2 2; x_wconf 87'>101/QĐ-SXD</span>
</span></div></body></html>"""


def test_the_issuer_is_the_left_block_of_a_header_read_across_and_keeps_its_diacritics():
    found = metadata.suggest(HEADER_READ_ACROSS)
    assert found.issuer == "SỞ XÂY DỰNG"  # not "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert found.document_type == "Quyết định"
    assert found.number == "101/QĐ-SXD"
    assert found.issued_on == datetime.date(2026, 2, 2)


def test_a_suggestion_is_as_sure_as_its_least_sure_word():
    recognised = ocr_words.words([HOCR])
    assert ocr_words.confidence("SỞ XÂY DỰNG", recognised) == 62
    assert ocr_words.confidence("101/QĐ-SXD", recognised) == 87
    assert ocr_words.confidence("UBND TỈNH", recognised) == 95
    assert ocr_words.confidence("không có", recognised) is None
