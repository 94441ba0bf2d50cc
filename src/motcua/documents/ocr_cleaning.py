"""What Tesseract is shown and how its reading is checked, shared by the page-at-a-time reader
(``ocr_pages``) and the OCRmyPDF plugin (``ocr_tesseract``), with no OCRmyPDF import (a second to load).

Vietnamese papers carry a red seal (con dấu) and a blue signature over the signer's lines; grey,
they are blots over the letters. Printed text is black, so a pixel far from grey is ink of a seal
or a pen and becomes paper; black text under a red seal stays black. A table's column borders are
taken out too. Tesseract's automatic layout sometimes takes the numbers of a numbered form ("1.",
"2.", … down the left margin) for a column of vertical text (``has_stray_strip``): such a page is
read again as one column.
"""

from __future__ import annotations

import re

# Chroma (max − min of R, G, B) above which a pixel is coloured ink: red seals are ~170, blue
# ballpoint ~130, paper under a warm lamp ~40, black or grey print below 20.
INK_CHROMA = 70
# Next to coloured ink, a pixel this light is the ink's blurred edge, not black print.
PALE = 120


def for_ocr(pixels):
    """What Tesseract sees of a page (a uint8 numpy array, grey or RGB): coloured ink turned to
    paper, and around it the faint fringe a blurred photo leaves (pale, not dark print), then the
    table's column borders taken out."""
    import cv2
    import numpy as np

    if pixels.ndim == 3:
        red, green, blue = cv2.split(pixels)
        chroma = cv2.subtract(cv2.max(cv2.max(red, green), blue), cv2.min(cv2.min(red, green), blue))
        grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
        coloured = (chroma > INK_CHROMA).astype(np.uint8)
        fringe = cv2.dilate(coloured, np.ones((7, 7), np.uint8))
        grey[(coloured > 0) | ((fringe > 0) & (grey > PALE))] = 255
    else:
        grey = pixels
    return without_rules(grey)


def has_vertical_rules(grey) -> bool:
    """Whether the page has upright rules (a ruled table's column borders), as ``without_rules`` finds them."""
    import cv2

    span = max(60, grey.shape[0] // 30)
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    return bool(cv2.countNonZero(down))


def without_rules(grey):
    """The page with its vertical rules (a ruled table's column borders) turned to paper.

    Column borders touch the letters beside them and Tesseract reads them as "|", "[" or "1"; no
    stroke of a letter is straight and upright for a fifth of an inch, a border is. Horizontal rules
    stay: they keep a table's rows apart for the layout analysis, and the rule under a header runs
    through the dots below Vietnamese letters (ự, ộ, ậ), which must not be wiped with it."""
    import cv2
    import numpy as np

    span = max(60, grey.shape[0] // 30)  # ~117 pixels at 300 dpi on A4
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    rules = cv2.dilate(down, np.ones((3, 3), np.uint8))
    cleaned = grey.copy()
    cleaned[rules > 0] = 255
    return cleaned


_PAGE = re.compile(r"class='ocr_page'[^>]*?bbox 0 0 (\d+) (\d+)")
_SIDEWAYS_LINE = re.compile(
    r"class='ocr_line'[^>]*title=\"bbox (\d+) (\d+) (\d+) (\d+); textangle (?:90|270)"
)


def has_stray_strip(hocr: str) -> bool:
    """A narrow, tall line of 'vertical text' on an upright page: list numbers read as a column."""
    page = _PAGE.search(hocr)
    if page is None:
        return False
    width, height = int(page.group(1)), int(page.group(2))
    for match in _SIDEWAYS_LINE.finditer(hocr):
        x0, y0, x1, y1 = (int(v) for v in match.groups())
        if x1 - x0 < 0.03 * width and y1 - y0 > 0.05 * height:
            return True
    return False


_LINE_START = re.compile(r"class='ocr_(?:line|caption|textfloat|header)'")
_WORD_BOX = re.compile(r"class='ocrx_word'[^>]*title='bbox (\d+) \d+ (\d+) \d+")
GUTTER = 0.025  # of the page's width: wider than any space between words of a justified line
GUTTER_LINES = 5  # the Decree 30 header reads across its two blocks on three lines, rightly


def reads_across_a_gutter(hocr: str) -> bool:
    """Lines read across two columns: at least ``GUTTER_LINES`` lines each with a wide gap between
    two words, the gaps sharing a strip of the page (the white between the columns)."""
    page = _PAGE.search(hocr)
    if page is None:
        return False
    width = int(page.group(1))
    gaps: list[tuple[int, int]] = []
    for line in _LINE_START.split(hocr)[1:]:
        words = [(int(x0), int(x1)) for x0, x1 in _WORD_BOX.findall(line)]
        for (_a, left_end), (right_start, _b) in zip(words, words[1:], strict=False):
            if right_start - left_end > GUTTER * width:
                gaps.append((left_end, right_start))
    for x, _end in gaps:  # a strip shared by enough gaps starts where one of them starts
        if sum(1 for start, end in gaps if start <= x + 1 < end) >= GUTTER_LINES:
            return True
    return False
