"""Photos of papers taken with a phone: find the sheet, flatten it, even out the light (OpenCV).

A citizen photographs a paper on a desk: the sheet is a quadrilateral inside the picture, seen
at an angle, lit from one side. Before OCR the worker cuts the sheet out along its four edges,
maps it back to a rectangle of the paper's proportions at 300 dpi (A4, A5 or as measured) and
divides out the light falling across it, so the page in the searchable PDF is straight and white
and Tesseract reads it like a scan. An image that is not such a photo (a scan, a screenshot, a
sheet filling the frame) is left as it is.
"""

from __future__ import annotations

import io
import math

DPI = 300
# Paper sizes in millimetres, portrait; a measured sheet close to one of them takes its size.
PAPERS = {"A4": (210, 297), "A5": (148, 210)}
WORK_SIDE = 1000  # the outline is looked for on a copy this many pixels on its long side


def _outline(gray):
    """The four corners of the sheet (top-left, top-right, bottom-right, bottom-left) or ``None``."""
    import cv2
    import numpy as np

    scale = WORK_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _threshold, sheet = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    sheet = cv2.morphologyEx(sheet, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))  # text is not a hole
    contours, _hierarchy = cv2.findContours(sheet, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / (small.shape[0] * small.shape[1])
    if not 0.2 < area < 0.97:
        return None  # no sheet, or a sheet that fills the frame (a scan): nothing to flatten
    corners = cv2.approxPolyDP(largest, 0.02 * cv2.arcLength(largest, True), True)
    if len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    points = corners.reshape(4, 2).astype("float32") / scale
    by_sum, by_diff = points.sum(axis=1), points[:, 1] - points[:, 0]
    return np.float32(
        [points[by_sum.argmin()], points[by_diff.argmin()], points[by_sum.argmax()], points[by_diff.argmax()]]
    )


def _target_size(corners) -> tuple[int, int]:
    """Pixels at 300 dpi of the sheet: the paper size its proportions name, else A4's width."""
    top = math.dist(corners[0], corners[1])
    bottom = math.dist(corners[3], corners[2])
    left = math.dist(corners[0], corners[3])
    right = math.dist(corners[1], corners[2])
    width, height = (top + bottom) / 2, (left + right) / 2
    ratio = max(width, height) / min(width, height)
    short_mm, long_mm = PAPERS["A4"]
    if abs(ratio - 297 / 210) > 0.08:
        long_mm = short_mm * ratio  # not an A paper: keep what was measured, 210 mm on the short side
    short, long = round(short_mm / 25.4 * DPI), round(long_mm / 25.4 * DPI)
    return (short, long) if width < height else (long, short)


def _even_light(image):
    """Divide each channel by the page's own background (the light), so paper is white everywhere.
    In uint8 throughout (OpenCV's saturating divide, a lookup table per channel): no float copies
    of a 12-megapixel photo."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    background = cv2.dilate(small, np.ones((7, 7), np.uint8))  # letters are thin: the max is paper
    background = cv2.medianBlur(background, 21)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    background = cv2.max(background, 1)
    level = cv2.divide(image, cv2.merge([background, background, background]), scale=255)
    sample = cv2.resize(level, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA).reshape(-1, 3)
    white = np.maximum(np.percentile(sample, 95, axis=0), 1.0)  # the paper, per channel
    table = np.clip(np.arange(256, dtype=np.float32)[:, None] * 255.0 / white, 0, 255).astype(np.uint8)
    return cv2.LUT(level, table.reshape(256, 1, 3))  # no colour cast


def flatten(data: bytes) -> bytes | None:
    """A phone photo of a sheet as a flat 300-dpi JPEG of the sheet alone; ``None`` if it is no such photo."""
    import cv2
    import numpy as np
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGB")  # phones store the turn in EXIF
    pixels = np.asarray(picture)
    corners = _outline(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY))
    if corners is None:
        return None
    width, height = _target_size(corners)
    matrix = cv2.getPerspectiveTransform(
        corners, np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    )
    sheet = cv2.warpPerspective(pixels, matrix, (width, height), flags=cv2.INTER_CUBIC)
    flat = Image.fromarray(_even_light(sheet))
    buffer = io.BytesIO()
    flat.save(buffer, format="JPEG", quality=88, dpi=(DPI, DPI))
    return buffer.getvalue()
