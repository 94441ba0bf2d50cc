"""The versioned lexicon: every entry leads to a procedure of the national catalogue, the
fields with most procedures are covered, and ``migrate`` seeds it without undoing the
administrators' changes."""

import csv
from collections import Counter

import pytest

from motcua.search.models import Synonym
from motcua.search.services import seed_synonyms
from motcua.search.synonyms import load_lexicon
from motcua.search.tests.national import national_catalogue
from motcua.search.text import tokens


def _catalogue_rows():
    with (national_catalogue() / "procedures.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_lexicon_entry_resolves_to_a_procedure_of_the_national_catalogue():
    names = [" " + " ".join(tokens(row["Tên"])) + " " for row in _catalogue_rows()]

    unresolved = [
        (entry.field, entry.phrase, entry.meaning)
        for entry in load_lexicon()
        if not any(all(f" {word} " in name for word in tokens(entry.meaning)) for name in names)
    ]

    assert unresolved == []


def test_the_lexicon_covers_the_forty_fields_with_most_procedures():
    fields = Counter(" ".join(tokens(row["Lĩnh vực"])) for row in _catalogue_rows())
    covered = {" ".join(tokens(entry.field)) for entry in load_lexicon()}

    missing = [field for field, _ in fields.most_common(40) if field not in covered]

    assert missing == []
    assert len(covered & set(fields)) >= 100


def test_no_entry_translates_a_phrase_into_itself_or_twice():
    entries = load_lexicon()
    pairs = [(tuple(tokens(e.phrase)), tuple(tokens(e.meaning))) for e in entries]

    assert [p for p in pairs if p[0] == p[1]] == []
    assert [p for p, n in Counter(pairs).items() if n > 1] == []


@pytest.mark.django_db
def test_migrate_seeds_the_lexicon_and_keeps_what_administrators_changed():
    entry = load_lexicon()[0]
    switched_off = Synonym.objects.get(phrase=entry.phrase, meaning=entry.meaning)
    switched_off.is_active = False
    switched_off.save()
    own = Synonym.objects.create(phrase="thành gia thất", meaning="kết hôn")
    Synonym.objects.filter(from_lexicon=True).exclude(pk=switched_off.pk).first().delete()
    Synonym.objects.create(
        phrase="cụm từ cũ", meaning="đăng ký", from_lexicon=True
    )  # no longer in the lexicon

    added = seed_synonyms()

    assert added == 1  # the deleted one is back
    assert Synonym.objects.filter(from_lexicon=True).count() == len(
        {(e.phrase, e.meaning) for e in load_lexicon()}
    )
    switched_off.refresh_from_db()
    assert switched_off.is_active is False
    assert Synonym.objects.filter(pk=own.pk).exists()
    assert not Synonym.objects.filter(phrase="cụm từ cũ").exists()
