"""An OCRmyPDF plugin for what Tesseract sees and what it says.

What it sees: coloured ink is taken out of the image sent to OCR (never out of the page kept in the
PDF). Vietnamese papers carry a red seal (con dấu) and a blue signature over the signer's lines;
grey, they are blots over the letters. Printed text is black, so a pixel far from grey is ink of a
seal or a pen and becomes paper; black text under a red seal stays black.

How it reads: Tesseract's automatic layout sometimes takes the numbers of a numbered form ("1.",
"2.", … down the left margin) for a column of vertical text, and the numbers are lost as one line
of garbage, torn from their labels. When a page's hOCR shows such a strip, the page is read again
as one column of lines (page segmentation mode 4), which keeps each number with its label.

A table's column borders are taken out of the OCR image too.

What it says: the hOCR of each page (Tesseract's words with their boxes and confidences) is copied
to the folder named by ``MOTCUA_OCR_HOCR_DIR``, so the worker can tell the official how sure the OCR
is of each suggested field (``ocr_words``).

Loaded with ``--plugin motcua.documents.ocr_tesseract`` in the OCRmyPDF child process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

from motcua.documents.ocr_cleaning import for_ocr, has_stray_strip


@hookimpl
def filter_ocr_image(page, image):
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image.convert("RGB" if image.mode in ("RGB", "RGBA") else "L"))
    out = Image.fromarray(for_ocr(pixels), "L")
    out.info.update({k: v for k, v in image.info.items() if k == "dpi"})
    return out


@hookimpl
def filter_page_image(page, image_filename):
    """A deskewed page comes out of OCRmyPDF as a lossless PNG, three times the scanner's JPEG:
    a scan (grey or colour) is kept as a JPEG again; a black-and-white page stays lossless."""
    from PIL import Image

    with Image.open(image_filename) as image:
        if image.mode not in ("L", "RGB"):
            return image_filename
        target = image_filename.with_suffix(".jpg")
        image.save(target, format="JPEG", quality=85, dpi=image.info.get("dpi", (300, 300)))
    return target


class HocrKeepingTesseract(TesseractOcrEngine):
    """Tesseract as OCRmyPDF runs it, reading a numbered form again as one column, keeping the hOCR;
    the skew of a page measured without a Tesseract run (``page_geometry``)."""

    @staticmethod
    def get_deskew(input_file, options) -> float:
        import numpy as np
        from PIL import Image

        from motcua.documents.page_geometry import skew

        with Image.open(input_file) as image:
            dpi = (image.info.get("dpi") or (300, 300))[0] or 300
            gray = np.asarray(image.convert("L"))
        return skew(gray, float(dpi))

    @staticmethod
    def generate_hocr(input_file, output_hocr, output_text, options):
        TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, options)
        if options.tesseract.pagesegmode is None and has_stray_strip(Path(output_hocr).read_text("utf-8")):
            one_column = options.model_copy(deep=True)
            one_column.tesseract.pagesegmode = 4
            TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, one_column)
        folder = os.environ.get("MOTCUA_OCR_HOCR_DIR")
        if folder and Path(output_hocr).exists():
            shutil.copyfile(output_hocr, Path(folder) / Path(output_hocr).name)


@hookimpl
def get_ocr_engine(options):
    if options is not None and getattr(options, "ocr_engine", "auto") not in ("auto", "tesseract"):
        return None
    return HocrKeepingTesseract()
