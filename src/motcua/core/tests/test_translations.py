"""Vietnamese first, English second: every Vietnamese string in the code has its English translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_entry_of_the_english_catalogue_is_translated():
    untranslated = [e.msgid for e in polib.pofile(str(PO)) if not e.msgstr or "fuzzy" in e.flags]
    assert untranslated == []


def test_the_compiled_catalogue_matches_its_source():
    source = {e.msgid: e.msgstr for e in polib.pofile(str(PO))}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo"))) if e.msgid}
    assert compiled == source, "run `make messages` (scripts/compile_messages.py) and commit the .mo"


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is not installed (scripts/install-system-packages)"
)
def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    copy = tmp_path / "motcua"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").unlink()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-location",
            "--settings",
            "motcua.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {
        e.msgid for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")) if e.msgid
    }
    committed = {e.msgid for e in polib.pofile(str(PO)) if e.msgid}
    assert sorted(extracted - committed) == [], "new strings: run `make messages` and translate them"


def test_a_status_reads_in_english_when_english_is_chosen():
    from motcua.dossiers.states import Status

    with translation.override("en"):
        assert str(Status.SUPPLEMENT_REQUESTED.label) == "Supplement requested"
    with translation.override("vi"):
        assert str(Status.SUPPLEMENT_REQUESTED.label) == "Yêu cầu bổ sung"
