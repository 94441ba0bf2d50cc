"""How far a scanned page is turned, in a tenth of a second (numpy, OpenCV).

Tesseract's own skew estimate (OCRmyPDF's ``--deskew``) is a separate Tesseract run costing about
0.75 s of CPU a page, half of reading it. A picture of the page at 75 dpi is enough: it is turned
by trial (−3° to 3° by half degrees, then by tenths around the best) and the angle whose rows of
ink are sharpest (the largest sum of squared row sums) is the one that levels the lines. Ruled
lines are taken out first, so a table's borders do not outvote its text.

(Which way up a page is stays Tesseract's orientation detection: a profile of ink above and below
the lines was tried and told upside-down scans from upright ones too unreliably.)
"""

from __future__ import annotations

WORK_DPI = 75


def _ink(gray, dpi: float):
    """The page at ``WORK_DPI`` with ink as 1 and paper as 0, ruled lines (table borders) taken out."""
    import cv2

    scale = WORK_DPI / dpi
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _t, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    span = WORK_DPI // 2  # no letter is straight for half an inch, a rule is
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    return ink & ~cv2.dilate(rules, None)


def _turned(ink, degrees: float):
    import cv2

    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)


def _sharpness(ink) -> float:
    import numpy as np

    rows = ink.sum(axis=1, dtype=np.float64)
    return float((rows * rows).sum())


def _level(ink) -> float:
    """The angle (degrees, counter-clockwise) that makes the lines of ``ink`` horizontal:
    by half degrees from −3° to 3°, then by tenths around the best."""
    coarse = max((k / 2 for k in range(-6, 7)), key=lambda angle: _sharpness(_turned(ink, angle)))
    return max((coarse + k / 10 for k in range(-4, 5)), key=lambda angle: _sharpness(_turned(ink, angle)))


def skew(gray, dpi: float) -> float:
    """How far the lines of text are turned, in degrees: rotating the page by it levels them."""
    return _level(_ink(gray, dpi))


def _spread(ink, axis: int) -> float:
    """How uneven the ink is across rows (``axis=1``) or columns (``axis=0``): lines of text and the
    gaps between them make their own direction's profile uneven."""
    import numpy as np

    sums = ink.sum(axis=axis, dtype=np.float64)
    sums = sums[sums > 0]
    return float(sums.std() / sums.mean()) if sums.size else 0.0


def line_direction(gray, dpi: float) -> float:
    """Rows' unevenness over columns': ~1.5–2 on an upright or upside-down page of text, its
    inverse on a page lying on its side, near 1 on a ruled table (too close to tell)."""
    ink = _ink(gray, dpi)
    across = _spread(ink, 0)
    return _spread(ink, 1) / across if across else 1.0
