"""Tesseract's words with their confidences, read from hOCR, to say how sure a suggestion is.

A suggested field (the number "125/2026/KS", the issuer "UBND PHƯỜNG THÀNH SEN") is found in the
text; the same words are looked up in the page's hOCR and the field is as sure as its least sure
word (Tesseract's ``x_wconf``, 0–100). The official sees that figure beside the field.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_CONFIDENCE = re.compile(r"x_wconf (\d+)")


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words: list[tuple[str, int]] = []
        self._current: list | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("class") == "ocrx_word":
            found = _CONFIDENCE.search(values.get("title") or "")
            self._current = ["", int(found.group(1)) if found else 0]

    def handle_data(self, data):
        if self._current is not None:
            self._current[0] += data

    def handle_endtag(self, tag):
        if self._current is not None and tag == "span":
            text = self._current[0].strip()
            if text:
                self.words.append((text, self._current[1]))
            self._current = None


def words(hocr_pages: list[str]) -> list[tuple[str, int]]:
    """Every word of the document in reading order, with its confidence."""
    found: list[tuple[str, int]] = []
    for page in hocr_pages:
        parser = _Words()
        parser.feed(page)
        found += parser.words
    return found


def confidence(span: str, document_words: list[tuple[str, int]]) -> int | None:
    """How sure Tesseract was of the words of ``span`` (the least sure of them), or ``None`` if not found."""
    wanted = span.split()
    if not wanted:
        return None
    texts = [text for text, _conf in document_words]
    for start in range(len(texts) - len(wanted) + 1):
        window = texts[start : start + len(wanted)]
        # the span may start or end inside a word ("Số:125/2026/KS"): the ends need only contain it
        if (
            window[1:-1] == wanted[1:-1]
            and wanted[0] in window[0]
            and (len(wanted) == 1 or wanted[-1] in window[-1])
        ):
            return min(conf for _text, conf in document_words[start : start + len(wanted)])
    return None
