"""Vietnamese text folding for search and matching.

Unicode decomposition strips tone marks and vowel modifiers, but đ/Đ is a
letter of its own (no decomposition), so it is folded here explicitly: SQLite's
FTS5 ``remove_diacritics`` does not do it.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ → d, whitespace collapsed."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def tokens(text: str) -> list[str]:
    """Folded syllables of a text (a Vietnamese token is a syllable: "Nguyễn Văn Đức" → nguyen, van, duc)."""
    return _TOKEN.findall(fold(text))
