"""Compile the translation catalogues (.po → .mo) with polib, so no GNU gettext is needed at run time.

Usage: scripts/compile_messages.py [--fill FILE.py]   (FILE.py defines a dict T of msgid → English)
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "motcua" / "locale"


def main(argv: list[str]) -> int:
    fill = {}
    if len(argv) == 2 and argv[0] == "--fill":
        scope: dict = {}
        exec(Path(argv[1]).read_text(encoding="utf-8"), scope)
        fill = scope["T"]
    missing = 0
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid in fill and not entry.msgstr:
                entry.msgstr = fill[entry.msgid]
            if "fuzzy" in entry.flags and entry.msgid in fill:
                entry.flags.remove("fuzzy")
                entry.msgstr = fill[entry.msgid]
            if (not entry.msgstr or "fuzzy" in entry.flags) and not entry.obsolete:
                missing += 1
                print(f"untranslated ({po_path.parent.parent.name}): {entry.msgid}")
        po.save()
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
